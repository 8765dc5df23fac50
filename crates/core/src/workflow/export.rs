//! The export envelope and the importer.
//!
//! An export is pretty JSON: `{format, schema_version, app_version, exported_at, documents}`. One
//! document ("Xuất JSON") and all of them ("Xuất tất cả") use the same envelope, so there is one
//! format to import. Import is parse, check the envelope, check each document, then plan: nothing is
//! stored until the whole file has passed, and ids already on the device are never overwritten
//! without the member's choice ([`ImportPlan`]).
//!
//! The JSON Schema of the envelope is generated from these types and committed as
//! `crates/core/schema/export.schema.json`; a test fails when the two drift.

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{t, tf, Msg};
use crate::forms::template::{FormCheck, Template};
use crate::model::document::Document;

/// The value of the `format` field of every export.
pub const EXPORT_FORMAT: &str = "tusoi-export";
/// The version of the export and storage format this build writes and the newest it reads.
///
/// - 1: reviews.
/// - 2: pledges (`commitments`, `theme`, `study_registration`), the self-check (`self_check`),
///   carry-over (`carried`) and links between documents (`links`). [`migrate_document`] brings a
///   version 1 document up.
/// - 3: the year between reviews: each commitment's quarterly `progress`, the upper level's
///   `prompts` with the answer to each issue, a carried item's `prompt` (it came from one); the
///   other documents: the identity's `admission_date`, `transfer_date` and `study_subject`, and a
///   "bài thu hoạch"'s `questions`.
/// - 4: a document made from a committee's own template carries that template's file (`form`,
///   `forms::custom`). A version 3 document has none and needs no change.
pub const SCHEMA_VERSION: u32 = 4;

/// Brings the JSON of one document written under schema version `from` to the current version, step
/// by step. Used by the importer and by storage for records written by an older build.
pub fn migrate_document(value: &mut serde_json::Value, from: u32) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if from < 2 {
        // `insert` rather than the entry API: the bundle already carries `insert` for parsing.
        let mut add = |key: &str, value: serde_json::Value| {
            if !object.contains_key(key) {
                object.insert(key.to_owned(), value);
            }
        };
        for key in ["commitments", "self_check", "carried", "links"] {
            add(key, serde_json::Value::Array(Vec::new()));
        }
        add("theme", serde_json::Value::String(String::new()));
        add("study_registration", serde_json::Value::Bool(false));
    }
    if from < 3 {
        if !object.contains_key("prompts") {
            object.insert("prompts".to_owned(), serde_json::Value::Null);
        }
        if let Some(serde_json::Value::Object(identity)) = object.get_mut("identity") {
            for key in ["admission_date", "transfer_date", "study_subject"] {
                if !identity.contains_key(key) {
                    identity.insert(key.to_owned(), serde_json::Value::String(String::new()));
                }
            }
        }
        if !object.contains_key("questions") {
            object.insert("questions".to_owned(), serde_json::Value::Array(Vec::new()));
        }
        for (list, key, value) in [
            (
                "commitments",
                "progress",
                serde_json::Value::Array(Vec::new()),
            ),
            ("carried", "prompt", serde_json::Value::Bool(false)),
        ] {
            if let Some(serde_json::Value::Array(items)) = object.get_mut(list) {
                for item in items.iter_mut().filter_map(|c| c.as_object_mut()) {
                    if !item.contains_key(key) {
                        item.insert(key.to_owned(), value.clone());
                    }
                }
            }
        }
    }
}
/// Files larger than this are refused before they are read. "Xuất tất cả" of a few thousand long
/// documents stays under it (2,000 leader's reviews with every section written at length make
/// 19,7 MB), so whatever the app writes, it reads back; a file this large is not an export. The
/// import still builds a JSON tree of the whole file before its documents (see the closing note
/// of December 2026: reading straight into the types cost 16 kB of brotli).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

