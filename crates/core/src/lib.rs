//! The pure domain of Tự soi: the document model, the official form templates (as data), scoring,
//! validation, the pledge, the self-check, carry-over, the linter, the user-visible message
//! catalogue and the export/import envelope.
//!
//! Nothing here knows about the browser: the crate must not depend on yew, web-sys, js-sys,
//! wasm-bindgen or gloo (`cargo xtask check` checks this), so every rule is tested with plain
//! `cargo test`. The web shell passes in what only the browser knows (ids, the clock) as plain
//! values.
//!
//! The modules are in six layers, each a folder; a module uses only the layers below its own and
//! the modules listed before it in its own layer (`tests/layers.rs` fails on anything else):
//!
//! 1. [`base`]: text folding, time, Vietnamese numbers, the message catalogue. Knows nothing of
//!    forms or documents.
//! 2. [`forms`]: the official forms as data, field addresses, ratings, reference lists, rubrics.
//!    Knows nothing of what a member wrote.
//! 3. [`model`]: the document and its parts, and the edits that change them. Knows nothing of
//!    scoring, checking or linting, nor of other documents.
//! 4. [`analysis`]: what can be said of a document: points, rules, problems, lint findings, the
//!    self-check summary, retention. Reads documents, never changes them.
//! 5. [`workflow`]: what the member does across documents and time: carry-over, export and import
//!    with migrations, the storage door as a trait (and its memory backend), the editor's autosave
//!    session as a state machine. Knows nothing of the browser: time, ids and the store's answers
//!    come in as values, and what to do comes out as data.
//! 6. [`chibo`]: the secretary's side: members' files received, checked and rolled up. Knows
//!    nothing of the member's editor or of how anything is stored; a member's documents enter
//!    only through the export format.

pub mod base {
    //! Layer 1: helpers with no knowledge of forms or documents.
    pub mod util;
    pub mod text;
    pub mod time;
    pub mod number;
    pub mod messages;
    pub mod zip;
    pub mod base64;
    pub mod environment;
    pub mod base45;
    pub mod frames;
}

pub mod forms {
    //! Layer 2: the official forms as data, and the addresses of their fields.
    pub mod rating;
    pub mod field;
    pub mod template;
    pub mod reference;
    pub mod rubric;
    /// The fields of a template file, shared with `build.rs`.
    pub mod spec;
    pub mod custom;
}

pub mod model {
    //! Layer 3: the document a member writes and the edits that change it.
    pub mod condition;
    pub mod check;
    pub mod carried;
    pub mod link;
    pub mod pledge;
    pub mod prompt;
    pub mod study;
    pub mod document;
    pub mod profile;
}

pub mod analysis {
    //! Layer 4: what can be said of a document, without changing it.
    pub mod scoring;
    pub mod rules;
    pub mod validation;
    pub mod lint;
    pub mod selfcheck;
    pub mod retention;
}

pub mod workflow {
    //! Layer 5: what the member does across documents: carry-over, export and import, storage,
    //! the editor's session.
    pub mod carry;
    pub mod export;
    pub mod prompt_file;
    pub mod sealed;
    pub mod lock;
    #[cfg(feature = "native-crypto")]
    pub mod sealed_native;
    pub mod store;
    pub mod library;
    #[cfg(any(test, feature = "contract"))]
    pub mod contract;
    pub mod session;
    pub mod page;
    pub mod docx;
}

pub mod chibo {
    //! Layer 6: the chi bộ's workspace: receiving members' files, the roster, the roll-up.
    pub mod messages;
    pub mod archive;
    pub mod roster;
    pub mod stages;
    pub mod intake;
    pub mod copies;
    pub mod csv;
    pub mod table;
    pub mod counts;
    pub mod checks;
    pub mod view;
    pub mod follow;
    pub mod rollup;
    pub mod arrival;
    pub mod workspace;
    pub mod summary;
    pub mod meeting;
    pub mod session;
}

pub use analysis::validation::{validate, Issue};
pub use base::messages::{t, Msg};
pub use base::util::APP_VERSION;
pub use forms::field::{FieldId, HeaderField};
pub use forms::rating::Rating;
pub use forms::template::{Template, TemplateId};
pub use model::document::{Document, DocumentSummary, Edit};
pub use workflow::export::{ExportEnvelope, ImportError, EXPORT_FORMAT, SCHEMA_VERSION};
