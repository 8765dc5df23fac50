//! The chi bộ's workspace page as a state machine, as `workflow::session` is the editor's: the
//! shell sends [`Event`]s (the workspace loaded, the roster typed and applied, files read, sealed
//! files opened, a filter, an order or a cap chosen, a save's answer, another tab's save) and
//! [`WorkspaceSession::update`] returns the [`Effect`]s to carry out as plain data (save with the
//! expected version, open the sealed files, render). What the page shows is computed here too:
//! the counts per group once, the checks and the copied texts ([`Tally`], once per change of what
//! is counted), the rows, the rows shown, the files that need a look.
//!
//! The save rules:
//! - every change is saved at once, one save at a time: a change made while a save is under way
//!   is saved when it ends, expecting the version it wrote, so a tab never conflicts with itself;
//! - a failed save keeps the change on screen and says why; the next change saves it with the rest;
//! - another tab's newer save is never overwritten: taken at once when nothing here is unsaved,
//!   else the secretary is told to reload (the store refuses the stale write too).

use std::rc::Rc;

use crate::chibo::checks::{checks, Warning};
use crate::chibo::copies::copy_groups;
use crate::chibo::counts::{Counts, Rerated};
use crate::chibo::messages::{ct, ChiBoMsg};
use crate::chibo::roster::{Group, MemberKey, RosterProblem};
use crate::chibo::stages::StageEdit;
use crate::chibo::table::{texts_to_compare, Row, Stage, Standing};
use crate::chibo::view::{shown, Filter, Sort};
use crate::chibo::workspace::{FileLog, Sorted, Workspace};
use crate::workflow::sealed::{st, SealMsg};
use crate::workflow::store::{StorageError, Version, Versioned};

/// How many rows, and how many file notes, are drawn at first and added by "Xem thêm".
pub const PAGE_ROWS: usize = 100;

/// A stage's counts and its groups' counts (for the quota).
pub type StageCounts = (Stage, Counts, Vec<(Option<Group>, Counts)>);

/// What is counted from the workspace: computed when the roster or the documents change, not on
/// every render (a filter, an order, a save).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub counts: Counts,
    /// The counts of each group with members (`Counts::by_group`).
    pub groups: Vec<(Option<Group>, Counts)>,
    pub warnings: Vec<Warning>,
    /// Each group of copied texts: its sentence and the shared text.
    pub copies: Vec<(String, String)>,
    /// The counts at each stage (`Stage::ALL`: the members' proposals, the chi bộ's, decided),
    /// each with its groups for the quota.
    pub by_stage: Vec<StageCounts>,
    /// The latest stage every rated member has reached: the summary's headline.
    pub headline: Stage,
    pub rerated: Rerated,
    /// How many members "Ghi quyết định cho cả chi bộ" would decide ([`awaiting_decision`]).
    pub undecided: usize,
    /// How many members the meeting's ballots typed once would go to ([`awaiting_ballots`]).
    pub without_ballots: usize,
}

