//! The editor's autosave session as a state machine, in the manner of Crux: the shell sends
//! [`Event`]s (the document loaded, an edit, the timer fired, the page hidden, another tab saved,
//! the member's choice, and the answers to effects), and [`Session::update`] returns the
//! [`Effect`]s to carry out as plain data (arm the timer, save with the expected version, fetch,
//! store a copy, ask for persistent storage, render). The shell holds no save rules; every rule
//! here is tested with `cargo test`, and `tests/session.rs` replays two tabs over one
//! [`MemoryStore`](crate::workflow::store::MemoryStore).
//!
//! The rules (ARCHITECTURE.md, invariant 6):
//! - the first unsaved edit arms a timer of [`AUTOSAVE_DELAY_MS`]; later edits do not push it back,
//!   so a save comes at most that long after any keystroke, even while the member types on;
//! - the timer, a hidden page, leaving the editor or opening another document saves at once;
//! - a save expects the version the last save began from (saves are issued in order, and the
//!   store runs them in order); typing during a save stays dirty, and a failed save keeps the
//!   text dirty and in memory and retries from the last version confirmed;
//! - a conflict with what this tab last wrote (an earlier save of ours failed) retries silently;
//!   a newer version from another tab is never overwritten: taken at once when nothing here is
//!   unsaved, else the member chooses, and "keep mine as a copy" stores theirs as a new document;
//! - a save the store has not answered after [`SAVE_ANSWER_MS`] is reported as a failure (the
//!   text stays on the page, the export is offered), and from then on the timer saves beside it
//!   instead of waiting for its answer; a late answer still counts.

use crate::base::messages::{et, etf, EditorMsg};
use crate::base::messages::{t, tf, Msg};
use crate::model::document::{Document, Edit};
use crate::workflow::store::{StorageError, Version};

/// How long after the first unsaved edit the document is saved, in milliseconds. The timer is not
/// pushed back by later edits, so this is also the most typing a crash can lose.
pub const AUTOSAVE_DELAY_MS: u32 = 500;

/// How long a save may go unanswered before the member is told it has not been confirmed, in
/// milliseconds. A save takes milliseconds, tens of them on a slow phone; a browser whose storage
/// hangs (seen once in WebKitGTK) would otherwise show "Đang lưu…" for ever.
pub const SAVE_ANSWER_MS: u32 = 10_000;

/// What the status line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing to say (just opened, or a conflict resolved).
    #[default]
    Idle,
    /// Changed since the last save began.
    Unsaved,
    Saving,
    /// Saved: `at` is the save's time (RFC 3339), shown in local time by the shell.
    Saved {
        at: String,
        how: Saved,
    },
    /// The last save failed, with the message to show; the text is kept in memory.
    Failed(String),
    /// Another tab saved a newer version while this one had unsaved changes.
    Conflict,
}

/// Where a saved version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Written to the device's storage.
    Stored,
    /// Written to memory only (the browser gives no storage).
    InMemory,
    /// Another tab's save, taken because nothing here was unsaved.
    FromOtherTab,
}

impl SaveStatus {
    /// The status line's text; `local` turns an RFC 3339 time into the member's clock time.
    pub fn text(&self, local: impl Fn(&str) -> String) -> String {
        match self {
            SaveStatus::Idle => String::new(),
            SaveStatus::Unsaved => et(EditorMsg::Unsaved).to_owned(),
            SaveStatus::Saving => et(EditorMsg::Saving).to_owned(),
            SaveStatus::Saved { at, how } => {
                let key = match how {
                    Saved::Stored => Msg::SavedAt,
                    Saved::InMemory => Msg::SavedInMemoryAt,
                    Saved::FromOtherTab => Msg::UpdatedFromOtherTab,
                };
                tf(key, &[("time", &local(at))])
            }
            SaveStatus::Failed(message) => message.clone(),
            SaveStatus::Conflict => t(Msg::ConflictOtherTab).to_owned(),
        }
    }

    /// Whether the status is bad news the member must see (a failure or a conflict).
    pub fn is_alert(&self) -> bool {
        matches!(self, SaveStatus::Failed(_) | SaveStatus::Conflict)
    }
}

/// What the shell tells the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The document opened in the editor, as read from the store.
    Loaded(Document),
    /// The member changed something.
    Edited(Edit),
    /// The timer of an [`Effect::ArmTimer`] fired.
    TimerFired,
    /// The watchdog of an [`Effect::Watch`] fired: `save` is the number it was armed with.
    SaveOverdue { save: u64 },
    /// Save now if anything is unsaved: the page was hidden or closed, the editor was left, or
    /// another document is being opened.
    Flush,
    /// Another tab announced a committed write of a document.
    OtherTabSaved { id: String, revision: u64 },
    /// The answer to an [`Effect::Fetch`].
    Fetched(Option<Document>),
    /// The member's answer to a conflict: take the newer version, after storing theirs as a copy
    /// if `keep_mine`.
    Resolve { keep_mine: bool },
    /// The answer to an [`Effect::Save`]: which document and version it wrote, and how it went.
    SaveDone {
        id: String,
        version: Version,
        result: Result<(), StorageError>,
    },
    /// The answer to an [`Effect::StoreCopy`]: the copy's title, or the message of the failure.
    CopyStored(Result<String, String>),
}

