//! The templates this page knows: the built-in ones, and the committees' own that the device keeps
//! (`components::forms`) or that documents opened or read here carried. The page's state, kept
//! here as the clock and the ids are kept by `platform`: the core holds none, and is handed a copy
//! ([`known`]) or, to read a file, the value itself ([`update`]).

use std::cell::RefCell;

use tusoi_core::forms::template::{Forms, Template, TemplateId};

thread_local! {
    static KNOWN: RefCell<Forms> = RefCell::new(Forms::default());
}

/// A copy of what the page knows, to hand to the core (a few references: cheap).
pub fn known() -> Forms {
    KNOWN.with(|k| k.borrow().clone())
}

/// The template with this id: a built-in one, else a committee's the page knows.
pub fn get(id: &TemplateId) -> Option<&'static Template> {
    KNOWN.with(|k| k.borrow().get(id))
}

/// Changes what the page knows: a committee's template kept, checked from a document, or removed.
pub fn update<T>(change: impl FnOnce(&mut Forms) -> T) -> T {
    KNOWN.with(|k| change(&mut k.borrow_mut()))
}