/// The members the cấp ủy's decision for the whole chi bộ applies to: counted, proposed a level by
/// the chi bộ, not decided yet. The card's count and the event's work are both this list.
pub fn awaiting_decision(rows: &[Row<'_>]) -> Vec<MemberKey> {
    rows.iter()
        .filter(|r| awaits_decision(r))
        .map(|r| r.member.key())
        .collect()
}

fn awaits_decision(r: &Row<'_>) -> bool {
    r.counted() && r.stages.proposed.is_some() && r.stages.decision.is_none()
}

/// The members the meeting's ballots, typed once, go to: counted, voted on (not exempt), with no
/// ballots issued yet. The card's count and the event's work are both this list.
pub fn awaiting_ballots(rows: &[Row<'_>]) -> Vec<MemberKey> {
    rows.iter()
        .filter(|r| awaits_ballots(r))
        .map(|r| r.member.key())
        .collect()
}

fn awaits_ballots(r: &Row<'_>) -> bool {
    r.counted()
        && !matches!(r.standing, Standing::Exempt(_))
        && r.stages.vote.as_ref().is_none_or(|v| v.issued == 0)
}

impl Tally {
    /// From the table's rows and the workspace they are of.
    pub fn of(workspace: &Workspace, rows: &[Row<'_>]) -> Tally {
        let texts = texts_to_compare(rows);
        let copies = copy_groups(&texts)
            .iter()
            .map(|g| (g.sentence(), texts[g.texts[0]].text.clone()))
            .collect();
        Tally::with_copies(workspace, rows, copies)
    }

    /// The summary's headline counts and its groups': those of the latest stage every rated
    /// member has reached ([`Tally::headline`]: their own proposals until the chi bộ's vote and the
    /// decisions are in).
    pub fn headline_counts(&self) -> (&Counts, &[(Option<Group>, Counts)]) {
        self.by_stage
            .iter()
            .find(|(s, _, _)| *s == self.headline)
            .map_or((&self.counts, self.groups.as_slice()), |(_, c, g)| {
                (c, g.as_slice())
            })
    }

    /// Whether a stage after the members' own has any level entered: the summary then shows the
    /// stages side by side, and the quota each stage's.
    pub fn later_stages(&self) -> bool {
        self.by_stage
            .iter()
            .any(|(s, c, _)| *s != Stage::Members && c.rated > 0)
    }

    /// [`Tally::of`] with the copy groups already found (only the stages changed).
    pub fn with_copies(
        workspace: &Workspace,
        rows: &[Row<'_>],
        copies: Vec<(String, String)>,
    ) -> Tally {
        let by_stage: Vec<StageCounts> = Stage::ALL
            .into_iter()
            .map(|s| (s, Counts::at(rows, s), Counts::by_group_at(rows, s)))
            .collect();
        // The members' own proposals are the first stage: counted once, not again beside it.
        let (counts, groups) = by_stage
            .first()
            .map(|(_, c, g)| (*c, g.clone()))
            .unwrap_or_default();
        Tally {
            counts,
            groups,
            warnings: checks(rows, &workspace.inbox),
            copies,
            by_stage,
            headline: Stage::headline(rows),
            rerated: Rerated::of(rows),
            // Counted by the lists' own rules, without the keys the events need.
            undecided: rows.iter().filter(|r| awaits_decision(r)).count(),
            without_ballots: rows.iter().filter(|r| awaits_ballots(r)).count(),
        }
    }
}

/// The label of a group's block ("Chưa rõ nhóm" for members of no known group).
pub fn group_label(group: Option<Group>) -> &'static str {
    group.map_or(ct(ChiBoMsg::WsGroupUnknown), Group::label)
}

/// Where the page stands with its workspace.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Load {
    #[default]
    Loading,
    Missing,
    Failed(String),
    Ready,
}

/// Where this tab's changes stand, for the line under the page's title and for the browser's
/// question before the page is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Everything on the page is stored.
    Saved,
    /// A save is under way (and perhaps more changes wait for it).
    Saving,
    /// The last save failed; what is on the page is saved with the next change.
    Failed,
}

/// What the shell tells the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The workspace read from the store (`None`: there is no such workspace).
    Loaded(Result<Option<Workspace>, String>),
    /// The roster box's text, as typed or read from a file; applied by [`Event::RosterApplied`].
    RosterTyped(String),
    RosterApplied,
    /// "Là đồng chí này": the person who sent files with the birth date `birth_date` is the
    /// roster's `member`-th member (one name, no birth date to tell them apart): the birth date
    /// is written on that member's line of the roster (`roster::with_birth_date`).
    PairedByHand {
        member: usize,
        birth_date: String,
    },
    /// The cấp ủy's decision for the chi bộ (body, number, date): every member the chi bộ
    /// proposed a level for and not yet decided is decided at that level
    /// (`stages::decide_as_proposed`).
    DecidedAsProposed {
        body: String,
        number: String,
        date: String,
    },
    /// The meeting's ballots issued and returned, typed once: every member the chi bộ votes on
    /// (counted, not exempt) without ballots yet gets them (`stages::ballots_for_all`).
    BallotsForAll {
        issued: u32,
        returned: u32,
    },
    /// A change to a member's stages (`chibo::stages`): the vote, the chi bộ's proposal, the
    /// decision, a re-rating, a review entered from paper.
    StageEdited(MemberKey, StageEdit),
    /// Files picked, dropped or pasted, read: each with its name and bytes, and those that could
    /// not be read or were too large with why. `passphrase` says whether one was typed for the
    /// sealed files among them.
    FilesRead {
        read: Vec<(String, Vec<u8>)>,
        refused: Vec<(String, String)>,
        passphrase: bool,
    },
    /// The sealed files of the last [`Effect::OpenSealed`], opened or not (why not).
    SealedOpened(Vec<(String, Result<Vec<u8>, String>)>),
    FilterChosen(Filter),
    SortChosen(Sort),
    /// The quota's cap in percent; only one of `QUOTA_CAPS` is taken.
    CapChosen(u64),
    /// "Xem thêm" under the table, and under the file notes.
    MoreRows,
    MoreNotes,
    /// The answer to the last [`Effect::Save`].
    Saved(Result<(), StorageError<Workspace>>),
    /// Another tab saved this workspace: its version as stored.
    SavedElsewhere(Workspace),
}

/// What the shell carries out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the workspace, expecting the stored version to be `expected`; answer with
    /// [`Event::Saved`].
    Save {
        workspace: Box<Workspace>,
        expected: Version,
    },
    /// Open these sealed files with the passphrase typed on the page; answer with
    /// [`Event::SealedOpened`] in the same order.
    OpenSealed(Vec<(String, Vec<u8>)>),
    Render,
}

/// The workspace page's state.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceSession {
    load: Load,
    /// Shared with the page that renders it (`WorkspaceSession::shared`): a change copies it
    /// only while the page still holds the version before.
    workspace: Option<Rc<Workspace>>,
    tally: Tally,
    /// The version the store holds, as far as this tab knows.
    stored: Option<Version>,
    saving: bool,
    /// Changed since the save under way began (or since the last failed one).
    unsaved: bool,
    /// What the page says above everything: an error or a conflict.
    pub notice: Option<String>,
    pub filter: Filter,
    pub sort: Sort,
    /// How many rows of the table, and of the file notes, are drawn.
    pub limit: usize,
    pub notes_limit: usize,
    /// The roster box's text while it differs from the applied roster.
    roster_draft: Option<String>,
    roster_problems: Vec<RosterProblem>,
    /// The plain files waiting for the sealed ones of the same batch to be opened.
    waiting: Vec<(String, Vec<u8>)>,
}

impl WorkspaceSession {
    pub fn new() -> WorkspaceSession {
        WorkspaceSession {
            limit: PAGE_ROWS,
            notes_limit: PAGE_ROWS,
            ..WorkspaceSession::default()
        }
    }

    pub fn load(&self) -> &Load {
        &self.load
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_deref()
    }

    /// The workspace on the page, shared rather than copied (what a render hands its children).
    pub fn shared(&self) -> Option<Rc<Workspace>> {
        self.workspace.clone()
    }

    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Whether a change is not yet confirmed stored.
    pub fn unsaved(&self) -> bool {
        self.unsaved || self.saving
    }