/// What the session asks the shell to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Start (or restart) the one autosave timer; send [`Event::TimerFired`] when it fires.
    ArmTimer { ms: u32 },
    /// Save the document if the stored version is `expected`; answer with [`Event::SaveDone`].
    Save {
        document: Box<Document>,
        expected: Version,
    },
    /// Send [`Event::SaveOverdue`] with `save` after `ms`. The session ignores the watchdogs of
    /// saves answered meanwhile; a shell may keep only the latest, as saves are answered in order.
    Watch { save: u64, ms: u32 },
    /// Read a document; answer with [`Event::Fetched`].
    Fetch { id: String },
    /// Store a new document (a copy); answer with [`Event::CopyStored`].
    StoreCopy(Box<Document>),
    /// Ask the browser to keep the storage (once, after the first successful save).
    RequestPersistence,
    /// Show a message: an error when `error`, else information.
    Notice { error: bool, text: String },
    /// The working copy was replaced by another version: refit what depends on its text.
    Replaced,
    /// Draw the editor again.
    Render,
}

/// The working copy of one document and its autosave state.
#[derive(Debug, Default)]
pub struct Session {
    document: Option<Document>,
    /// Changed since the last save began.
    dirty: bool,
    timer_armed: bool,
    /// The version the next save expects to find stored: the one the last save began from.
    base: Version,
    /// The version the last successful save wrote.
    confirmed: Version,
    /// Saves begun and not answered yet.
    in_flight: usize,
    /// The timer fired while a save was in flight: save again as soon as it is answered.
    queued: bool,
    /// Saves begun, and answers received, for the open document; answers come in order.
    begun: u64,
    answered: u64,
    /// A save in flight went unanswered past [`SAVE_ANSWER_MS`]: the timer no longer waits for it.
    overdue: bool,
    /// A newer version saved by another tab; autosave stops until the member chooses.
    conflict: Option<Document>,
    status: SaveStatus,
    /// Whether documents outlive the page (else saves say "in memory").
    persistent: bool,
    asked_persistence: bool,
}

impl Session {
    /// A session over a store that keeps documents across pages (`persistent`) or in memory only.
    pub fn new(persistent: bool) -> Session {
        Session {
            persistent,
            ..Session::default()
        }
    }

    /// The working copy, what the member sees.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    /// The newer version another tab saved, while the member has not chosen.
    pub fn conflict(&self) -> Option<&Document> {
        self.conflict.as_ref()
    }

