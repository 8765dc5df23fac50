//! Turns the form templates (`templates/*.json`), the reference lists (`reference/nq04-2016.json`,
//! `reference/qd37-2021.json`) and the linter's settings (`reference/lint.json`) into Rust statics
//! in `$OUT_DIR`. The files stay the data a party committee edits; the app gets them without a JSON
//! parser for their types, which saved the wasm bundle kilobytes of brotli. A malformed file stops
//! the build with its name and the field at fault; an unknown field is an error, as a typo would be.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const LISTS: &[&str] = &["reference/nq04-2016.json", "reference/qd37-2021.json"];
/// The built-in templates, in the order the app lists them. Adding a form is adding its file here.
const TEMPLATES: &[&str] = &[
    "templates/HD43-2025-2A.json",
    "templates/HD43-2025-2B.json",
    "templates/HD43-2025-2C.json",
    "templates/HD43-2025-01.json",
    "templates/HD25-2023-02A.json",
    "templates/HD25-2023-02B.json",
    "templates/HD21-2019-02.json",
    "templates/TUSOI-CAMKET.json",
    "templates/TUSOI-DUBI.json",
    "templates/TUSOI-CHUYEN.json",
    "templates/TUSOI-THUHOACH.json",
];
const LINT: &str = "reference/lint.json";

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut lists = String::from("&[\n");
    for file in LISTS {
        println!("cargo:rerun-if-changed={file}");
        lists.push_str(&list(file, &read(&dir, file)));
    }
    lists.push_str("]\n");
    write(&out, "reference.rs", &lists);
    println!("cargo:rerun-if-changed={LINT}");
    write(&out, "lint.rs", &lint(&read(&dir, LINT)));
    let mut templates = String::from("&[\n");
    let mut tips = String::from("&[\n");
    for file in TEMPLATES {
        println!("cargo:rerun-if-changed={file}");
        let value = read(&dir, file);
        templates.push_str(&emit(file, &value, &Ty::Struct("Template")));
        templates.push_str(",\n");
        tips.push_str(&section_tips(file, &value));
    }
    templates.push_str("]\n");
    tips.push_str("]\n");
    write(&out, "templates.rs", &templates);
    write(&out, "tips.rs", &tips);
}

/// The texts of a template's sections: `SectionTexts { template, section, note, hint, examples }`
/// for each section that has any.
fn section_tips(file: &str, template: &Value) -> String {
    let id = text(file, template, "id");
    let mut out = String::new();
    for section in field(file, template, "sections")
        .as_array()
        .unwrap_or_else(|| panic!("{file}: `sections` must be a list"))
    {
        let optional = |key: &str| {
            section.get(key).map_or("None".to_owned(), |h| {
                format!("Some({})", emit(file, h, &Ty::Str))
            })
        };
        let (note, hint) = (optional("note"), optional("hint"));
        let examples = section
            .get("examples")
            .map_or("&[]".to_owned(), |e| emit(file, e, &Ty::List(&Ty::Str)));
        if note != "None" || hint != "None" || examples != "&[]" {
            out.push_str(&format!(
                "SectionTexts {{ template: {id}, section: {}, note: {note}, hint: {hint}, examples: {examples} }},\n",
                text(file, section, "id")
            ));
        }
    }
    out
}

// The fields of a template file and the names its enums take, shared with `forms::custom`, which
// checks a committee's own file at run time by the same rules.
include!("src/forms/spec.rs");

/// `full_name` → `FullName`.
fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// A value of a template file as a Rust expression of its type.
fn emit(file: &str, value: &Value, ty: &Ty) -> String {
    let wrong = |what: &str| -> ! { panic!("{file}: {value} should be {what}") };
    match ty {
        Ty::Str => lit(value.as_str().unwrap_or_else(|| wrong("text"))),
        Ty::Num => value
            .as_u64()
            .unwrap_or_else(|| wrong("a whole number"))
            .to_string(),
        Ty::Bool => value
            .as_bool()
            .unwrap_or_else(|| wrong("true or false"))
            .to_string(),
        Ty::Enum(name) => {
            let variant = value.as_str().unwrap_or_else(|| wrong("a name"));
            assert!(
                variants(name).contains(&variant),
                "{file}: `{variant}` is not a {name}; it is one of {:?}",
                variants(name)
            );
            format!("{name}::{}", camel(variant))
        }
        Ty::Opt(inner) => match value {
            Value::Null => "None".into(),
            v => format!("Some({})", emit(file, v, inner)),
        },
        Ty::List(inner) => {
            let items: Vec<String> = value
                .as_array()
                .unwrap_or_else(|| wrong("a list"))
                .iter()
                .map(|v| emit(file, v, inner))
                .collect();
            format!("&[{}]", items.join(", "))
        }
        Ty::Struct(name) => {
            let spec = fields(name);
            let names: Vec<&str> = spec.iter().map(|(n, _, _)| *n).collect();
            known(file, value, &names);
            let inits: Vec<String> = spec
                .iter()
                .filter(|(field, _, _)| !(*name == "Section" && TIP_FIELDS.contains(field)))
                .map(|(field, ty, default)| (rust_field(name, field), field, ty, default))
                .map(
                    |(rust, field, ty, default)| match (value.get(field), default) {
                        (Some(v), _) => format!("{rust}: {}", emit(file, v, ty)),
                        (None, Some(d)) => format!("{rust}: {d}"),
                        (None, None) => panic!("{file}: {name} lacks `{field}`"),
                    },
                )
                .collect();
            let own = if *name == "Template" {
                // A committee's texts and file (`Template::own_texts`): none for a built-in one.
                ", own_texts: &[], own_file: None"
            } else {
                ""
            };
            format!("{name} {{ {}{own} }}", inits.join(", "))
        }
    }
}

