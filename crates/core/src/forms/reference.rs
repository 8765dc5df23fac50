//! The reference lists a member checks themself against ("tự soi"): the 27 manifestations of
//! degradation of Nghị quyết 04-NQ/TW and the 19 things members must not do of Quy định 37-QĐ/TW.
//!
//! Each list is a JSON file under `crates/core/reference/`, keyed by its version (`NQ04-2016`,
//! `QD37-2021`) so a successor can be added beside it; `build.rs` turns the files into the statics
//! here (a malformed file stops the build). Each item says how much of its official
//! wording was found (docs/domain.md, "The self-check lists"): only [`TextStatus::Verified`] text is shown as the
//! official wording, [`TextStatus::Partial`] text as an excerpt, and every other item by its short
//! label, marked as a label.

use crate::base::messages::Msg;

/// A reference list.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceList {
    /// The version key (`NQ04-2016`), the prefix of every item key.
    pub id: &'static str,
    pub title: &'static str,
    /// The document the list comes from.
    pub document: &'static str,
    /// A caution shown over the list.
    pub note: Option<&'static str>,
    /// The last review year whose documents may cite `document` by name. Set when the document may
    /// have been replaced (docs/domain.md, "The self-check lists": nothing prints "Quy định 37-QĐ/TW" on a 2026 form until
    /// its successor is confirmed); later years name the list only.
    pub cite_until: Option<u16>,
    pub groups: &'static [Group],
    pub items: &'static [Item],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: &'static str,
    pub title: &'static str,
}

/// How much of an item's official wording was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStatus {
    /// The official wording, seen in at least one source and not contradicted.
    Verified,
    /// Part of the official wording; the rest was not found.
    Partial,
    /// Only a short label summarising the item; no official wording.
    Label,
    /// Neither wording nor a reliable label: only the item's number is known.
    Unknown,
}

impl TextStatus {
    /// How the UI qualifies the text it shows.
    pub fn caption(self) -> Msg {
        match self {
            TextStatus::Verified => Msg::RefVerified,
            TextStatus::Partial => Msg::RefPartial,
            TextStatus::Label => Msg::RefLabel,
            TextStatus::Unknown => Msg::RefUnknown,
        }
    }
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The item's number within its list (`A1`, `19`).
    pub id: &'static str,
    pub group: &'static str,
    /// A short label: a summary, never presented as official text.
    pub label: &'static str,
    pub status: TextStatus,
    /// The official wording (whole when verified, an excerpt when partial).
    pub text: Option<&'static str>,
    /// Where the wording or label was found.
    pub source: &'static str,
}

impl ReferenceList {
    /// Every built-in list.
    pub fn all() -> &'static [ReferenceList] {
        static ALL: &[ReferenceList] = include!(concat!(env!("OUT_DIR"), "/reference.rs"));
        ALL
    }

    /// The key of an item in documents: `NQ04-2016/A1`.
    pub fn key(&self, item: &Item) -> String {
        format!("{}/{}", self.id, item.id)
    }

    /// The item a document key names, with its list.
    pub fn find(key: &str) -> Option<(&'static ReferenceList, &'static Item)> {
        let (list, item) = key.split_once('/')?;
        let list = ReferenceList::all().iter().find(|l| l.id == list)?;
        Some((list, list.items.iter().find(|i| i.id == item)?))
    }

    /// Whether a document of a review year may cite this list's source document by name.
    pub fn cites_document(&self, year: u16) -> bool {
        self.cite_until.is_none_or(|last| year <= last)
    }

    /// The number of items of every list together.
    pub fn total() -> usize {
        ReferenceList::all().iter().map(|l| l.items.len()).sum()
    }
}

impl Item {
    /// The text to show as official wording: only verified or partial text, never a label.
    pub fn official_text(&self) -> Option<&str> {
        match self.status {
            TextStatus::Verified | TextStatus::Partial => self.text,
            TextStatus::Label | TextStatus::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_have_27_manifestations_in_three_groups_and_19_articles() {
        let all = ReferenceList::all();
        let nq04 = all.iter().find(|l| l.id == "NQ04-2016").unwrap();
        assert_eq!(nq04.items.len(), 27);
        for group in ["A", "B", "C"] {
            assert_eq!(nq04.items.iter().filter(|i| i.group == group).count(), 9);
        }
        let qd37 = all.iter().find(|l| l.id == "QD37-2021").unwrap();
        assert_eq!(qd37.items.len(), 19);
        assert_eq!(ReferenceList::total(), 46);
    }

    #[test]
    fn the_27_manifestations_never_show_the_betting_site_mirror_as_a_source() {
        // A1–A4 were read on new88w.xyz too (docs/domain.md); a member is shown the press only.
        for list in ReferenceList::all() {
            for item in list.items {
                assert!(
                    !item.source.contains("new88"),
                    "{}: {}",
                    item.id,
                    item.source
                );
            }
        }
        let a1 = ReferenceList::all()
            .iter()
            .flat_map(|l| l.items)
            .find(|i| i.id == "A1")
            .expect("A1");
        assert_eq!(a1.source, "danviet.vn");
    }

    #[test]
    fn only_items_with_found_wording_carry_text_and_every_group_exists() {
        for list in ReferenceList::all() {
            let mut ids = std::collections::HashSet::new();
            for item in list.items {
                assert!(ids.insert(&item.id), "{} twice in {}", item.id, list.id);
                assert!(list.groups.iter().any(|g| g.id == item.group));
                assert!(!item.label.trim().is_empty());
                match item.status {
                    TextStatus::Verified | TextStatus::Partial => {
                        assert!(item.text.is_some_and(|t| t.len() > 20), "{}", item.id);
                        assert!(!item.source.is_empty(), "{} needs a source", item.id);
                    }
                    TextStatus::Label | TextStatus::Unknown => {
                        assert!(
                            item.text.is_none(),
                            "{} shows text it has not verified",
                            item.id
                        );
                        assert!(item.official_text().is_none());
                    }
                }
            }
        }
    }

    #[test]
    fn the_verified_items_are_those_domain_md_verifies() {
        // docs/domain.md, "The self-check lists": official wording for A1-A4, A6 and C1-C5 (+ partial A5, B4, B5, C6).
        let nq04 = ReferenceList::all()
            .iter()
            .find(|l| l.id == "NQ04-2016")
            .unwrap();
        let verified: Vec<&str> = nq04
            .items
            .iter()
            .filter(|i| i.status == TextStatus::Verified)
            .map(|i| i.id)
            .collect();
        assert_eq!(
            verified,
            ["A1", "A2", "A3", "A4", "A6", "C1", "C2", "C3", "C4", "C5"]
        );
        let (_, a6) = ReferenceList::find("NQ04-2016/A6").unwrap();
        assert!(a6
            .official_text()
            .unwrap()
            .starts_with("Nói không đi đôi với làm"));
        assert!(ReferenceList::find("NQ04-2016/A10").is_none());
        assert!(ReferenceList::find("QD37-2021/19").is_some());
    }
}
