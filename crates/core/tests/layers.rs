//! The core's layers, held by a test (ARCHITECTURE.md, "Layers of the core"). `src/lib.rs` lists
//! the layers bottom up, each a `pub mod layer { pub mod module; … }` block, and that order is the
//! rule: a module may use the layers below its own and the modules listed before it in its own
//! layer, nothing else. An upward edge or a cycle therefore fails here, with the line that made it.
//!
//! Only code that ships is checked: a file's `#[cfg(test)]` module (always last in this crate) may
//! use whatever it needs to build a case.

use std::path::Path;

/// The layers and their modules in the order `lib.rs` declares them.
fn declared_order(lib: &str) -> Vec<(String, Vec<String>)> {
    let mut layers: Vec<(String, Vec<String>)> = Vec::new();
    for line in lib.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("pub mod ") else {
            continue;
        };
        if let Some(layer) = rest.strip_suffix(" {") {
            layers.push((layer.to_owned(), Vec::new()));
        } else if let (Some(module), Some(layer)) = (rest.strip_suffix(';'), layers.last_mut()) {
            layer.1.push(module.to_owned());
        }
    }
    layers
}

/// Every `crate::a::b` (and `crate::a` alone) in the shipped part of a file, with its line.
fn crate_paths(source: &str) -> Vec<(usize, String, Option<String>)> {
    let shipped = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for (n, line) in shipped.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let mut parts = after.split("::").map(|p| {
                p.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            });
            let first = parts.next().unwrap_or_default();
            let second = parts.next().filter(|s| !s.is_empty());
            found.push((n + 1, first, second));
            rest = after;
        }
    }
    found
}

/// The rule's breaches in the crate at `root`: each one a sentence naming the file and line.
fn breaches(root: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    let layers = declared_order(&lib);
    assert!(
        !layers.is_empty(),
        "lib.rs declares its layers as `pub mod layer {{ … }}` blocks"
    );
    let position = |layer: &str, module: &str| -> Option<(usize, usize)> {
        let l = layers.iter().position(|(name, _)| name == layer)?;
        let m = layers[l].1.iter().position(|name| name == module)?;
        Some((l, m))
    };
    let mut out = Vec::new();
    for (l, (layer, modules)) in layers.iter().enumerate() {
        for (m, module) in modules.iter().enumerate() {
            let file = root.join(format!("src/{layer}/{module}.rs"));
            let source = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for (line, first, second) in crate_paths(&source) {
                let at = format!("src/{layer}/{module}.rs:{line}");
                let Some(second) = second else {
                    out.push(format!("{at}: `crate::{first}` bypasses the layers"));
                    continue;
                };
                match position(&first, &second) {
                    None => out.push(format!(
                        "{at}: `crate::{first}::{second}` is no module of a layer"
                    )),
                    Some((tl, tm)) if tl > l || (tl == l && tm >= m) => out.push(format!(
                        "{at}: {layer}::{module} uses {first}::{second}, which is not below it"
                    )),
                    Some(_) => {}
                }
            }
            if source
                .split("#[cfg(test)]")
                .next()
                .is_some_and(|s| s.contains("super::"))
            {
                out.push(format!(
                    "src/{layer}/{module}.rs: `super::` hides which module is used"
                ));
            }
        }
    }
    out
}

#[test]
fn no_module_of_the_core_uses_a_layer_above_it_or_a_later_module_of_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    let names: Vec<String> = declared_order(&lib).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        names,
        ["base", "forms", "model", "analysis", "workflow", "chibo"],
        "the six layers of ARCHITECTURE.md, bottom up"
    );
    let breaches = breaches(root);
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

/// The lines of a source's shipped part that hold state able to change after start: a `static`
/// behind a lock or a cell, an atomic, a `static mut`, a thread-local. A `OnceLock` filled once
/// from constants (a table folded once) is a constant, not state, and is allowed.
fn mutable_state(source: &str) -> Vec<usize> {
    let shipped = source.split("#[cfg(test)]").next().unwrap_or("");
    let changing = [
        "Mutex<",
        "RwLock<",
        "RefCell<",
        "Cell<",
        "Atomic",
        "static mut ",
        "thread_local!",
    ];
    shipped
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            code.contains("thread_local!")
                || code.contains("static mut ")
                || (code.contains("static ") && changing.iter().any(|c| code.contains(c)))
        })
        .map(|(n, _)| n + 1)
        .collect()
}

