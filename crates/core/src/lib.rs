//! The pure domain of Tự soi: the document model, the official form templates (as data), scoring,
//! validation, the pledge, the self-check, carry-over, the linter, the user-visible message catalogue and the export/import envelope.
//!
//! Nothing here knows about the browser: the crate must not depend on yew, web-sys, js-sys,
//! wasm-bindgen or gloo (`cargo xtask test` checks this), so every rule is tested with plain
//! `cargo test`. The web shell passes in what only the browser knows (ids, the clock) as plain values.

pub mod carry;
pub mod document;
pub mod export;
pub mod keeping;
pub mod lint;
pub mod messages;
pub mod pledge;
pub mod rating;
pub mod reference;
pub mod rubric;
pub mod rules;
pub mod scoring;
pub mod selfcheck;
pub mod template;
pub mod text;
pub mod time;
pub mod validation;

pub use document::{Document, DocumentSummary, Edit, HeaderField};
pub use export::{ExportEnvelope, ImportError, EXPORT_FORMAT, SCHEMA_VERSION};
pub use messages::{t, Msg};
pub use rating::Rating;
pub use template::{Template, TemplateId};
pub use validation::{validate, Issue};

/// The version of the app that wrote an export, recorded in every envelope.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Sorts a short list in place (insertion sort, stable). The lists here are a few dozen items at
/// most, and the standard library's sort routines cost the wasm bundle about 2 kB each.
pub fn sort_small<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_small_sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_small(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        super::sort_small(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