// Its documents are typed ([`Document`], the default), or the JSON a store keeps for them
// (`serde_json::Value`, migrated to this version: the home page's export, which never reads a body
// into its type, docs/size.md); either way the file is the same format. (The doc comment below is
// the schema's description.)
/// An export file of Tự soi.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Tự soi export", rename = "ExportEnvelope")]
pub struct ExportEnvelope<D = Document> {
    /// Always `tusoi-export`.
    #[schemars(extend("const" = "tusoi-export"))]
    pub format: String,
    /// The version of this format; a reader refuses versions newer than it knows.
    #[schemars(range(min = 1))]
    pub schema_version: u32,
    /// The version of the app that wrote the file.
    pub app_version: String,
    /// When the file was written (RFC 3339, UTC).
    pub exported_at: String,
    /// The exported documents.
    pub documents: Vec<D>,
}

impl ExportEnvelope {
    /// An envelope of the current format around some documents.
    pub fn new(documents: Vec<Document>, now: &str) -> ExportEnvelope {
        ExportEnvelope::around(documents, now)
    }
}

impl<D: Exportable> ExportEnvelope<D> {
    /// An envelope of the current format around documents of either form.
    pub fn around(documents: Vec<D>, now: &str) -> ExportEnvelope<D> {
        ExportEnvelope {
            format: EXPORT_FORMAT.to_owned(),
            schema_version: SCHEMA_VERSION,
            app_version: crate::base::util::APP_VERSION.to_owned(),
            exported_at: now.to_owned(),
            documents,
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers to a String cannot fail; the fallback
        // keeps the function total without a panic path.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A document as an export carries it: typed, or as the JSON a store keeps, at this version
/// (`Backend::get_json`), whose id and revision are read from their fields.
pub trait Exportable: Serialize {
    fn id(&self) -> &str;
    fn revision(&self) -> u64;
}

impl Exportable for Document {
    fn id(&self) -> &str {
        &self.id
    }
    fn revision(&self) -> u64 {
        self.revision
    }
}

impl Exportable for serde_json::Value {
    fn id(&self) -> &str {
        self.get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }
    /// A record too old to carry one counts as never changed since its creation (0): the
    /// reminder then asks once more rather than once less.
    fn revision(&self) -> u64 {
        self.get("revision")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or_default()
    }
}

/// The JSON Schema of the export format, as committed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ExportEnvelope);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a file cannot be imported. Each has a Vietnamese message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: u64,
    },
    NotText,
    NotJson {
        line: usize,
        column: usize,
    },
    NotOurs,
    SchemaTooNew {
        found: u64,
    },
    SchemaInvalid {
        found: String,
    },
    BadDocument {
        index: usize,
        detail: String,
    },
    UnknownTemplate {
        title: String,
        template: String,
    },
    /// The committee's template a document carries fails its check (`forms::custom`): the
    /// checker's own message, so the home page's wasm carries neither the checker nor its text.
    BadForm {
        message: String,
    },
    Empty,
    DuplicateInFile {
        id: String,
    },
}

impl ImportError {
    /// The message shown to the member.
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge { bytes } => tf(
                Msg::ImportTooLarge,
                &[
                    (
                        "size",
                        &crate::base::number::format_fixed(*bytes as f64 / 1_048_576.0, 1),
                    ),
                    ("max", &(MAX_IMPORT_BYTES / 1_048_576).to_string()),
                ],
            ),
            ImportError::NotText => t(Msg::ImportNotText).to_owned(),
            ImportError::NotJson { line, column } => tf(
                Msg::ImportNotJson,
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ImportError::NotOurs => t(Msg::ImportNotOurs).to_owned(),
            ImportError::SchemaTooNew { found } => tf(
                Msg::ImportSchemaTooNew,
                &[
                    ("found", &found.to_string()),
                    ("supported", &SCHEMA_VERSION.to_string()),
                ],
            ),
            ImportError::SchemaInvalid { found } => {
                tf(Msg::ImportSchemaInvalid, &[("found", found)])
            }
            ImportError::BadDocument { index, detail } => tf(
                Msg::ImportBadDocument,
                &[("index", &(index + 1).to_string()), ("detail", detail)],
            ),
            ImportError::UnknownTemplate { title, template } => tf(
                Msg::ImportUnknownTemplate,
                &[("title", title), ("template", template)],
            ),
            ImportError::BadForm { message } => message.clone(),
            ImportError::Empty => t(Msg::ImportEmpty).to_owned(),
            ImportError::DuplicateInFile { id } => tf(Msg::ImportDuplicateInFile, &[("id", id)]),
        }
    }
}