/// Invariant 29: what the core knows is what it is given. The committees' templates once lived
/// in two process-wide `Mutex` statics, so what `parse_import` did depended on what ran before.
#[test]
fn the_core_holds_no_state_that_changes_after_start() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut files = vec![root.join("lib.rs")];
    for entry in std::fs::read_dir(&root).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            for file in std::fs::read_dir(&path).expect("layer folder") {
                files.push(file.expect("file").path());
            }
        }
    }
    for file in files {
        let source = std::fs::read_to_string(&file).expect("a source file");
        for line in mutable_state(&source) {
            found.push(format!("{}:{line}", file.display()));
        }
    }
    assert!(found.is_empty(), "state in the core: {}", found.join(", "));
    // The scan itself: the old registry is caught, a constant folded once and test code are not.
    let old = "static REGISTERED: std::sync::Mutex<Vec<Registered>> = Mutex::new(Vec::new());\n\
               static FORM_CHECK: std::sync::Mutex<Option<FormCheck>> = Mutex::new(None);\n\
               thread_local! { static X: RefCell<u8> = RefCell::new(0); }\n\
               static WORDS: std::sync::OnceLock<Vec<String>> = OnceLock::new();\n\
               #[cfg(test)]\nstatic N: AtomicUsize = AtomicUsize::new(0);";
    assert_eq!(mutable_state(old), vec![1, 2, 3]);
}

#[test]
fn every_source_file_of_the_core_is_in_a_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    let declared: Vec<String> = declared_order(&lib)
        .into_iter()
        .flat_map(|(layer, modules)| modules.into_iter().map(move |m| format!("{layer}/{m}.rs")))
        .collect();
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(root.join("src")).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            for file in std::fs::read_dir(&path).expect("layer folder") {
                let file = file.expect("file").path();
                let layer = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                on_disk.push(format!("{layer}/{name}"));
            }
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert_eq!(name, "lib.rs", "only lib.rs sits outside the layer folders");
        }
    }
    on_disk.sort();
    let mut declared_sorted = declared.clone();
    declared_sorted.sort();
    assert_eq!(on_disk, declared_sorted);
}

/// The checker itself: an upward edge, a later module of the same layer, a path around the
/// layers and `super::` are each caught; a downward edge and test code are not.
#[test]
fn the_layer_check_catches_each_kind_of_breach() {
    let dir = std::env::temp_dir().join(format!("tusoi-layers-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    };
    write(
        "src/lib.rs",
        "pub mod base {\n    pub mod a;\n    pub mod b;\n}\npub mod forms {\n    pub mod c;\n}\npub mod model {\n    pub mod d;\n}\npub mod analysis {\n    pub mod e;\n}\npub mod workflow {\n    pub mod f;\n}\n",
    );
    write("src/base/a.rs", "use crate::base::b::X;\n");
    write("src/base/b.rs", "use crate::forms::c::Y; // upward\n");
    write(
        "src/forms/c.rs",
        "use crate::base::a::Z;\nfn f() { crate::Thing; }\n",
    );
    write(
        "src/model/d.rs",
        "use super::e;\n#[cfg(test)]\nmod tests { use crate::workflow::f::W; }\n",
    );
    write("src/analysis/e.rs", "use crate::model::d::V;\n");
    write("src/workflow/f.rs", "use crate::analysis::e::U;\n");
    let found = breaches(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("src/base/a.rs:1") && found[0].contains("base::b"));
    assert!(found[1].contains("src/base/b.rs:1") && found[1].contains("forms::c"));
    assert!(found[2].contains("src/forms/c.rs:2") && found[2].contains("bypasses"));
    assert!(found[3].contains("src/model/d.rs") && found[3].contains("super::"));
}
