// The fields of a template file, shared by `build.rs` (which turns the built-in files into statics,
// `include!`-ing this file) and `forms::custom` (which checks a committee's file at run time), so a
// file is held to one set of rules wherever it is read. No inner doc comment and no `crate::` path:
// this file is also compiled as part of the build script.

/// The shape of a template file's value.
#[allow(dead_code)]
#[derive(Debug)]
pub enum Ty {
    Str,
    Num,
    Bool,
    /// An enum of `template.rs`, `field.rs` or `rating.rs`, written in snake case in the file;
    /// [`variants`] lists the names it takes.
    Enum(&'static str),
    Opt(&'static Ty),
    List(&'static Ty),
    Struct(&'static str),
}

/// A field: its name, its shape, and the Rust written when the file leaves it out (`None`: the
/// field is required).
pub type Field = (&'static str, Ty, Option<&'static str>);

/// A section's fields that `build.rs` puts not in its static but in `tips.rs`: the form's note, the
/// app's writing tip and examples, which only the editor, the print page and the linter read.
#[allow(dead_code)]
pub const TIP_FIELDS: [&str; 3] = ["note", "hint", "examples"];

/// The fields of each object of a template file.
pub fn fields(name: &str) -> &'static [Field] {
    use Ty::*;
    match name {
        "Template" => &[
            ("id", Str, None),
            ("document", Enum("DocKind"), Some("DocKind::Review")),
            ("guidance", Str, None),
            ("regulation", Str, None),
            ("code", Str, None),
            ("audience", Str, None),
            ("kind", Enum("Audience"), None),
            ("first_year", Num, None),
            ("last_year", Opt(&Num), Some("None")),
            ("identity", List(&Enum("HeaderField")), None),
            ("rating_lists", List(&Struct("RatingListSpec")), None),
            ("unverified", Opt(&Str), Some("None")),
            ("title", Str, None),
            ("study_title", Opt(&Str), Some("None")),
            ("opening", Opt(&Str), Some("None")),
            ("closing", Opt(&Str), Some("None")),
            ("subtitle", Struct("Provenanced"), None),
            ("sections", List(&Struct("Section")), None),
            ("score_groups", List(&Struct("ScoreGroup")), None),
            ("signature", Struct("Signature"), None),
            (
                "approval_blocks",
                List(&Struct("ApprovalBlock")),
                Some("&[]"),
            ),
        ],
        "Section" => &[
            ("id", Str, None),
            ("kind", Enum("SectionKind"), None),
            ("heading", Str, None),
            ("note", Opt(&Str), Some("None")),
            ("hint", Opt(&Str), Some("None")),
            ("optional", Bool, Some("false")),
            ("required", Bool, Some("false")),
            ("verified", Bool, None),
            ("examples", List(&Str), Some("&[]")),
            ("min_chars", Opt(&Num), Some("None")),
            ("remedies", Bool, Some("false")),
            ("role", Opt(&Enum("SectionRole")), Some("None")),
            ("study", Bool, Some("false")),
        ],
        "RatingListSpec" => &[("list", Enum("RatingList"), None), ("label", Str, None)],
        "ScoreGroup" => &[("id", Str, None), ("label", Str, None), ("max", Num, None)],
        "Signature" => &[("title", Str, None), ("note", Str, None)],
        "ApprovalBlock" => &[
            ("heading", Opt(&Str), Some("None")),
            ("lines", List(&Str), None),
            ("signer", Str, None),
            ("signer_note", Opt(&Str), Some("None")),
        ],
        "Provenanced" => &[("text", Str, None), ("verified", Bool, None)],
        other => panic!("the template spec knows no type {other}"),
    }
}

/// The names an enum of a template file takes, as the file writes them.
pub fn variants(name: &str) -> &'static [&'static str] {
    match name {
        "DocKind" => &["review", "pledge", "probation", "transfer", "study"],
        "Audience" => &["leader", "member", "outside", "collective"],
        "HeaderField" => &[
            "dang_bo",
            "chi_bo",
            "place",
            "date",
            "full_name",
            "birth_date",
            "work_unit",
            "party_position",
            "government_position",
            "union_position",
            "collective_name",
            "admission_date",
            "transfer_date",
            "study_subject",
        ],
        "RatingList" => &["party", "civil_servant"],
        "SectionKind" => &[
            "heading",
            "text",
            "scores",
            "rating",
            "commitments",
            "questions",
        ],
        "SectionRole" => &[
            "self_check",
            "pledge_results",
            "shortcomings",
            "carried",
            "remedies",
            "prompts",
        ],
        other => panic!("the template spec knows no enum {other}"),
    }
}

/// The largest whole number a field of this name takes (`max` is a score group's `u8`, a year is
/// a `u16`), so a number that would not fit is refused rather than cut.
#[allow(dead_code)]
pub fn largest(field: &str) -> u64 {
    match field {
        "max" => 100,
        "first_year" | "last_year" => 2100,
        _ => 100_000,
    }
}