/// Checks a file's size before it is read.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        Err(ImportError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Parses and checks an export file's bytes; the committees' templates its documents carry go
/// through `forms` ([`FormCheck`]). Never panics, whatever the input.
pub fn parse_import(
    bytes: &[u8],
    forms: &mut impl FormCheck,
) -> Result<Vec<Document>, ImportError> {
    check_size(bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    // Editors on Windows add a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One pass over the text: each document becomes a `Document` as soon as it is read, so a
    // large file is held once as bytes and once as documents, never also as one JSON tree
    // (tests/import_memory.rs).
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            // Valid JSON that is not an object: another app's file.
            ImportError::NotOurs
        } else {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    if envelope.format.as_ref().and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotOurs);
    }
    let version = schema_version(envelope.schema_version.as_ref())?;
    let documents = match (envelope.documents, envelope.buffered) {
        (Some(read), _) => read?,
        // The documents came before the schema version: read them now, from their tree.
        (None, Some(serde_json::Value::Array(values))) => {
            let mut ids = HashSet::new();
            values
                .into_iter()
                .enumerate()
                .map(|(index, value)| document(index, value, version, &mut ids))
                .collect::<Result<_, _>>()?
        }
        _ => {
            return Err(ImportError::BadDocument {
                index: 0,
                detail: "documents".into(),
            })
        }
    };
    if documents.is_empty() {
        return Err(ImportError::Empty);
    }
    check_templates(&documents, forms)?;
    Ok(documents)
}

/// The schema version of a file, or why it cannot be read.
fn schema_version(value: Option<&serde_json::Value>) -> Result<u32, ImportError> {
    let Some(v) = value else {
        return Err(ImportError::SchemaInvalid {
            found: "—".into()
        });
    };
    match v.as_u64() {
        Some(n) if n > u64::from(SCHEMA_VERSION) => Err(ImportError::SchemaTooNew { found: n }),
        // At most SCHEMA_VERSION here, so the conversion cannot fail.
        Some(n) if n >= 1 => Ok(u32::try_from(n).unwrap_or(SCHEMA_VERSION)),
        _ => Err(ImportError::SchemaInvalid { found: describe(v) }),
    }
}

/// The document at `index` of a file, migrated from `version` and checked.
fn document(
    index: usize,
    mut value: serde_json::Value,
    version: u32,
    ids: &mut HashSet<String>,
) -> Result<Document, ImportError> {
    migrate_document(&mut value, version);
    let document: Document =
        serde_json::from_value(value).map_err(|e| ImportError::BadDocument {
            index,
            detail: e.to_string(),
        })?;
    check_document(index, &document)?;
    if !ids.insert(document.id.clone()) {
        return Err(ImportError::DuplicateInFile { id: document.id });
    }
    Ok(document)
}

