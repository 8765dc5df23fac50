//! Two editor sessions over one store, as two tabs of one browser are: the effect runner here
//! plays the web shell's part (`src/hooks/use_session.rs`) with a [`MemoryStore`] and a list of
//! announcements in place of the `BroadcastChannel`, so the two-tabs journey of the end-to-end
//! suite is replayed natively, step by step.

use tusoi_core::workflow::session::{Effect, Event, SaveStatus, Session};
use tusoi_core::workflow::store::{ready, Backend, MemoryStore, Version};
use tusoi_core::{Document, Edit, Template};

struct Tab {
    session: Session,
    timer: bool,
    notices: Vec<String>,
}

struct Browser {
    store: MemoryStore,
    tabs: Vec<Tab>,
    clock: u32,
    ids: u32,
}

impl Browser {
    fn now(&mut self) -> String {
        self.clock += 1;
        format!(
            "2026-12-01T08:{:02}:{:02}.000Z",
            self.clock / 60,
            self.clock % 60
        )
    }

    /// Sends an event to one tab and carries out every effect, as the shell's runner does: the
    /// store's answers go back to the same tab, committed writes are announced to the others.
    fn send(&mut self, tab: usize, event: Event) {
        let mut queue = vec![(tab, event)];
        while let Some((tab, event)) = queue.pop() {
            let now = self.now();
            let mut ids = self.ids;
            let effects = self.tabs[tab].session.update(event, &now, &mut || {
                ids += 1;
                format!("copy-{ids}")
            });
            self.ids = ids;
            for effect in effects {
                match effect {
                    Effect::ArmTimer { .. } => self.tabs[tab].timer = true,
                    Effect::Save { document, expected } => {
                        let result = ready(self.store.save(&document, &expected));
                        if result.is_ok() {
                            for other in (0..self.tabs.len()).filter(|o| *o != tab) {
                                queue.push((
                                    other,
                                    Event::OtherTabSaved {
                                        id: document.id.clone(),
                                        revision: document.revision,
                                    },
                                ));
                            }
                        }
                        queue.push((
                            tab,
                            Event::SaveDone {
                                id: document.id.clone(),
                                version: Version::of(&document),
                                result,
                            },
                        ));
                    }
                    Effect::Fetch { id } => {
                        let found = ready(self.store.get(&id)).expect("get");
                        queue.push((tab, Event::Fetched(found)));
                    }
                    Effect::StoreCopy(copy) => {
                        let result = ready(self.store.put(&copy))
                            .map(|()| copy.title.clone())
                            .map_err(|e| e.message());
                        queue.push((tab, Event::CopyStored(result)));
                    }
                    Effect::Notice { text, .. } => self.tabs[tab].notices.push(text),
                    // Every save here is answered at once, so no watchdog can fire; its rules
                    // are pinned by the session's own tests.
                    Effect::Watch { .. }
                    | Effect::RequestPersistence
                    | Effect::Replaced
                    | Effect::Render => {}
                }
            }
        }
    }

    fn fire_timer(&mut self, tab: usize) {
        assert!(self.tabs[tab].timer, "tab {tab} armed a timer");
        self.tabs[tab].timer = false;
        self.send(tab, Event::TimerFired);
    }

    fn text(&self, tab: usize) -> String {
        self.tabs[tab]
            .session
            .document()
            .map(|d| d.answer("A.VI").to_owned())
            .unwrap_or_default()
    }
}

fn type_into(text: &str) -> Event {
    Event::Edited(Edit::Section("A.VI".into(), text.into()))
}

#[test]
fn two_tabs_on_one_document_never_overwrite_each_other_and_keep_mine_stores_a_copy() {
    let template = Template::get("HD43-2025/2B").expect("2B");
    let original = Document::new("d".into(), template, 2026, "2026-12-01T07:00:00.000Z");
    let mut b = Browser {
        store: MemoryStore::default(),
        tabs: Vec::new(),
        clock: 0,
        ids: 0,
    };
    ready(b.store.put(&original)).expect("put");
    for _ in 0..2 {
        b.tabs.push(Tab {
            session: Session::new(true),
            timer: false,
            notices: Vec::new(),
        });
    }
    b.send(0, Event::Loaded(original.clone()));
    b.send(1, Event::Loaded(original.clone()));

    // Tab one types and saves; tab two has nothing unsaved and follows at once.
    b.send(0, type_into("Một"));
    b.fire_timer(0);
    assert_eq!(b.text(1), "Một");
    assert!(matches!(
        b.tabs[1].session.status(),
        SaveStatus::Saved { .. }
    ));

    // Tab two types and saves from the version it followed; tab one follows.
    b.send(1, type_into("Một, hai"));
    b.fire_timer(1);
    assert_eq!(b.text(0), "Một, hai");

    // Both type at once. Tab one saves first; tab two, dirty, is asked and writes nothing.
    b.send(0, type_into("Một, hai, ba (thẻ một)"));
    b.send(1, type_into("Một, hai, bốn (thẻ hai)"));
    b.fire_timer(0);
    assert_eq!(*b.tabs[1].session.status(), SaveStatus::Conflict);
    b.fire_timer(1);
    let stored = ready(b.store.get("d")).expect("get").expect("the document");
    assert_eq!(
        stored.answer("A.VI"),
        "Một, hai, ba (thẻ một)",
        "tab one's save stands"
    );
    assert_eq!(
        b.text(1),
        "Một, hai, bốn (thẻ hai)",
        "tab two's text is on its screen"
    );

    // Tab two keeps its text as a copy and takes tab one's version.
    b.send(1, Event::Resolve { keep_mine: true });
    assert_eq!(b.text(1), "Một, hai, ba (thẻ một)");
    let all = ready(b.store.all()).expect("all");
    assert_eq!(all.len(), 2);
    let copy = all.iter().find(|d| d.id != "d").expect("the copy");
    assert_eq!(copy.answer("A.VI"), "Một, hai, bốn (thẻ hai)");
    assert_eq!(b.tabs[1].notices.len(), 1);
    assert!(b.tabs[1].notices[0].contains(&copy.title));

    // Autosave goes on in both tabs from the one stored version.
    b.send(1, type_into("Một, hai, ba, năm"));
    b.fire_timer(1);
    assert_eq!(b.text(0), "Một, hai, ba, năm");
    let stored = ready(b.store.get("d")).expect("get").expect("the document");
    assert_eq!(stored.answer("A.VI"), "Một, hai, ba, năm");
    assert!(!b.tabs[0].session.is_dirty() && !b.tabs[1].session.is_dirty());
}