    /// Whether something typed is not saved yet (or a save of it has not succeeded).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn load(&mut self, document: Document) {
        self.base = Version::of(&document);
        self.confirmed = Version::of(&document);
        self.document = Some(document);
        self.dirty = false;
        self.timer_armed = false;
        // Saves still in flight are of what was open before; their answers are not awaited.
        self.in_flight = 0;
        self.queued = false;
        self.answered = self.begun;
        self.overdue = false;
        self.conflict = None;
    }

    /// Handles one event. `now` is the current time (RFC 3339, UTC); `new_id` makes a fresh id.
    pub fn update(
        &mut self,
        event: Event,
        now: &str,
        new_id: &mut dyn FnMut() -> String,
    ) -> Vec<Effect> {
        match event {
            Event::Loaded(document) => {
                self.load(document);
                self.status = SaveStatus::Idle;
                vec![Effect::Render]
            }
            Event::Edited(edit) => {
                let changed = self
                    .document
                    .as_mut()
                    .is_some_and(|d| d.apply_at(edit, now));
                if !changed {
                    return Vec::new();
                }
                self.dirty = true;
                let mut effects = Vec::new();
                if !self.timer_armed {
                    self.timer_armed = true;
                    effects.push(Effect::ArmTimer {
                        ms: AUTOSAVE_DELAY_MS,
                    });
                }
                if !self.status.is_alert() {
                    self.status = SaveStatus::Unsaved;
                }
                effects.push(Effect::Render);
                effects
            }
            // One timed save at a time: on a slow phone a save can take longer than the timer, and
            // saves that overlap read back each other's writes.
            Event::TimerFired if self.in_flight > 0 && !self.overdue => {
                self.timer_armed = false;
                self.queued = self.dirty;
                Vec::new()
            }
            // The page may be closing: save at once, even beside a save in flight.
            Event::TimerFired | Event::Flush => self.save_now(now),
            Event::SaveOverdue { save } => {
                if self.answered >= save || self.in_flight == 0 {
                    return Vec::new();
                }
                self.overdue = true;
                if self.status != SaveStatus::Conflict {
                    let seconds = (SAVE_ANSWER_MS / 1000).to_string();
                    self.status = SaveStatus::Failed(etf(
                        EditorMsg::SaveNotAnswered,
                        &[("seconds", &seconds)],
                    ));
                }
                let mut effects = Vec::new();
                // Something typed meanwhile waited for this answer: save it beside it now.
                if self.queued {
                    effects.extend(self.save_now(now));
                }
                effects.push(Effect::Render);
                effects
            }
            Event::SaveDone {
                id,
                version,
                result,
            } => self.save_done(&id, version, result, now),
            Event::OtherTabSaved { id, revision } => {
                let relevant = self.document.as_ref().is_some_and(|d| d.id == id)
                    && revision != self.base.revision
                    && revision != 0;
                if relevant {
                    vec![Effect::Fetch { id }]
                } else {
                    Vec::new()
                }
            }
            Event::Fetched(stored) => {
                let Some(stored) = stored else {
                    return Vec::new();
                };
                let same_document = self.document.as_ref().is_some_and(|d| d.id == stored.id);
                if !same_document || Version::of(&stored) == self.base {
                    return Vec::new();
                }
                // A save of ours still in flight holds typing the store has not confirmed: the
                // other tab's version is then a conflict too, never taken over it (taking it
                // dropped the member's words when our save then failed against it).
                if self.dirty || self.in_flight > 0 {
                    self.conflict = Some(stored);
                    self.status = SaveStatus::Conflict;
                } else {
                    self.load(stored);
                    self.status = SaveStatus::Saved {
                        at: now.to_owned(),
                        how: Saved::FromOtherTab,
                    };
                }
                vec![Effect::Replaced, Effect::Render]
            }
            Event::Resolve { keep_mine } => {
                if self.conflict.is_none() {
                    return Vec::new();
                }
                match (&self.document, keep_mine) {
                    (Some(mine), true) => {
                        vec![Effect::StoreCopy(Box::new(mine.duplicate(new_id(), now)))]
                    }
                    _ => self.take_newer(),
                }
            }
            Event::CopyStored(Ok(title)) => {
                let mut effects = vec![Effect::Notice {
                    error: false,
                    text: etf(EditorMsg::KeptAsCopy, &[("title", &title)]),
                }];
                effects.extend(self.take_newer());
                effects
            }
            Event::CopyStored(Err(text)) => vec![Effect::Notice { error: true, text }],
        }
    }

    fn take_newer(&mut self) -> Vec<Effect> {
        let Some(newer) = self.conflict.take() else {
            return Vec::new();
        };
        self.load(newer);
        self.status = SaveStatus::Idle;
        vec![Effect::Replaced, Effect::Render]
    }

    /// Saves the working copy if it changed. Safe at any time, as often as needed.
    fn save_now(&mut self, now: &str) -> Vec<Effect> {
        self.timer_armed = false;
        if !self.dirty || self.conflict.is_some() {
            return Vec::new();
        }
        let Some(document) = self.document.as_mut() else {
            return Vec::new();
        };
        document.touch(now);
        self.dirty = false;
        self.queued = false;
        self.in_flight += 1;
        self.begun += 1;
        let expected = std::mem::replace(&mut self.base, Version::of(document));
        // An unanswered save stays reported until an answer comes.
        if !self.overdue {
            self.status = SaveStatus::Saving;
        }
        vec![
            Effect::Save {
                document: Box::new(document.clone()),
                expected,
            },
            Effect::Watch {
                save: self.begun,
                ms: SAVE_ANSWER_MS,
            },
            Effect::Render,
        ]
    }

    fn save_done(
        &mut self,
        id: &str,
        version: Version,
        result: Result<(), StorageError>,
        now: &str,
    ) -> Vec<Effect> {
        // Another document was opened meanwhile: its versions are not this save's to touch.
        if self.document.as_ref().is_some_and(|d| d.id != id) {
            return match result {
                Err(e) => {
                    self.status = SaveStatus::Failed(e.message());
                    vec![Effect::Render]
                }
                Ok(()) => Vec::new(),
            };
        }
        self.in_flight = self.in_flight.saturating_sub(1);
        // The store answers again: a save still in flight has a watchdog of its own.
        self.answered += 1;
        self.overdue = false;
        let mut effects = Vec::new();
        match result {
            // A later save of ours, begun before this one was read back, wrote over it: the later
            // one's answer says how it went.
            Err(StorageError::Mismatch) if self.in_flight > 0 => return effects,
            // Any other failure with a later save in flight: that save's answer settles what is
            // stored (it expected this version); keep the change unsaved meanwhile.
            Err(e) if self.in_flight > 0 && !matches!(e, StorageError::Conflict(_)) => {
                self.dirty = true;
                self.queued = true;
                self.status = SaveStatus::Failed(e.message());
                effects.push(Effect::Render);
                return effects;
            }
            Ok(()) => {
                self.confirmed = version.clone();
                if !self.asked_persistence {
                    self.asked_persistence = true;
                    effects.push(Effect::RequestPersistence);
                }
                self.status = if self.dirty {
                    SaveStatus::Unsaved
                } else {
                    SaveStatus::Saved {
                        at: version.updated_at,
                        how: if self.persistent {
                            Saved::Stored
                        } else {
                            Saved::InMemory
                        },
                    }
                };
            }
            // What is stored is what this tab last wrote: an earlier save of ours failed, not
            // another tab. Try again from there.
            Err(StorageError::Conflict(stored)) if Version::of(&stored) == self.confirmed => {
                self.base = self.confirmed.clone();
                self.dirty = true;
                return self.save_now(now);
            }
            Err(StorageError::Conflict(stored)) => {
                self.base = self.confirmed.clone();
                self.dirty = true;
                self.conflict = Some(*stored);
                self.status = SaveStatus::Conflict;
            }
            Err(e) => {
                // Keep the change marked unsaved and in memory, so the next edit or page-hide
                // tries again; the status line says what happened and offers the export.
                self.base = self.confirmed.clone();
                self.dirty = true;
                self.status = SaveStatus::Failed(e.message());
            }
        }
        if self.queued && self.in_flight == 0 && self.conflict.is_none() {
            effects.extend(self.save_now(now));
        }
        effects.push(Effect::Render);
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::template::Template;

    const T0: &str = "2026-12-01T08:00:00.000Z";
    const T1: &str = "2026-12-01T08:00:01.000Z";
    const T2: &str = "2026-12-01T08:00:02.000Z";
    const T3: &str = "2026-12-01T08:00:03.000Z";

    fn doc() -> Document {
        let t = Template::get("HD43-2025/2B").expect("2B");
        Document::new("d".into(), t, 2026, T0)
    }

    fn type_text(text: &str) -> Event {
        Event::Edited(Edit::Section("A.I.1".into(), text.into()))
    }

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("new-{n}")
        }
    }

    fn loaded() -> Session {
        let mut s = Session::new(true);
        s.update(Event::Loaded(doc()), T0, &mut ids());
        s
    }

    /// The one save among the effects, with what it writes and expects.
    fn save_of(effects: &[Effect]) -> (Document, Version) {
        let saves: Vec<_> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Save { document, expected } => {
                    Some(((**document).clone(), expected.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(saves.len(), 1, "one save in {effects:?}");
        saves.into_iter().next().expect("a save")
    }

    fn done(document: &Document, result: Result<(), StorageError>) -> Event {
        Event::SaveDone {
            id: document.id.clone(),
            version: Version::of(document),
            result,
        }
    }

    #[test]
    fn an_edit_arms_one_timer_and_a_second_edit_does_not_push_it_back() {
        let mut s = loaded();
        let first = s.update(type_text("a"), T1, &mut ids());
        assert_eq!(first, [Effect::ArmTimer { ms: 500 }, Effect::Render]);
        assert_eq!(*s.status(), SaveStatus::Unsaved);
        let second = s.update(type_text("ab"), T1, &mut ids());
        assert_eq!(second, [Effect::Render], "no second timer");
        // An edit that changes nothing neither arms nor renders.
        assert!(s.update(type_text("ab"), T1, &mut ids()).is_empty());
    }

    #[test]
    fn the_timer_saves_with_the_loaded_version_and_a_new_revision() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let effects = s.update(Event::TimerFired, T2, &mut ids());
        let (saved, expected) = save_of(&effects);
        assert_eq!(expected, Version::of(&doc()));
        assert_eq!((saved.revision, saved.updated_at.as_str()), (1, T2));
        assert_eq!(saved.answer("A.I.1"), "a");
        assert_eq!(*s.status(), SaveStatus::Saving);

        let after = s.update(done(&saved, Ok(())), T2, &mut ids());
        assert_eq!(after, [Effect::RequestPersistence, Effect::Render]);
        assert_eq!(
            *s.status(),
            SaveStatus::Saved {
                at: T2.into(),
                how: Saved::Stored
            }
        );
        // Nothing unsaved: the timer or a hidden page saves nothing more, and persistence is
        // asked only once.
        assert!(s.update(Event::Flush, T3, &mut ids()).is_empty());
        s.update(type_text("abc"), T3, &mut ids());
        let (again, expected) = save_of(&s.update(Event::Flush, T3, &mut ids()));
        assert_eq!(expected, Version::of(&saved));
        assert_eq!(
            s.update(done(&again, Ok(())), T3, &mut ids()),
            [Effect::Render]
        );
    }

    #[test]
    fn a_store_in_memory_says_so_when_saved() {
        let mut s = Session::new(false);
        s.update(Event::Loaded(doc()), T0, &mut ids());
        s.update(type_text("a"), T1, &mut ids());
        let (saved, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        s.update(done(&saved, Ok(())), T1, &mut ids());
        assert!(matches!(
            s.status(),
            SaveStatus::Saved {
                how: Saved::InMemory,
                ..
            }
        ));
    }

    #[test]
    fn a_timed_save_waits_for_the_save_in_flight_and_follows_it_at_once() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        s.update(type_text("ab"), T1, &mut ids());
        // A slow save: the timer fires again before it is answered, and nothing starts.
        assert!(s.update(Event::TimerFired, T2, &mut ids()).is_empty());
        assert_eq!(*s.status(), SaveStatus::Unsaved);
        // Its answer starts the next save, from its version, with the later text.
        let (second, expected) = save_of(&s.update(done(&first, Ok(())), T2, &mut ids()));
        assert_eq!(expected, Version::of(&first));
        assert_eq!(second.answer("A.I.1"), "ab");
        s.update(done(&second, Ok(())), T2, &mut ids());
        assert!(matches!(s.status(), SaveStatus::Saved { .. }));
        assert!(!s.is_dirty());
    }

    /// The chain measured with 1,000 documents at 4x CPU, where a save took about 1.5 s: each save
    /// began before the one before it was answered, a read-back saw the next save's write
    /// ("mismatch"), the session went back to an old version, the next save expected it, and the
    /// store's refusal read as another tab's: autosave stopped for good, the text unsaved.
    #[test]
    fn overlapping_saves_never_stop_autosave_nor_read_as_another_tabs() {
        let store = crate::workflow::store::MemoryStore::default();
        let mut s = loaded();
        let start = s.document().cloned().expect("loaded");
        crate::workflow::store::ready(crate::workflow::store::Backend::put(&store, &start))
            .expect("stored");
        let save = |store: &crate::workflow::store::MemoryStore, effects: &[Effect]| {
            let (document, expected) = save_of(effects);
            let result = crate::workflow::store::ready(crate::workflow::store::Backend::save(
                store, &document, &expected,
            ));
            (document, result)
        };
        // Three saves overlap: a flush (the page hidden) during each one in flight.
        s.update(type_text("a"), T1, &mut ids());
        let (a, a_result) = save(&store, &s.update(Event::TimerFired, T1, &mut ids()));
        s.update(type_text("ab"), T1, &mut ids());
        let (b, b_result) = save(&store, &s.update(Event::Flush, T2, &mut ids()));
        s.update(type_text("abc"), T2, &mut ids());
        let (c, c_result) = save(&store, &s.update(Event::Flush, T3, &mut ids()));
        assert_eq!(
            (&a_result, &b_result, &c_result),
            (&Ok(()), &Ok(()), &Ok(()))
        );
        // Each earlier save's read-back found the later write.
        s.update(done(&a, Err(StorageError::Mismatch)), T3, &mut ids());
        s.update(done(&b, Err(StorageError::Mismatch)), T3, &mut ids());
        assert!(!s.status().is_alert(), "{:?}", s.status());
        s.update(done(&c, Ok(())), T3, &mut ids());
        assert!(
            matches!(s.status(), SaveStatus::Saved { .. }),
            "{:?}",
            s.status()
        );
        // Typing goes on and is saved, from the last write.
        s.update(type_text("abcd"), T3, &mut ids());
        let (d, d_result) = save(&store, &s.update(Event::TimerFired, T3, &mut ids()));
        assert_eq!(d_result, Ok(()));
        s.update(done(&d, Ok(())), T3, &mut ids());
        assert!(
            matches!(s.status(), SaveStatus::Saved { .. }),
            "{:?}",
            s.status()
        );
        assert!(s.conflict().is_none());
        let stored =
            crate::workflow::store::ready(crate::workflow::store::Backend::get(&store, &d.id))
                .expect("read")
                .expect("stored");
        assert_eq!(stored.answer("A.I.1"), "abcd");
    }

    #[test]
    fn a_failed_save_with_a_later_one_in_flight_waits_for_that_ones_answer() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (a, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        s.update(type_text("ab"), T1, &mut ids());
        let (b, expected) = save_of(&s.update(Event::Flush, T2, &mut ids()));
        assert_eq!(expected, Version::of(&a));
        // The first fails (a full disk); the second, which expected it, then finds the older
        // version stored: our own, so it is saved again from there, not reported as a conflict.
        s.update(done(&a, Err(StorageError::Quota)), T2, &mut ids());
        assert!(s.is_dirty());
        let effects = s.update(
            done(
                &b,
                Err(StorageError::Conflict(Box::new(
                    loaded().document().cloned().expect("doc"),
                ))),
            ),
            T2,
            &mut ids(),
        );
        let (again, expected) = save_of(&effects);
        assert_eq!(again.answer("A.I.1"), "ab");
        assert_eq!(expected, Version::of(loaded().document().expect("doc")));
        assert!(s.conflict().is_none());
    }

    #[test]
    fn typing_during_a_save_stays_unsaved_and_a_failed_save_retries_from_the_confirmed_version() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        // The member types on while the save is in flight.
        assert_eq!(
            s.update(type_text("ab"), T1, &mut ids()),
            [Effect::ArmTimer { ms: 500 }, Effect::Render]
        );
        // The first save succeeds: the later text is still unsaved.
        s.update(done(&first, Ok(())), T1, &mut ids());
        assert_eq!(*s.status(), SaveStatus::Unsaved);
        assert!(s.is_dirty());

        // The second save expects the first's version, and fails (a full disk).
        let (second, expected) = save_of(&s.update(Event::TimerFired, T2, &mut ids()));
        assert_eq!(expected, Version::of(&first));
        s.update(done(&second, Err(StorageError::Quota)), T2, &mut ids());
        assert_eq!(
            *s.status(),
            SaveStatus::Failed(StorageError::<Document>::Quota.message())
        );
        assert!(s.is_dirty(), "the text is kept, marked unsaved");
        assert_eq!(s.document().map(|d| d.answer("A.I.1")), Some("ab"));

        // Typing again keeps the failure on screen, and the next save starts from what was
        // confirmed, not from the failed attempt.
        assert_eq!(
            s.update(type_text("abc"), T3, &mut ids()),
            [Effect::ArmTimer { ms: 500 }, Effect::Render]
        );
        assert!(s.status().is_alert());
        let (third, expected) = save_of(&s.update(Event::TimerFired, T3, &mut ids()));
        assert_eq!(expected, Version::of(&first));
        assert_eq!(third.answer("A.I.1"), "abc");
    }

    #[test]
    fn a_failed_save_without_more_typing_is_retried_when_the_page_is_hidden() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        s.update(
            done(&first, Err(StorageError::Other("AbortError".into()))),
            T1,
            &mut ids(),
        );
        let (retry, expected) = save_of(&s.update(Event::Flush, T2, &mut ids()));
        assert_eq!(expected, Version::of(&doc()));
        assert_eq!(retry.answer("A.I.1"), "a");
    }

    #[test]
    fn a_stale_conflict_of_our_own_retries_silently() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        // The store still holds the loaded version: an earlier save of ours did not land.
        let effects = s.update(
            done(&first, Err(StorageError::Conflict(Box::new(doc())))),
            T2,
            &mut ids(),
        );
        let (retry, expected) = save_of(&effects);
        assert_eq!(expected, Version::of(&doc()));
        assert_eq!(retry.answer("A.I.1"), "a");
        assert!(s.conflict().is_none(), "the member is not asked");
        assert!(!s.status().is_alert());
    }

    #[test]
    fn a_conflict_with_another_tab_stops_autosave_until_the_member_chooses() {
        let mut s = loaded();
        s.update(type_text("mine"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::TimerFired, T1, &mut ids()));
        let mut theirs = doc();
        theirs.apply(Edit::Section("A.I.1".into(), "theirs".into()));
        theirs.touch(T1);
        s.update(
            done(
                &first,
                Err(StorageError::Conflict(Box::new(theirs.clone()))),
            ),
            T1,
            &mut ids(),
        );
        assert_eq!(*s.status(), SaveStatus::Conflict);
        assert_eq!(s.conflict(), Some(&theirs));
        // Nothing is written over theirs while the member has not chosen.
        s.update(type_text("mine, more"), T2, &mut ids());
        assert!(s.update(Event::TimerFired, T2, &mut ids()).is_empty());
        assert!(s.update(Event::Flush, T2, &mut ids()).is_empty());
    }

    #[test]
    fn another_tabs_save_is_taken_when_clean_and_asked_about_when_dirty() {
        // Clean: fetched and loaded.
        let mut s = loaded();
        let mut theirs = doc();
        theirs.apply(Edit::Section("A.I.1".into(), "theirs".into()));
        theirs.touch(T1);
        let asked = s.update(
            Event::OtherTabSaved {
                id: "d".into(),
                revision: 1,
            },
            T1,
            &mut ids(),
        );
        assert_eq!(asked, [Effect::Fetch { id: "d".into() }]);
        let effects = s.update(Event::Fetched(Some(theirs.clone())), T1, &mut ids());
        assert_eq!(effects, [Effect::Replaced, Effect::Render]);
        assert_eq!(s.document(), Some(&theirs));
        assert_eq!(
            *s.status(),
            SaveStatus::Saved {
                at: T1.into(),
                how: Saved::FromOtherTab
            }
        );
        // Our own announcement (the revision we expect), a deletion (revision 0) and another
        // document are not fetched.
        for (id, revision) in [("d", 1), ("d", 0), ("other", 5)] {
            let event = Event::OtherTabSaved {
                id: id.into(),
                revision,
            };
            assert!(
                s.update(event, T1, &mut ids()).is_empty(),
                "{id} {revision}"
            );
        }

        // Dirty: the member is asked, and their text stays on screen.
        let mut s = loaded();
        s.update(type_text("mine"), T1, &mut ids());
        s.update(Event::Fetched(Some(theirs.clone())), T1, &mut ids());
        assert_eq!(*s.status(), SaveStatus::Conflict);
        assert_eq!(s.conflict(), Some(&theirs));
        assert_eq!(s.document().map(|d| d.answer("A.I.1")), Some("mine"));
    }

    #[test]
    fn keep_mine_as_a_copy_stores_the_copy_then_loads_the_newer() {
        let mut s = loaded();
        s.update(type_text("mine"), T1, &mut ids());
        let mut theirs = doc();
        theirs.apply(Edit::Section("A.I.1".into(), "theirs".into()));
        theirs.touch(T1);
        s.update(Event::Fetched(Some(theirs.clone())), T1, &mut ids());

        let effects = s.update(Event::Resolve { keep_mine: true }, T2, &mut ids());
        let [Effect::StoreCopy(copy)] = effects.as_slice() else {
            panic!("one copy to store: {effects:?}");
        };
        assert_eq!(copy.id, "new-1");
        assert_eq!(copy.answer("A.I.1"), "mine");
        assert_eq!(copy.revision, 0);
        assert!(
            s.conflict().is_some(),
            "nothing is dropped before the copy is stored"
        );

        // The copy could not be stored: the member is told, and the choice is still theirs.
        let failed = s.update(Event::CopyStored(Err("Hết chỗ".into())), T2, &mut ids());
        assert_eq!(
            failed,
            [Effect::Notice {
                error: true,
                text: "Hết chỗ".into()
            }]
        );
        assert!(s.conflict().is_some());

        let stored = s.update(Event::CopyStored(Ok(copy.title.clone())), T2, &mut ids());
        assert!(
            matches!(&stored[0], Effect::Notice { error: false, text } if text.contains(&copy.title))
        );
        assert_eq!(&stored[1..], [Effect::Replaced, Effect::Render]);
        assert_eq!(s.document(), Some(&theirs));
        assert_eq!(*s.status(), SaveStatus::Idle);
        assert!(!s.is_dirty());
    }

    #[test]
    fn another_tabs_save_fetched_while_ours_is_in_flight_is_asked_about_and_our_text_stays() {
        let mut s = loaded();
        s.update(type_text("mine"), T1, &mut ids());
        let (ours, _) = save_of(&s.update(Event::Flush, T1, &mut ids()));
        assert!(!s.is_dirty(), "the save began");
        let mut theirs = doc();
        theirs.apply(Edit::Section("A.I.1".into(), "theirs".into()));
        theirs.touch(T2);
        s.update(Event::Fetched(Some(theirs.clone())), T1, &mut ids());
        assert_eq!(*s.status(), SaveStatus::Conflict);
        assert_eq!(s.conflict(), Some(&theirs));
        assert_eq!(s.document().map(|d| d.answer("A.I.1")), Some("mine"));
        // Our save then fails against theirs: still asked, nothing written over it.
        let answer = s.update(
            done(&ours, Err(StorageError::Conflict(Box::new(theirs.clone())))),
            T2,
            &mut ids(),
        );
        assert!(
            !answer.iter().any(|e| matches!(e, Effect::Save { .. })),
            "{answer:?}"
        );
        assert_eq!(*s.status(), SaveStatus::Conflict);
        assert_eq!(s.document().map(|d| d.answer("A.I.1")), Some("mine"));
    }

    #[test]
    fn load_the_newer_drops_nothing_silently_but_takes_theirs() {
        let mut s = loaded();
        s.update(type_text("mine"), T1, &mut ids());
        let mut theirs = doc();
        theirs.touch(T1);
        s.update(Event::Fetched(Some(theirs.clone())), T1, &mut ids());
        let effects = s.update(Event::Resolve { keep_mine: false }, T2, &mut ids());
        assert_eq!(effects, [Effect::Replaced, Effect::Render]);
        assert_eq!(s.document(), Some(&theirs));
        // With no conflict pending, a stray choice does nothing.
        assert!(s
            .update(Event::Resolve { keep_mine: true }, T2, &mut ids())
            .is_empty());
    }

    #[test]
    fn a_failed_save_of_a_document_no_longer_open_is_still_reported() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let (first, _) = save_of(&s.update(Event::Flush, T1, &mut ids()));
        let mut other = doc();
        other.id = "other".into();
        s.update(Event::Loaded(other), T1, &mut ids());
        s.update(done(&first, Err(StorageError::Quota)), T1, &mut ids());
        assert_eq!(
            *s.status(),
            SaveStatus::Failed(StorageError::<Document>::Quota.message())
        );
        assert!(!s.is_dirty(), "the open document's state is untouched");
    }

    /// The watchdog armed beside the one save among the effects.
    fn watch_of(effects: &[Effect]) -> u64 {
        let watches: Vec<_> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Watch { save, ms } => Some((*save, *ms)),
                _ => None,
            })
            .collect();
        assert_eq!(watches.len(), 1, "one watchdog in {effects:?}");
        assert_eq!(watches[0].1, SAVE_ANSWER_MS);
        watches[0].0
    }

    #[test]
    fn a_save_never_answered_is_reported_and_stops_holding_back_autosave() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let effects = s.update(Event::TimerFired, T1, &mut ids());
        let (hung, _) = save_of(&effects);
        let watch = watch_of(&effects);
        // More typing waits for the answer, as before.
        s.update(type_text("ab"), T2, &mut ids());
        assert!(s.update(Event::TimerFired, T2, &mut ids()).is_empty());
        assert_eq!(*s.status(), SaveStatus::Unsaved);

        // No answer in time: the member is told, with the export offered (a failure), and what
        // was typed meanwhile is saved beside the unanswered save, from its version.
        let effects = s.update(Event::SaveOverdue { save: watch }, T3, &mut ids());
        let (beside, expected) = save_of(&effects);
        assert_eq!(expected, Version::of(&hung));
        assert_eq!(beside.answer("A.I.1"), "ab");
        let SaveStatus::Failed(text) = s.status().clone() else {
            panic!("a failure, not {:?}", s.status());
        };
        assert!(
            text.contains("10 giây") && text.contains("Xuất JSON"),
            "{text}"
        );
        // A save begun while one is unanswered keeps the warning up until an answer comes.
        assert!(s.status().is_alert());
        // From now on the timer no longer waits for the unanswered save.
        s.update(type_text("abc"), T3, &mut ids());
        let (third, _) = save_of(&s.update(Event::TimerFired, T3, &mut ids()));

        // The store answers late after all: every answer counts, in order, and the last one
        // says saved.
        s.update(done(&hung, Ok(())), T3, &mut ids());
        s.update(done(&beside, Ok(())), T3, &mut ids());
        s.update(done(&third, Ok(())), T3, &mut ids());
        assert!(!s.is_dirty());
        assert!(
            matches!(s.status(), SaveStatus::Saved { .. }),
            "{:?}",
            s.status()
        );
    }

    #[test]
    fn the_watchdog_of_an_answered_save_says_nothing() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let effects = s.update(Event::TimerFired, T1, &mut ids());
        let (saved, _) = save_of(&effects);
        let watch = watch_of(&effects);
        s.update(done(&saved, Ok(())), T1, &mut ids());
        let before = s.status().clone();
        assert!(s
            .update(Event::SaveOverdue { save: watch }, T3, &mut ids())
            .is_empty());
        assert_eq!(*s.status(), before);

        // Nor does that of a document no longer open, whose save is not awaited.
        s.update(type_text("ab"), T2, &mut ids());
        let watch = watch_of(&s.update(Event::Flush, T2, &mut ids()));
        let mut other = doc();
        other.id = "other".into();
        s.update(Event::Loaded(other), T2, &mut ids());
        assert!(s
            .update(Event::SaveOverdue { save: watch }, T3, &mut ids())
            .is_empty());
        assert_eq!(*s.status(), SaveStatus::Idle);
    }

    #[test]
    fn an_unanswered_save_during_a_conflict_leaves_the_conflict_on_screen() {
        let mut s = loaded();
        s.update(type_text("a"), T1, &mut ids());
        let first = s.update(Event::TimerFired, T1, &mut ids());
        let watch = watch_of(&first);
        s.update(type_text("ab"), T1, &mut ids());
        let mut theirs = doc();
        theirs.revision = 7;
        theirs.updated_at = T2.into();
        s.update(Event::Fetched(Some(theirs)), T2, &mut ids());
        assert_eq!(*s.status(), SaveStatus::Conflict);
        s.update(Event::SaveOverdue { save: watch }, T3, &mut ids());
        assert_eq!(*s.status(), SaveStatus::Conflict, "the choice stays asked");
    }

    #[test]
    fn the_status_line_reads_as_the_member_expects() {
        let local = |_: &str| "08:00:02".to_owned();
        assert_eq!(SaveStatus::Idle.text(local), "");
        let saved = SaveStatus::Saved {
            at: T2.into(),
            how: Saved::Stored,
        };
        assert!(saved.text(local).contains("08:00:02"));
        assert!(!saved.is_alert());
        assert!(SaveStatus::Conflict.is_alert());
        assert_eq!(SaveStatus::Failed("x".into()).text(local), "x");
    }
}