/// An export file's envelope as read in one pass: the documents already read (or why not) when
/// the schema version came before them, as it does in every file the app writes; their tree when
/// it did not.
#[derive(Default)]
struct Envelope {
    format: Option<serde_json::Value>,
    schema_version: Option<serde_json::Value>,
    documents: Option<Result<Vec<Document>, ImportError>>,
    buffered: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Envelope, D::Error> {
        d.deserialize_map(EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

impl<'de> serde::de::Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        use serde::de::IgnoredAny;
        let mut e = Envelope::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "format" => e.format = Some(map.next_value()?),
                "schema_version" => e.schema_version = Some(map.next_value()?),
                "documents" => match schema_version(e.schema_version.as_ref()) {
                    Ok(version) => e.documents = Some(map.next_value_seed(Documents(version))?),
                    Err(_) => e.buffered = Some(map.next_value()?),
                },
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(e)
    }
}

/// The `documents` array, each element read as a tree, turned into a document and dropped.
struct Documents(u32);

impl<'de> serde::de::DeserializeSeed<'de> for Documents {
    type Value = Result<Vec<Document>, ImportError>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn not_an_array() -> Result<Vec<Document>, ImportError> {
    Err(ImportError::BadDocument {
        index: 0,
        detail: "documents".into(),
    })
}

impl<'de> serde::de::Visitor<'de> for Documents {
    type Value = Result<Vec<Document>, ImportError>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of documents")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let (mut out, mut ids, mut failed) = (Vec::new(), HashSet::new(), None);
        let mut index = 0;
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            // After the first bad document the rest is only read through, to its end.
            if failed.is_none() {
                match document(index, value, self.0, &mut ids) {
                    Ok(d) => out.push(d),
                    Err(e) => failed = Some(e),
                }
            }
            index += 1;
        }
        Ok(failed.map_or(Ok(out), Err))
    }
    // Anything but an array is refused as "documents", once read through.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::IgnoredAny;
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(not_an_array())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(not_an_array())
    }
}

/// A short description of a JSON value for a message: `"1"`, `0`, `-2`, or its kind. Written out
/// instead of `Value::to_string`, which pulls a JSON writer and float formatting into the bundle.
fn describe(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(s) if s.chars().count() <= 20 => format!("\"{s}\""),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| t(Msg::ValueNumber).to_owned(), |i| i.to_string()),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::String(_) => t(Msg::ValueText).to_owned(),
        Value::Array(_) => t(Msg::ValueList).to_owned(),
        Value::Object(_) => t(Msg::ValueObject).to_owned(),
    }
}

/// What serde cannot check: values that parse but could not have been written by the app.
pub(crate) fn check_document(index: usize, document: &Document) -> Result<(), ImportError> {
    let bad = |detail: &str| ImportError::BadDocument {
        index,
        detail: detail.to_owned(),
    };
    if document.id.trim().is_empty() || document.id.len() > 100 {
        return Err(bad("id"));
    }
    if !(1990..=2100).contains(&document.year) {
        return Err(bad("year"));
    }
    if document.scores.iter().any(|s| !s.points.is_finite()) {
        return Err(bad("scores"));
    }
    let unique = |ids: Vec<&str>| ids.iter().collect::<HashSet<_>>().len() == ids.len();
    if !unique(document.commitments.iter().map(|c| c.id.as_str()).collect()) {
        return Err(bad("commitments"));
    }
    if !unique(document.carried.iter().map(|c| c.id.as_str()).collect()) {
        return Err(bad("carried"));
    }
    // One record per quarter, quarters 1 to 4 in order, as the editor writes them.
    if document.commitments.iter().any(|c| {
        c.progress.iter().any(|p| !(1..=4).contains(&p.quarter))
            || c.progress.windows(2).any(|w| w[0].quarter >= w[1].quarter)
    }) {
        return Err(bad("progress"));
    }
    if !unique(document.questions.iter().map(|q| q.id.as_str()).collect())
        || document.questions.iter().any(|q| q.id.trim().is_empty())
    {
        return Err(bad("questions"));
    }
    if document.prompts.as_ref().is_some_and(|p| {
        p.issues.iter().any(|i| i.id.trim().is_empty())
            || !unique(p.issues.iter().map(|i| i.id.as_str()).collect())
    }) {
        return Err(bad("prompts"));
    }
    if document
        .rubric
        .as_ref()
        .is_some_and(|r| crate::forms::rubric::check(r).is_err() || !r.fits(&document.template_id))
    {
        return Err(bad("rubric"));
    }
    // A committee's own template travels with the document, under its own id.
    if let Some(form) = &document.form {
        let id = &document.template_id;
        if Template::is_built_in(id)
            || form.get("id").and_then(serde_json::Value::as_str) != Some(id.as_str())
        {
            return Err(bad("form"));
        }
    }
    Ok(())
}