fn read(dir: &str, file: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(dir).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn write(out: &str, name: &str, text: &str) {
    std::fs::write(Path::new(out).join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// The Rust field a file's key fills: the same name, but for a template's `kind` (who writes the
/// form, `Template::audience`) and `audience` (the guidance's words for them,
/// `Template::audience_text`), whose keys the committees' files keep.
fn rust_field<'a>(ty: &str, key: &'a str) -> &'a str {
    match (ty, key) {
        ("Template", "kind") => "audience",
        ("Template", "audience") => "audience_text",
        _ => key,
    }
}

/// A Rust string literal (Debug of `str` is valid Rust syntax).
fn lit(v: &str) -> String {
    format!("{v:?}")
}

fn field<'a>(file: &str, value: &'a Value, key: &str) -> &'a Value {
    value
        .get(key)
        .unwrap_or_else(|| panic!("{file}: missing `{key}` in {value}"))
}

fn text(file: &str, value: &Value, key: &str) -> String {
    lit(field(file, value, key)
        .as_str()
        .unwrap_or_else(|| panic!("{file}: `{key}` must be text")))
}

fn optional_text(file: &str, value: &Value, key: &str) -> String {
    match value.get(key) {
        None | Some(Value::Null) => "None".into(),
        Some(_) => format!("Some({})", text(file, value, key)),
    }
}

fn array<'a>(file: &str, value: &'a Value, key: &str) -> &'a Vec<Value> {
    field(file, value, key)
        .as_array()
        .unwrap_or_else(|| panic!("{file}: `{key}` must be a list"))
}

fn known(file: &str, value: &Value, allowed: &[&str]) {
    for key in value
        .as_object()
        .unwrap_or_else(|| panic!("{file}: {value} is not an object"))
        .keys()
    {
        assert!(
            allowed.contains(&key.as_str()),
            "{file}: unknown field `{key}`"
        );
    }
}

fn list(file: &str, v: &Value) -> String {
    known(
        file,
        v,
        &[
            "id",
            "title",
            "document",
            "note",
            "cite_until",
            "groups",
            "items",
        ],
    );
    let cite_until = match v.get("cite_until") {
        None | Some(Value::Null) => "None".to_owned(),
        Some(y) => format!(
            "Some({})",
            y.as_u64()
                .unwrap_or_else(|| panic!("{file}: `cite_until` must be a year"))
        ),
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "ReferenceList {{ id: {}, title: {}, document: {}, note: {}, cite_until: {cite_until}, groups: &[",
        text(file, v, "id"),
        text(file, v, "title"),
        text(file, v, "document"),
        optional_text(file, v, "note")
    );
    for g in array(file, v, "groups") {
        known(file, g, &["id", "title"]);
        let _ = write!(
            s,
            "Group {{ id: {}, title: {} }}, ",
            text(file, g, "id"),
            text(file, g, "title")
        );
    }
    s.push_str("], items: &[\n");
    for i in array(file, v, "items") {
        known(
            file,
            i,
            &["id", "group", "label", "status", "text", "source"],
        );
        let status = match field(file, i, "status").as_str() {
            Some("verified") => "Verified",
            Some("partial") => "Partial",
            Some("label") => "Label",
            Some("unknown") => "Unknown",
            other => panic!("{file}: status {other:?} is not verified, partial, label or unknown"),
        };
        let _ = writeln!(
            s,
            "  Item {{ id: {}, group: {}, label: {}, status: TextStatus::{status}, text: {}, source: {} }},",
            text(file, i, "id"),
            text(file, i, "group"),
            text(file, i, "label"),
            optional_text(file, i, "text"),
            text(file, i, "source")
        );
    }
    s.push_str("] },\n");
    s
}

fn lint(v: &Value) -> String {
    let file = LINT;
    known(
        file,
        v,
        &[
            "shingle_words",
            "similarity",
            "min_chars",
            "none_answers",
            "generic_phrases",
            "samples",
        ],
    );
    let number = |key: &str| {
        field(file, v, key)
            .as_f64()
            .unwrap_or_else(|| panic!("{file}: `{key}` must be a number"))
    };
    let texts = |key: &str| {
        array(file, v, key)
            .iter()
            .map(|t| {
                lit(t
                    .as_str()
                    .unwrap_or_else(|| panic!("{file}: `{key}` must hold text")))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let phrases: Vec<String> = array(file, v, "generic_phrases")
        .iter()
        .map(|p| {
            known(file, p, &["phrase", "suggestion"]);
            format!(
                "GenericPhrase {{ phrase: {}, suggestion: {} }}",
                text(file, p, "phrase"),
                text(file, p, "suggestion")
            )
        })
        .collect();
    format!(
        "LintConfig {{ shingle_words: {}, similarity: {:?}, min_chars: {}, none_answers: &[{}], generic_phrases: &[{}], samples: &[{}] }}\n",
        number("shingle_words") as usize,
        number("similarity"),
        number("min_chars") as usize,
        texts("none_answers"),
        phrases.join(", "),
        texts("samples")
    )
}