    /// Where this tab's changes stand.
    pub fn save_state(&self) -> SaveState {
        if self.saving {
            SaveState::Saving
        } else if self.unsaved {
            SaveState::Failed
        } else {
            SaveState::Saved
        }
    }

    /// The roster box's text: the draft being typed, else the applied roster's.
    pub fn roster_text(&self) -> &str {
        self.roster_draft
            .as_deref()
            .or(self.workspace.as_ref().map(|w| w.roster_text.as_str()))
            .unwrap_or("")
    }

    /// The lines of the last applied roster that could not be used.
    pub fn roster_problems(&self) -> &[RosterProblem] {
        &self.roster_problems
    }

    /// The table's rows (the roster's members, then those not on it).
    pub fn rows(&self) -> Vec<Row<'_>> {
        self.workspace.as_ref().map_or_else(Vec::new, |w| w.rows())
    }

    /// The rows the table shows, by the filter and the order chosen (all of them: the page draws
    /// the first [`WorkspaceSession::limit`]).
    pub fn shown<'r, 'a>(&self, rows: &'r [Row<'a>]) -> Vec<&'r Row<'a>> {
        shown(rows, &self.tally.warnings, self.filter, self.sort)
    }

    /// The files that need a look, refused ones first, newest first within each.
    pub fn attention(&self) -> Vec<&FileLog> {
        let Some(w) = &self.workspace else {
            return Vec::new();
        };
        let mut files: Vec<&FileLog> = w
            .files
            .iter()
            .rev()
            .filter(|f| f.needs_attention())
            .collect();
        files.sort_by_key(|f| !f.refused);
        files
    }

    /// Handles one event at `now` (RFC 3339); returns what the shell must do.
    pub fn update(&mut self, event: Event, now: &str) -> Vec<Effect> {
        match event {
            Event::Loaded(Ok(Some(workspace))) => {
                self.stored = Some(workspace.version());
                self.take(workspace);
                self.load = Load::Ready;
                vec![Effect::Render]
            }
            Event::Loaded(Ok(None)) => {
                self.load = Load::Missing;
                vec![Effect::Render]
            }
            Event::Loaded(Err(message)) => {
                self.load = Load::Failed(message);
                vec![Effect::Render]
            }
            Event::RosterTyped(text) => {
                self.roster_draft = Some(text);
                vec![Effect::Render]
            }
            Event::RosterApplied => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                let text = self
                    .roster_draft
                    .take()
                    .unwrap_or_else(|| w.roster_text.clone());
                self.roster_problems = w.set_roster(&text);
                self.counted_changed();
                self.changed(now)
            }
            Event::DecidedAsProposed { body, number, date } => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                let members = awaiting_decision(&w.rows());
                if crate::chibo::stages::decide_as_proposed(
                    &mut w.stages,
                    &members,
                    &body,
                    &number,
                    &date,
                ) == 0
                {
                    return vec![Effect::Render];
                }
                self.stages_changed();
                self.changed(now)
            }
            Event::BallotsForAll { issued, returned } => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                let members = awaiting_ballots(&w.rows());
                if crate::chibo::stages::ballots_for_all(&mut w.stages, &members, issued, returned)
                    == 0
                {
                    return vec![Effect::Render];
                }
                self.stages_changed();
                self.changed(now)
            }
            Event::StageEdited(member, change) => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                crate::chibo::stages::edit(&mut w.stages, &member, change);
                self.stages_changed();
                self.changed(now)
            }
            Event::PairedByHand { member, birth_date } => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                let Some(text) =
                    crate::chibo::roster::with_birth_date(&w.roster_text, member, &birth_date)
                else {
                    return vec![];
                };
                self.roster_draft = None;
                self.roster_problems = w.set_roster(&text);
                self.counted_changed();
                self.changed(now)
            }
            Event::FilesRead {
                read,
                refused,
                passphrase,
            } => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                for (name, why) in refused {
                    w.files.push(FileLog::refused(&name, now, &why));
                }
                let Sorted {
                    members: plain,
                    sealed,
                } = w.sort_received(read, now);
                if sealed.is_empty() || !passphrase {
                    for (name, _) in &sealed {
                        let why = st(SealMsg::SealedNeedsPassphrase);
                        w.files.push(FileLog::refused(name, now, why));
                    }
                    self.receive(plain, now)
                } else {
                    self.waiting = plain;
                    vec![Effect::OpenSealed(sealed)]
                }
            }
            Event::SealedOpened(opened) => {
                let Some(w) = self.workspace.as_mut().map(Rc::make_mut) else {
                    return vec![];
                };
                let mut plain = std::mem::take(&mut self.waiting);
                plain.extend(w.sort_opened(opened, now).members);
                self.receive(plain, now)
            }
            Event::FilterChosen(filter) => {
                self.filter = filter;
                self.limit = PAGE_ROWS;
                vec![Effect::Render]
            }
            Event::SortChosen(sort) => {
                self.sort = sort;
                vec![Effect::Render]
            }
            Event::CapChosen(cap) => {
                let taken = self
                    .workspace
                    .as_mut()
                    .map(Rc::make_mut)
                    .is_some_and(|w| w.quota_cap != cap && w.set_quota_cap(cap));
                if taken {
                    self.changed(now)
                } else {
                    vec![Effect::Render]
                }
            }
            Event::MoreRows => {
                self.limit += PAGE_ROWS;
                vec![Effect::Render]
            }
            Event::MoreNotes => {
                self.notes_limit += PAGE_ROWS;
                vec![Effect::Render]
            }
            Event::Saved(result) => self.saved(result, now),
            Event::SavedElsewhere(theirs) => self.saved_elsewhere(theirs),
        }
    }

    /// Files the plain files of a batch at `now`: the summary changes, and is saved.
    fn receive(&mut self, files: Vec<(String, Vec<u8>)>, now: &str) -> Vec<Effect> {
        if let Some(w) = self.workspace.as_mut().map(Rc::make_mut) {
            w.receive_many(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), now);
        }
        self.counted_changed();
        self.changed(now)
    }

    /// Puts a workspace on the page as it is stored.
    fn take(&mut self, workspace: Workspace) {
        self.workspace = Some(Rc::new(workspace));
        self.counted_changed();
    }

    /// What is counted changed: the tally again.
    /// Counts again after the stages changed: the texts did not, so the copy groups (the slowest
    /// count) stay as they are.
    fn stages_changed(&mut self) {
        let copies = std::mem::take(&mut self.tally.copies);
        if let Some(w) = &self.workspace {
            self.tally = Tally::with_copies(w, &w.rows(), copies);
        }
    }

    fn counted_changed(&mut self) {
        self.tally = match &self.workspace {
            Some(w) => Tally::of(w, &w.rows()),
            None => Tally::default(),
        };
    }

    /// The workspace changed here at `now`: saved at once, or once the save under way ends.
    fn changed(&mut self, now: &str) -> Vec<Effect> {
        self.unsaved = true;
        if self.saving {
            return vec![Effect::Render];
        }
        let mut effects = vec![Effect::Render];
        effects.extend(self.save(now));
        effects
    }

    /// A save of what is on the page, expecting what the store holds.
    fn save(&mut self, now: &str) -> Option<Effect> {
        let expected = self.stored.clone()?;
        let w = Rc::make_mut(self.workspace.as_mut()?);
        w.revision = expected.revision;
        w.updated_at = expected.updated_at.clone();
        w.touch(now);
        self.saving = true;
        self.unsaved = false;
        Some(Effect::Save {
            workspace: Box::new(w.clone()),
            expected,
        })
    }

    fn saved(&mut self, result: Result<(), StorageError<Workspace>>, now: &str) -> Vec<Effect> {
        self.saving = false;
        match result {
            Ok(()) => {
                self.stored = self.workspace.as_deref().map(Versioned::version);
                self.notice = None;
                if self.unsaved {
                    self.save(now).into_iter().chain([Effect::Render]).collect()
                } else {
                    vec![Effect::Render]
                }
            }
            Err(error) => {
                // Kept on screen, and saved with the next change.
                self.unsaved = true;
                self.notice = Some(error.message());
                vec![Effect::Render]
            }
        }
    }

    fn saved_elsewhere(&mut self, theirs: Workspace) -> Vec<Effect> {
        let newer = match (&self.stored, &self.workspace) {
            (Some(stored), Some(w)) => theirs.id == w.id && theirs.revision > stored.revision,
            _ => false,
        };
        if !newer {
            return vec![];
        }
        if self.unsaved() {
            self.notice = Some(<Workspace as Versioned>::conflict_message());
        } else {
            self.stored = Some(theirs.version());
            self.take(theirs);
        }
        vec![Effect::Render]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::checks::CheckKind;
    use crate::chibo::intake::Period;
    use crate::chibo::table::Standing;
    use crate::forms::field::HeaderField;
    use crate::forms::rating::Rating;
    use crate::forms::template::Template;
    use crate::model::document::{Document, Edit};
    use crate::workflow::export::ExportEnvelope;
    use crate::workflow::store::MemoryRecords;

    const NOW: &str = "2026-12-06T08:00:00.000Z";

    fn workspace() -> Workspace {
        let period = Period {
            dang_bo: "Đảng bộ xã Tân Phú".into(),
            chi_bo: "Chi bộ ấp 3".into(),
            year: 2026,
        };
        Workspace::new("ws-1".into(), period, "2026-12-01T00:00:00.000Z")
    }

    /// A member's file: a 2026 review proposing `rating`.
    fn file(id: &str, name: &str, rating: Rating) -> Vec<u8> {
        let t = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new(id.into(), t, 2026, "2026-11-01T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::FullName, name.into()));
        d.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ ấp 3".into()));
        d.apply(Edit::Rating(Some(rating)));
        ExportEnvelope::new(vec![d], NOW).to_json().into_bytes()
    }

    fn read(files: Vec<(&str, Vec<u8>)>) -> Event {
        Event::FilesRead {
            read: files.into_iter().map(|(n, b)| (n.to_owned(), b)).collect(),
            refused: Vec::new(),
            passphrase: false,
        }
    }

    /// A tab: a session whose effects are carried out over one store, as the shell's runner does.
    struct Tab<'s> {
        session: WorkspaceSession,
        store: &'s MemoryRecords<Workspace>,
        /// The saves asked for and not yet carried out, oldest first.
        queued: Vec<Effect>,
    }

    impl<'s> Tab<'s> {
        fn open(store: &'s MemoryRecords<Workspace>) -> Tab<'s> {
            let mut session = WorkspaceSession::new();
            let effects = session.update(Event::Loaded(Ok(store.get("ws-1"))), NOW);
            assert_eq!(effects, vec![Effect::Render]);
            Tab {
                session,
                store,
                queued: Vec::new(),
            }
        }

        /// Sends an event; saves are queued, to be answered by [`Tab::answer`].
        fn send(&mut self, event: Event) -> Vec<Effect> {
            let effects = self.session.update(event, NOW);
            self.queued.extend(
                effects
                    .iter()
                    .filter(|e| matches!(e, Effect::Save { .. }))
                    .cloned(),
            );
            effects
        }

        /// Carries out the oldest queued save and sends its answer.
        fn answer(&mut self) {
            let Effect::Save {
                workspace,
                expected,
            } = self.queued.remove(0)
            else {
                unreachable!("only saves are queued")
            };
            let result = self.store.save(&workspace, &expected);
            self.send(Event::Saved(result));
        }

        fn settle(&mut self) {
            while !self.queued.is_empty() {
                self.answer();
            }
        }
    }

    /// The roster of the tab's workspace.
    fn roster_of(tab: &Tab<'_>) -> Vec<crate::chibo::roster::Member> {
        tab.session.workspace().unwrap().roster.clone()
    }

    fn stored() -> MemoryRecords<Workspace> {
        let store = MemoryRecords::default();
        store.put(&workspace());
        store
    }

    #[test]
    fn a_missing_or_unreadable_workspace_is_said_and_nothing_is_saved() {
        let mut s = WorkspaceSession::new();
        assert_eq!(s.update(Event::Loaded(Ok(None)), NOW), vec![Effect::Render]);
        assert_eq!(s.load(), &Load::Missing);
        assert_eq!(s.update(Event::RosterApplied, NOW), vec![]);
        assert_eq!(s.update(Event::CapChosen(25), NOW), vec![Effect::Render]);
        let mut s = WorkspaceSession::new();
        s.update(Event::Loaded(Err("hỏng".into())), NOW);
        assert_eq!(s.load(), &Load::Failed("hỏng".into()));
    }

    #[test]
    fn files_received_are_counted_once_and_saved_expecting_the_loaded_version() {
        let store = stored();
        let mut tab = Tab::open(&store);
        assert_eq!(tab.session.tally().counts.members, 0);
        let effects = tab.send(read(vec![
            (
                "an.json",
                file("a", "Nguyễn Văn An", Rating::HoanThanhXuatSac),
            ),
            (
                "binh.json",
                file("b", "Trần Thị Bình", Rating::HoanThanhTot),
            ),
            ("rac.json", b"not ours".to_vec()),
        ]));
        assert_eq!(effects.len(), 2, "{effects:?}");
        assert!(matches!(&effects[1], Effect::Save { expected, .. } if expected.revision == 0));
        let tally = tab.session.tally().clone();
        assert_eq!(tally.counts.rated, 2);
        assert_eq!(tally.counts.by_level[0], 1);
        assert_eq!(tally.groups.len(), 1);
        assert_eq!(
            tab.session.attention().len(),
            1,
            "the foreign file needs a look"
        );
        assert!(tab.session.unsaved());
        assert_eq!(tab.session.save_state(), SaveState::Saving);
        tab.settle();
        assert!(!tab.session.unsaved());
        assert_eq!(tab.session.save_state(), SaveState::Saved);
        let saved = store.get("ws-1").unwrap();
        assert_eq!(saved.revision, 1);
        assert_eq!(saved.updated_at, NOW);
        assert_eq!(saved.inbox.documents.len(), 2);
        // Choosing a filter or an order neither counts again nor saves.
        assert_eq!(
            tab.send(Event::FilterChosen(Filter::Level(0))),
            vec![Effect::Render]
        );
        assert_eq!(
            tab.send(Event::SortChosen(Sort::Name)),
            vec![Effect::Render]
        );
        assert_eq!(tab.session.tally(), &tally);
        let rows = tab.session.rows();
        let shown = tab.session.shown(&rows);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].standing, Standing::Rated(Rating::HoanThanhXuatSac));
    }

    #[test]
    fn a_roll_up_file_among_members_files_is_refused_and_sent_to_the_merge() {
        let store = stored();
        let mut tab = Tab::open(&store);
        let rollup = br#"{"format":"tusoi-rollup","schema_version":1,"units":[]}"#.to_vec();
        tab.send(read(vec![
            ("an.json", file("a", "Nguyễn Văn An", Rating::HoanThanhTot)),
            ("chi-bo-2.json", rollup),
        ]));
        let w = tab.session.workspace().unwrap();
        assert_eq!(
            w.inbox.current().count(),
            1,
            "the member's file is received"
        );
        let refused: Vec<&FileLog> = w.files.iter().filter(|f| f.refused).collect();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].file_name, "chi-bo-2.json");
        assert!(refused[0].lines[0].ends_with(ct(ChiBoMsg::WsRollupNotMember)));
        assert!(ct(ChiBoMsg::WsRollupNotMember).contains(ct(ChiBoMsg::WsMergeTitle)));
    }

    /// A member's file with a birth date.
    fn dated(id: &str, name: &str, birth: &str, rating: Rating) -> Vec<u8> {
        let t = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new(id.into(), t, 2026, "2026-11-01T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::FullName, name.into()));
        d.apply(Edit::Field(HeaderField::BirthDate, birth.into()));
        d.apply(Edit::Rating(Some(rating)));
        ExportEnvelope::new(vec![d], NOW).to_json().into_bytes()
    }

    #[test]
    fn pairing_by_hand_writes_the_birth_date_into_the_roster_and_counts_the_member_once() {
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::RosterTyped(
            "Nguyễn Văn An\nNguyễn Văn An\nTrần Thị Bình".into(),
        ));
        tab.send(Event::RosterApplied);
        assert_eq!(
            tab.session.roster_problems().len(),
            1,
            "one name twice, told"
        );
        tab.send(read(vec![
            (
                "an-1.json",
                dated("a1", "Nguyễn Văn An", "1980-03-12", Rating::HoanThanhTot),
            ),
            (
                "an-2.json",
                dated("a2", "Nguyễn Văn An", "1975-01-02", Rating::HoanThanh),
            ),
        ]));
        let counts = tab.session.tally().counts;
        assert_eq!(
            (counts.members, counts.rated),
            (3, 0),
            "nothing counted twice"
        );
        assert_eq!(
            tab.session
                .tally()
                .warnings
                .iter()
                .filter(|w| w.kind == CheckKind::Unpaired)
                .count(),
            2
        );
        // Each An waits for the secretary, offered the two lines of the name (neither has a date).
        let offered: Vec<(String, Vec<usize>)> = tab
            .session
            .rows()
            .iter()
            .filter(|r| r.unpaired.is_some())
            .map(|r| (r.member.birth_date.clone(), r.pair_with(&roster_of(&tab))))
            .collect();
        assert_eq!(
            offered,
            vec![
                ("1975-01-02".to_owned(), vec![0, 1]),
                ("1980-03-12".to_owned(), vec![0, 1])
            ]
        );
        tab.send(Event::PairedByHand {
            member: 1,
            birth_date: "1975-01-02".into(),
        });
        // Nobody is left to pair by hand.
        let roster = roster_of(&tab);
        assert!(tab
            .session
            .rows()
            .iter()
            .all(|r| r.unpaired.is_none() && r.pair_with(&roster).is_empty()));
        // The other An is now the only person for the first line.
        let counts = tab.session.tally().counts;
        assert_eq!((counts.members, counts.rated), (3, 2));
        assert_eq!(
            tab.session.roster_text(),
            "Nguyễn Văn An\nNguyễn Văn An, 02/01/1975\nTrần Thị Bình"
        );
        tab.settle();
        assert_eq!(
            store.get("ws-1").unwrap().roster[1].birth_date,
            "1975-01-02",
            "kept with the workspace"
        );
    }

    #[test]
    fn the_chi_bos_proposal_and_the_decision_are_kept_with_the_workspace_and_counted_by_stage() {
        use crate::chibo::stages::StageEdit;
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::RosterTyped("Nguyễn Văn An\nTrần Thị Bình".into()));
        tab.send(Event::RosterApplied);
        tab.send(read(vec![(
            "an.json",
            file("a", "Nguyễn Văn An", Rating::HoanThanhXuatSac),
        )]));
        let an = MemberKey::new("Nguyễn Văn An", "");
        let binh = MemberKey::new("Trần Thị Bình", "");
        for (who, edit) in [
            (&an, StageEdit::Proposed(Some(Rating::HoanThanhTot))),
            (&an, StageEdit::DecisionRating(Some(Rating::HoanThanhTot))),
            (&binh, StageEdit::PaperRating(Some(Rating::HoanThanh))),
            (&binh, StageEdit::Proposed(Some(Rating::HoanThanh))),
            (&binh, StageEdit::DecisionRating(Some(Rating::HoanThanh))),
        ] {
            tab.send(Event::StageEdited(who.clone(), edit));
        }
        let tally = tab.session.tally();
        assert_eq!(tally.headline, Stage::Decided);
        let decided = &tally.by_stage[2];
        assert_eq!(
            (decided.0, decided.1.by_level),
            (Stage::Decided, [0, 1, 1, 0])
        );
        assert_eq!(
            tally.by_stage[0].1.by_level,
            [1, 0, 1, 0],
            "Bình's paper counts"
        );
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        assert_eq!(saved.stages.len(), 2);
        assert_eq!(
            saved.rows()[1].stages.decided(),
            Some(Rating::HoanThanh),
            "kept with the workspace"
        );
    }

    #[test]
    fn the_cap_uys_decision_entered_once_decides_every_member_as_the_chi_bo_proposed_and_is_saved()
    {
        use crate::chibo::stages::StageEdit;
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::RosterTyped("Nguyễn Văn An\nTrần Thị Bình".into()));
        tab.send(Event::RosterApplied);
        for name in ["Nguyễn Văn An", "Trần Thị Bình"] {
            let key = MemberKey::new(name, "");
            tab.send(Event::StageEdited(
                key.clone(),
                StageEdit::PaperRating(Some(Rating::HoanThanhTot)),
            ));
            tab.send(Event::StageEdited(
                key,
                StageEdit::Proposed(Some(Rating::HoanThanhTot)),
            ));
        }
        tab.send(Event::DecidedAsProposed {
            body: "Đảng ủy xã Tân Phú".into(),
            number: "125-QĐ/ĐU".into(),
            date: "2026-12-28".into(),
        });
        assert_eq!(tab.session.tally().headline, Stage::Decided);
        assert_eq!(tab.session.tally().by_stage[2].1.by_level, [0, 2, 0, 0]);
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        assert!(saved.stages.iter().all(|s| s
            .stages
            .decision
            .as_ref()
            .is_some_and(|d| d.number == "125-QĐ/ĐU")));
        // Nothing left to decide: the same event changes nothing and saves nothing.
        assert_eq!(
            tab.send(Event::DecidedAsProposed {
                body: String::new(),
                number: "999".into(),
                date: String::new(),
            }),
            vec![Effect::Render]
        );
    }

    #[test]
    fn the_decision_for_all_decides_every_member_its_card_counts_with_no_roster_too() {
        // No roster: the members who sent a file are the members (`Row::counted`). The card's
        // count once came from the page and the event's members from the roster: the card offered
        // "cho 2 đồng chí" and the tap decided nobody.
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(read(vec![
            ("an.json", file("a", "Nguyễn Văn An", Rating::HoanThanhTot)),
            (
                "binh.json",
                file("b", "Trần Thị Bình", Rating::HoanThanhTot),
            ),
            ("cuong.json", file("c", "Lê Văn Cường", Rating::HoanThanh)),
        ]));
        for name in ["Nguyễn Văn An", "Trần Thị Bình"] {
            tab.send(Event::StageEdited(
                MemberKey::new(name, ""),
                StageEdit::Proposed(Some(Rating::HoanThanhTot)),
            ));
        }
        tab.settle();
        assert_eq!(
            tab.session.tally().undecided,
            2,
            "two proposed by the chi bộ"
        );
        assert_eq!(
            tab.session.tally().without_ballots,
            3,
            "three voted on, none with ballots"
        );
        tab.send(Event::DecidedAsProposed {
            body: "Đảng ủy xã Tân Phú".into(),
            number: "125-QĐ/ĐU".into(),
            date: "2026-12-28".into(),
        });
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        let decided = saved
            .stages
            .iter()
            .filter(|s| s.stages.decision.is_some())
            .count();
        assert_eq!(decided, 2, "the two the card counted");
        let tally = tab.session.tally();
        assert_eq!(tally.undecided, 0);
        // Cường has no chi bộ proposal nor decision: the summary still leads with the members'
        // own proposals, and shows the later stages beside them.
        assert_eq!(tally.headline, Stage::Members);
        assert!(tally.later_stages());
        assert_eq!(tally.headline_counts().0.by_level, [0, 2, 1, 0]);
        tab.send(Event::BallotsForAll {
            issued: 3,
            returned: 3,
        });
        tab.settle();
        assert_eq!(tab.session.tally().without_ballots, 0);
        let saved = store.get("ws-1").unwrap();
        let with_ballots = saved
            .stages
            .iter()
            .filter(|s| s.stages.vote.as_ref().is_some_and(|v| v.issued == 3))
            .count();
        assert_eq!(with_ballots, 3, "the three the card counted");
    }

    #[test]
    fn the_meetings_ballots_go_once_to_every_member_voted_on_and_are_saved() {
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::RosterTyped(
            "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường,,,miễn công tác và sinh hoạt".into(),
        ));
        tab.send(Event::RosterApplied);
        tab.settle();
        assert_eq!(tab.session.tally().without_ballots, 2, "the card's count");
        tab.send(Event::BallotsForAll {
            issued: 18,
            returned: 17,
        });
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        let ballots: Vec<(String, u32, u32, u32)> = saved
            .stages
            .iter()
            .filter_map(|s| {
                let v = s.stages.vote.as_ref()?;
                Some((s.member.name.clone(), v.issued, v.returned, v.valid))
            })
            .collect();
        assert_eq!(
            ballots,
            vec![
                ("nguyễn văn an".to_owned(), 18, 17, 17),
                ("trần thị bình".to_owned(), 18, 17, 17)
            ],
            "the exempt member is not voted on"
        );
        // Again: everyone has ballots, nothing to save.
        assert_eq!(
            tab.send(Event::BallotsForAll {
                issued: 20,
                returned: 20
            }),
            vec![Effect::Render]
        );
    }

    #[test]
    fn a_change_during_a_save_is_saved_when_it_ends_and_the_tab_never_conflicts_with_itself() {
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::RosterTyped("Nguyễn Văn An\nTrần Thị Bình".into()));
        assert_eq!(tab.session.roster_text(), "Nguyễn Văn An\nTrần Thị Bình");
        assert_eq!(tab.send(Event::RosterApplied).len(), 2);
        // The cap chosen before the roster's save is answered waits for it.
        assert_eq!(tab.send(Event::CapChosen(25)), vec![Effect::Render]);
        assert_eq!(tab.queued.len(), 1);
        tab.answer();
        assert_eq!(tab.queued.len(), 1, "the cap's save follows the roster's");
        assert!(matches!(&tab.queued[0], Effect::Save { expected, .. } if expected.revision == 1));
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        assert_eq!(
            (saved.revision, saved.quota_cap, saved.roster.len()),
            (2, 25, 2)
        );
        assert_eq!(tab.session.notice, None);
        // A cap that is not one of the choices is not taken.
        assert_eq!(tab.send(Event::CapChosen(30)), vec![Effect::Render]);
        assert_eq!(tab.session.workspace().unwrap().quota_cap, 25);
    }

    #[test]
    fn a_failed_save_keeps_the_change_on_screen_says_why_and_saves_it_with_the_next() {
        let store = stored();
        let mut tab = Tab::open(&store);
        tab.send(Event::CapChosen(25));
        tab.queued.clear();
        tab.send(Event::Saved(Err(StorageError::Quota)));
        assert!(tab.session.notice.as_deref().is_some_and(|n| !n.is_empty()));
        assert!(tab.session.unsaved());
        assert_eq!(tab.session.save_state(), SaveState::Failed);
        assert_eq!(tab.session.workspace().unwrap().quota_cap, 25);
        tab.send(Event::RosterTyped("Nguyễn Văn An".into()));
        tab.send(Event::RosterApplied);
        tab.settle();
        let saved = store.get("ws-1").unwrap();
        assert_eq!(
            (saved.revision, saved.quota_cap, saved.roster.len()),
            (1, 25, 1)
        );
        assert_eq!(tab.session.notice, None);
        assert_eq!(tab.session.save_state(), SaveState::Saved);
    }

    #[test]
    fn another_tab_s_save_is_taken_when_nothing_here_is_unsaved_and_never_overwritten() {
        let store = stored();
        let mut mine = Tab::open(&store);
        let mut theirs = Tab::open(&store);
        theirs.send(read(vec![(
            "an.json",
            file("a", "Nguyễn Văn An", Rating::HoanThanhTot),
        )]));
        theirs.settle();
        // Told of it with nothing unsaved: taken, counted.
        let announced = store.get("ws-1").unwrap();
        assert_eq!(
            mine.send(Event::SavedElsewhere(announced.clone())),
            vec![Effect::Render]
        );
        assert_eq!(mine.session.tally().counts.rated, 1);
        assert_eq!(
            mine.send(Event::SavedElsewhere(announced)),
            vec![],
            "the same version again"
        );
        // Both change; theirs is saved first; mine is refused by the store and says so.
        theirs.send(Event::CapChosen(25));
        mine.send(Event::RosterTyped("Nguyễn Văn An".into()));
        mine.send(Event::RosterApplied);
        theirs.settle();
        mine.send(Event::SavedElsewhere(store.get("ws-1").unwrap()));
        assert_eq!(
            mine.session.notice.as_deref(),
            Some(ct(ChiBoMsg::WorkspaceNewerElsewhere))
        );
        mine.settle();
        let saved = store.get("ws-1").unwrap();
        assert_eq!(saved.quota_cap, 25, "their save stands");
        assert!(saved.roster.is_empty());
        assert_eq!(
            mine.session.notice.as_deref(),
            Some(ct(ChiBoMsg::WorkspaceNewerElsewhere))
        );
        assert_eq!(
            mine.session.workspace().unwrap().roster.len(),
            1,
            "mine stays on screen"
        );
    }

    #[test]
    fn sealed_files_wait_for_the_passphrase_and_none_is_received_half() {
        let store = stored();
        let mut tab = Tab::open(&store);
        let sealed = br#"{"format": "tusoi-sealed", "ciphertext": "..."}"#.to_vec();
        // Without a passphrase each sealed file is refused with what to do; the plain one counts.
        let effects = tab.send(read(vec![
            ("kin.json", sealed.clone()),
            ("an.json", file("a", "Nguyễn Văn An", Rating::HoanThanhTot)),
        ]));
        assert!(matches!(effects.last(), Some(Effect::Save { .. })));
        let refused = tab.session.attention();
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].lines[0].contains("Mật khẩu của tệp"),
            "{:?}",
            refused[0].lines
        );
        assert_eq!(tab.session.tally().counts.rated, 1);
        tab.settle();
        // With one: opened first, then the batch is received together.
        let effects = tab.send(Event::FilesRead {
            read: vec![
                ("kin.json".into(), sealed.clone()),
                ("sai.json".into(), sealed.clone()),
                (
                    "binh.json".into(),
                    file("b", "Trần Thị Bình", Rating::HoanThanhTot),
                ),
            ],
            refused: vec![("to.json".into(), "Tệp quá lớn.".into())],
            passphrase: true,
        });
        assert_eq!(
            effects,
            vec![Effect::OpenSealed(vec![
                ("kin.json".into(), sealed.clone()),
                ("sai.json".into(), sealed)
            ])]
        );
        assert_eq!(
            tab.session.tally().counts.rated,
            1,
            "nothing received before they open"
        );
        let effects = tab.send(Event::SealedOpened(vec![
            (
                "kin.json".into(),
                Ok(file("c", "Lê Văn Cường", Rating::HoanThanh)),
            ),
            ("sai.json".into(), Err("Sai mật khẩu.".into())),
        ]));
        assert!(matches!(effects.last(), Some(Effect::Save { .. })));
        assert_eq!(tab.session.tally().counts.rated, 3);
        let files: Vec<&str> = tab
            .session
            .attention()
            .iter()
            .map(|f| f.file_name.as_str())
            .collect();
        assert!(
            files.contains(&"sai.json") && files.contains(&"to.json"),
            "{files:?}"
        );
        tab.settle();
        assert_eq!(store.get("ws-1").unwrap().inbox.documents.len(), 3);
    }

    #[test]
    fn show_more_adds_a_page_and_a_new_filter_starts_again_from_the_first() {
        let mut s = WorkspaceSession::new();
        s.update(Event::Loaded(Ok(Some(workspace()))), NOW);
        s.update(Event::MoreRows, NOW);
        s.update(Event::MoreNotes, NOW);
        assert_eq!((s.limit, s.notes_limit), (2 * PAGE_ROWS, 2 * PAGE_ROWS));
        s.update(Event::FilterChosen(Filter::Missing), NOW);
        assert_eq!((s.limit, s.notes_limit), (PAGE_ROWS, 2 * PAGE_ROWS));
    }

    #[test]
    fn the_workspace_a_render_holds_is_shared_and_a_change_leaves_it_as_it_was() {
        let mut s = WorkspaceSession::new();
        s.update(Event::Loaded(Ok(Some(workspace()))), NOW);
        let held = s.shared().unwrap();
        assert!(
            Rc::ptr_eq(&held, &s.shared().unwrap()),
            "a render copies nothing"
        );
        s.update(Event::CapChosen(25), NOW);
        assert_eq!(
            held.quota_cap, 20,
            "what the last render holds is not changed under it"
        );
        assert_eq!(s.workspace().unwrap().quota_cap, 25);
        assert!(!Rc::ptr_eq(&held, &s.shared().unwrap()));
    }
}