/// The templates of a file's documents, once every document is read: a committee's form a
/// document carries goes to `forms` (checked where `forms` checks: `forms::custom::Checking`); a
/// document without one must follow a template `forms` knows.
fn check_templates(documents: &[Document], forms: &mut impl FormCheck) -> Result<(), ImportError> {
    for document in documents {
        let id = &document.template_id;
        match &document.form {
            Some(form) => {
                if let Some(Err(message)) = forms.check(id, &document.title, form) {
                    return Err(ImportError::BadForm { message });
                }
            }
            None if !forms.knows(id) => {
                return Err(ImportError::UnknownTemplate {
                    title: document.title.clone(),
                    template: id.clone(),
                });
            }
            None => {}
        }
    }
    Ok(())
}

/// How to treat an imported document whose id is already on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The imported document overwrites the one on the device.
    Replace,
    /// The imported document is added under a new id; the one on the device stays.
    KeepBoth,
}

/// The documents of a checked file, split by whether their id is already on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub fresh: Vec<Document>,
    pub conflicts: Vec<Document>,
}

impl ImportPlan {
    /// Splits the documents of a file against the ids on the device.
    pub fn new(documents: Vec<Document>, existing: &HashSet<String>) -> ImportPlan {
        let (conflicts, fresh) = documents
            .into_iter()
            .partition(|d| existing.contains(&d.id));
        ImportPlan { fresh, conflicts }
    }

    /// The documents to store, once the member has chosen what to do with conflicts.
    pub fn resolve(
        self,
        resolution: Resolution,
        mut new_id: impl FnMut() -> String,
    ) -> Vec<Document> {
        let mut out = self.fresh;
        // The ids given to copies, so links among the file's documents follow them.
        let mut renamed: Vec<(String, String)> = Vec::new();
        for mut document in self.conflicts {
            if resolution == Resolution::KeepBoth {
                let id = new_id();
                renamed.push((std::mem::replace(&mut document.id, id.clone()), id));
                document.title = format!("{} {}", document.title, t(Msg::CopySuffix));
            }
            out.push(document);
        }
        // A link from one imported document to another imported as a copy points at the copy, not
        // at the document already on the device.
        for document in &mut out {
            for link in &mut document.links {
                if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == link.document) {
                    link.document = new.clone();
                }
            }
            for item in &mut document.carried {
                if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == item.origin.document)
                {
                    item.origin.document = new.clone();
                }
            }
            for c in &mut document.commitments {
                if let Some(origin) = &mut c.origin {
                    if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == origin.document)
                    {
                        origin.document = new.clone();
                    }
                }
            }
        }
        out
    }
}

/// The name of an export file: `tu-soi-<what>-<yyyy-mm-dd>.json`, ASCII only so every system
/// (and every chat app a file is sent through) keeps it. `today` is `YYYY-MM-DD`.
pub fn file_name(what: &str, today: &str) -> String {
    format!("tu-soi-{}-{today}.json", crate::base::text::slug(what))
}

/// The name of an export sent from a phone: `tu-soi-<what>-<yyyy-mm-dd>.tusoi.txt`. Chromium's
/// share sheet takes `.txt` and refuses `.json`; the import reads the file by its content.
pub fn share_file_name(what: &str, today: &str) -> String {
    format!("tu-soi-{}-{today}.tusoi.txt", crate::base::text::slug(what))
}

/// The name of a sealed export ("Xuất có mật khẩu"): `tu-soi-<what>-<yyyy-mm-dd>-mat-khau.tusoi.txt`,
/// so whoever receives it sees that it needs the passphrase; `.txt` for the share sheet as above.
pub fn sealed_file_name(what: &str, today: &str) -> String {
    format!(
        "tu-soi-{}-{today}-mat-khau.tusoi.txt",
        crate::base::text::slug(what)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_export_is_named_as_one() {
        assert_eq!(
            sealed_file_name("Bản kiểm điểm năm 2026", "2026-12-01"),
            "tu-soi-ban-kiem-diem-nam-2026-2026-12-01-mat-khau.tusoi.txt"
        );
    }

    #[test]
    fn export_file_names_are_ascii_with_the_date() {
        assert_eq!(
            file_name("Bản kiểm điểm năm 2026", "2026-12-01"),
            "tu-soi-ban-kiem-diem-nam-2026-2026-12-01.json"
        );
        assert_eq!(
            file_name("tat-ca", "2026-12-01"),
            "tu-soi-tat-ca-2026-12-01.json"
        );
    }
    use crate::forms::field::HeaderField;
    use crate::forms::rating::Rating;
    use crate::model::document::Edit;

    fn sample(id: &str) -> Document {
        let mut d = Document::new(
            id.into(),
            Template::get("HD43-2025/2B").unwrap(),
            2025,
            "2025-12-01T08:00:00.000Z",
        );
        d.apply(Edit::Field(HeaderField::FullName, "Trần Thị Bình".into()));
        d.apply(Edit::Section(
            "A.I.2".into(),
            "Hoàn thành 12/12 nhiệm vụ; vượt 4.\n<b>không phải HTML</b>".into(),
        ));
        d.apply(Edit::Score("general".into(), Some(27.5)));
        d.apply(Edit::Rating(Some(Rating::HoanThanhTot)));
        d.touch("2025-12-02T09:30:00.000Z");
        d
    }

    fn file(documents: Vec<Document>) -> String {
        ExportEnvelope::new(documents, "2025-12-03T00:00:00.000Z").to_json()
    }

    #[test]
    fn export_round_trips_every_field() {
        let docs = vec![sample("a"), sample("b")];
        let text = file(docs.clone());
        assert!(
            text.contains("\n  \"format\": \"tusoi-export\""),
            "pretty JSON"
        );
        assert_eq!(
            parse_import(
                text.as_bytes(),
                &mut crate::forms::template::Forms::default()
            ),
            Ok(docs)
        );
    }

    /// The home page exports what the store keeps as JSON, never reading it into its type: the
    /// file reads back as the typed export of the same documents, an older record's JSON
    /// migrated included.
    #[test]
    fn an_export_of_stored_json_imports_as_the_export_of_its_documents() {
        let docs = vec![sample("a"), sample("b")];
        let mut values: Vec<serde_json::Value> = docs
            .iter()
            .map(|d| serde_json::to_value(d).unwrap())
            .collect();
        // "b" as a version 1 build stored it: none of the later fields.
        let old = values[1].as_object_mut().unwrap();
        for key in [
            "commitments",
            "self_check",
            "carried",
            "links",
            "theme",
            "prompts",
        ] {
            assert!(
                old.remove(key).is_some(),
                "{key} is a field of today's document"
            );
        }
        migrate_document(&mut values[1], 1);
        let raw = ExportEnvelope::around(values, "2025-12-03T00:00:00.000Z").to_json();
        let check = &mut crate::forms::template::Forms::default();
        assert_eq!(parse_import(raw.as_bytes(), check), Ok(docs.clone()));
        assert_eq!(
            parse_import(raw.as_bytes(), check),
            parse_import(file(docs).as_bytes(), check)
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", file(vec![sample("a")]));
        assert_eq!(
            parse_import(
                text.as_bytes(),
                &mut crate::forms::template::Forms::default()
            )
            .map(|d| d.len()),
            Ok(1)
        );
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let good = file(vec![sample("a")]);
        let cases: Vec<(Vec<u8>, ImportError)> = vec![
            (
                good.as_bytes()[..good.len() / 2].to_vec(),
                ImportError::NotJson { line: 0, column: 0 },
            ),
            (
                b"hello".to_vec(),
                ImportError::NotJson { line: 1, column: 1 },
            ),
            (vec![0xff, 0xfe, b'{', 0], ImportError::NotText),
            (b"[1,2]".to_vec(), ImportError::NotOurs),
            (
                br#"{"format":"excalidraw","schema_version":1,"documents":[]}"#.to_vec(),
                ImportError::NotOurs,
            ),
            (
                good.replace(
                    &format!("\"schema_version\": {SCHEMA_VERSION}"),
                    "\"schema_version\": 7",
                )
                .into_bytes(),
                ImportError::SchemaTooNew { found: 7 },
            ),
            (
                good.replace(
                    &format!("\"schema_version\": {SCHEMA_VERSION}"),
                    "\"schema_version\": \"1\"",
                )
                .into_bytes(),
                ImportError::SchemaInvalid {
                    found: "\"1\"".into(),
                },
            ),
            (
                good.replace(
                    &format!("\"schema_version\": {SCHEMA_VERSION}"),
                    "\"schema_version\": 0",
                )
                .into_bytes(),
                ImportError::SchemaInvalid { found: "0".into() },
            ),
            (file(vec![]).into_bytes(), ImportError::Empty),
            (
                file(vec![sample("a"), sample("a")]).into_bytes(),
                ImportError::DuplicateInFile { id: "a".into() },
            ),
            (
                good.replace("HD43-2025/2B", "HD99-2031/9Z").into_bytes(),
                ImportError::UnknownTemplate {
                    title: "Bản kiểm điểm năm 2025".into(),
                    template: "HD99-2031/9Z".into(),
                },
            ),
            (
                good.replace("\"year\": 2025", "\"year\": 3025")
                    .into_bytes(),
                ImportError::BadDocument {
                    index: 0,
                    detail: "year".into(),
                },
            ),
            (
                vec![b' '; (MAX_IMPORT_BYTES + 1) as usize],
                ImportError::TooLarge {
                    bytes: MAX_IMPORT_BYTES + 1,
                },
            ),
        ];
        for (bytes, expected) in cases {
            let got = parse_import(&bytes, &mut crate::forms::template::Forms::default());
            match (&got, &expected) {
                // Where a JSON syntax error lands depends on serde_json; only the kind matters.
                (Err(ImportError::NotJson { .. }), ImportError::NotJson { line: 0, .. }) => {}
                _ => assert_eq!(got, Err(expected.clone())),
            }
            let message = got.unwrap_err().message();
            assert!(!message.contains('{'), "unfilled placeholder: {message}");
        }
    }

    #[test]
    fn all_that_export_all_writes_import_reads_back_for_two_thousand_long_documents() {
        let t = Template::get("HD43-2025/2A").unwrap();
        let words = "Chủ trì thẩm định hồ sơ dự án đầu tư công của phường hoàn thành đúng hạn và bảo đảm chất lượng hướng dẫn cán bộ mới";
        let documents: Vec<Document> = (0..2000)
            .map(|i| {
                let mut d = Document::new(format!("d{i}"), t, 2026, "2026-01-01T00:00:00.000Z");
                for section in t
                    .sections
                    .iter()
                    .filter(|s| s.kind == crate::forms::template::SectionKind::Text)
                {
                    let text = format!("{i}: {}", [words; 4].join(" "));
                    d.apply(Edit::Section(section.id.into(), text));
                }
                d
            })
            .collect();
        let file = ExportEnvelope::new(documents.clone(), "2026-12-01T00:00:00.000Z").to_json();
        assert!(
            file.len() > 5 * 1024 * 1024,
            "{} bytes: larger than the old limit",
            file.len()
        );
        assert!((file.len() as u64) < MAX_IMPORT_BYTES);
        assert_eq!(
            parse_import(
                file.as_bytes(),
                &mut crate::forms::template::Forms::default()
            ),
            Ok(documents)
        );
    }

    #[test]
    fn a_document_nested_too_deep_is_not_json_at_its_place_in_the_file() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let file = format!(
            "{{\n  \"format\": \"tusoi-export\",\n  \"schema_version\": 2,\n  \"documents\": [\n    {deep}\n  ]\n}}"
        );
        match parse_import(
            file.as_bytes(),
            &mut crate::forms::template::Forms::default(),
        ) {
            // Line 5, past the indentation and the 128 brackets the parser allows.
            Err(ImportError::NotJson { line: 5, column }) => assert!(column > 128, "{column}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_document_with_a_wrong_type_names_its_position() {
        let good = file(vec![sample("a"), sample("b")]);
        let broken = good
            .replacen("\"revision\": 1", "\"revision\": \"một\"", 2)
            .replacen("\"revision\": \"một\"", "\"revision\": 1", 1);
        match parse_import(
            broken.as_bytes(),
            &mut crate::forms::template::Forms::default(),
        ) {
            Err(ImportError::BadDocument { index: 1, detail }) => {
                assert!(detail.contains("invalid type"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn import_messages_are_specific() {
        assert_eq!(
            ImportError::SchemaTooNew { found: 5 }.message(),
            "Tệp được tạo bởi phiên bản Tự soi mới hơn (định dạng 5, bản này đọc được đến 4). Hãy cập nhật ứng dụng rồi nhập lại."
        );
        assert!(ImportError::TooLarge {
            bytes: 80 * 1_048_576
        }
        .message()
        .starts_with("Tệp quá lớn (80,0 MB; tối đa 64 MB)"));
    }

    #[test]
    fn conflicts_are_replaced_or_kept_as_copies_by_choice() {
        let existing: HashSet<String> = ["a".to_owned()].into();
        let plan = ImportPlan::new(vec![sample("a"), sample("b")], &existing);
        assert_eq!(
            plan.fresh.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(plan.conflicts.len(), 1);

        let replaced = plan.clone().resolve(Resolution::Replace, || unreachable!());
        assert_eq!(
            replaced.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );

        let kept = plan.resolve(Resolution::KeepBoth, || "new".to_owned());
        assert_eq!(
            kept.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["b", "new"]
        );
        assert!(kept[1].title.ends_with("(bản sao)"));
    }

    #[test]
    fn links_among_documents_imported_as_copies_point_at_the_copies() {
        use crate::model::link::{Link, LinkRole};
        let t = Template::get("HD43-2025/2B").unwrap();
        let last = Document::new("last".into(), t, 2025, "2025-12-01T00:00:00.000Z");
        let mut k = 0;
        let mut ids = || {
            k += 1;
            if k == 1 {
                "this".to_owned()
            } else {
                format!("item-{k}")
            }
        };
        let mut this = crate::workflow::carry::review_from_previous(
            &crate::forms::template::Forms::default(),
            &last,
            None,
            t,
            2026,
            "2026-12-01T00:00:00.000Z",
            &mut ids,
        );
        this.links.push(Link {
            role: LinkRole::PreviousReview,
            document: "elsewhere".into(),
            title: "Không nhập".into(),
            year: 2024,
        });
        // Both are on the device already: kept both, the copies get new ids.
        let existing: HashSet<String> = ["last".to_owned(), "this".to_owned()].into();
        let plan = ImportPlan::new(vec![last, this], &existing);
        let mut n = 0;
        let kept = plan.resolve(Resolution::KeepBoth, || {
            n += 1;
            format!("copy-{n}")
        });
        let copy_of_last = &kept[0].id;
        assert_eq!(copy_of_last, "copy-1");
        assert_eq!(kept[1].links[0].document, *copy_of_last, "follows the copy");
        assert_eq!(
            kept[1].links[1].document, "elsewhere",
            "a link outside the file stays"
        );
        // Replacing keeps the ids, so nothing moves.
        let plan = ImportPlan::new(kept.clone(), &HashSet::new());
        assert_eq!(plan.resolve(Resolution::Replace, || unreachable!()), kept);
    }

    /// Regenerate with `UPDATE_SCHEMA=1 cargo test -p tusoi-core`.
    #[test]
    fn committed_json_schema_matches_the_types() {
        crate::base::util::tests::assert_schema_committed("export.schema.json", &json_schema());
    }
}
