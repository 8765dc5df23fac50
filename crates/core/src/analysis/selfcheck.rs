//! The self-check ("tự soi"): the member goes through every item of the reference lists
//! ([`crate::forms::reference`]) and answers "không có" or "có biểu hiện", and for the latter says what
//! they will do and by when. [`summary`] turns the answers into the paragraph of section A.I.1.

use crate::base::messages::{et, etf, EditorMsg};
use crate::forms::reference::ReferenceList;
use crate::model::check::CheckEntry;
use crate::model::document::Document;

/// How far the member has gone through the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub found: usize,
    pub total: usize,
}

pub fn progress(document: &Document) -> Progress {
    let known = |e: &&CheckEntry| ReferenceList::find(&e.item).is_some();
    Progress {
        answered: document.self_check.iter().filter(known).count(),
        found: document
            .self_check
            .iter()
            .filter(known)
            .filter(|e| e.found)
            .count(),
        total: ReferenceList::total(),
    }
}

/// The paragraph for A.I.1: per list, either "không có biểu hiện" or the items found with what the
/// member will do, and how many items are not answered yet. Items are named by their short label
/// and number, never by an unverified text.
pub fn summary(document: &Document) -> String {
    let mut parts = Vec::new();
    for list in ReferenceList::all() {
        let entries: Vec<(&crate::forms::reference::Item, &CheckEntry)> = list
            .items
            .iter()
            .filter_map(|item| {
                let key = list.key(item);
                document
                    .self_check
                    .iter()
                    .find(|e| e.item == key)
                    .map(|e| (item, e))
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        let found: Vec<String> = entries
            .iter()
            .filter(|(_, e)| e.found)
            .map(|(item, e)| {
                let mut s = format!("{} ({})", item.label, item.id);
                if !e.action.trim().is_empty() {
                    s.push_str(&etf(
                        EditorMsg::CheckSummaryAction,
                        &[("action", e.action.trim().trim_end_matches('.'))],
                    ));
                }
                if !e.by.trim().is_empty() {
                    s.push_str(&etf(EditorMsg::CheckSummaryBy, &[("by", e.by.trim())]));
                }
                s
            })
            .collect();
        let mut part = if list.cites_document(document.year) {
            etf(
                EditorMsg::CheckSummaryList,
                &[("title", list.title), ("document", list.document)],
            )
        } else {
            etf(EditorMsg::CheckSummaryListUncited, &[("title", list.title)])
        };
        if found.is_empty() {
            part.push_str(et(EditorMsg::CheckSummaryNone));
        } else {
            part.push_str(&etf(
                EditorMsg::CheckSummaryFound,
                &[
                    ("count", &found.len().to_string()),
                    ("items", &found.join("; ")),
                ],
            ));
        }
        let missing = list.items.len() - entries.len();
        if missing > 0 {
            part.push_str(&etf(
                EditorMsg::CheckSummaryMissing,
                &[("count", &missing.to_string())],
            ));
        }
        parts.push(part);
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("{} {}", et(EditorMsg::CheckSummaryLead), parts.join(" "))
}

/// The text of A.I.1 with the summary in it: replaces the paragraph an earlier summary wrote (it
/// starts with the same lead), or adds the summary as a new last paragraph. The member's own
/// paragraphs are kept as they are.
pub fn fill_section(text: &str, summary: &str) -> String {
    let lead = et(EditorMsg::CheckSummaryLead);
    let mut paragraphs: Vec<&str> = text.split('\n').collect();
    match paragraphs
        .iter()
        .position(|p| p.trim_start().starts_with(lead))
    {
        Some(i) => paragraphs[i] = summary,
        None if text.trim().is_empty() => return summary.to_owned(),
        None => paragraphs.push(summary),
    }
    paragraphs.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::template::Template;
    use crate::model::check::CheckEdit;
    use crate::model::document::Edit;

    fn doc() -> Document {
        Document::new(
            "d".into(),
            Template::get("HD43-2025/2B").unwrap(),
            2026,
            "2026-12-01T08:00:00.000Z",
        )
    }

    #[test]
    fn the_summary_names_what_was_found_with_the_remedy_and_counts_what_is_left() {
        let mut d = doc();
        assert_eq!(summary(&d), "");
        for item in ReferenceList::all()[0].items {
            d.apply(Edit::Check(
                format!("NQ04-2016/{}", item.id),
                CheckEdit::Found(Some(false)),
            ));
        }
        d.apply(Edit::Check(
            "NQ04-2016/A4".into(),
            CheckEdit::Found(Some(true)),
        ));
        d.apply(Edit::Check(
            "NQ04-2016/A4".into(),
            CheckEdit::Action("Lập lịch việc tuần, báo cáo đúng hạn.".into()),
        ));
        d.apply(Edit::Check(
            "NQ04-2016/A4".into(),
            CheckEdit::By("quý I/2027".into()),
        ));
        d.apply(Edit::Check(
            "QD37-2021/1".into(),
            CheckEdit::Found(Some(false)),
        ));
        let p = progress(&d);
        assert_eq!((p.answered, p.found, p.total), (28, 1, 46));
        let s = summary(&d);
        assert!(s.starts_with(et(EditorMsg::CheckSummaryLead)), "{s}");
        assert!(s.contains("có 1 biểu hiện: Sa sút ý chí phấn đấu, trung bình chủ nghĩa, làm việc qua loa (A4), khắc phục bằng cách: Lập lịch việc tuần, báo cáo đúng hạn, thời hạn: quý I/2027."), "{s}");
        // A 2026 review does not name Quy định 37-QĐ/TW: it may have been replaced (docs/domain.md, "The self-check lists").
        assert!(s.contains(" Đối chiếu 19 điều đảng viên không được làm: không có biểu hiện. Còn 18 nội dung chưa tự soi."), "{s}");
        assert!(!s.contains("Quy định 37"), "{s}");
        assert!(
            s.contains("(Nghị quyết 04-NQ/TW ngày 30/10/2016 (Hội nghị Trung ương 4 khoá XII))"),
            "{s}"
        );
        d.year = 2025;
        assert!(summary(&d).contains("19 điều đảng viên không được làm (Quy định 37-QĐ/TW ngày 25/10/2021): không có biểu hiện."));
    }

    #[test]
    fn the_summary_goes_to_the_self_check_section_of_each_form() {
        for (id, section) in [
            ("HD43-2025/2B", "A.I.1"),
            ("HD43-2025/2A", "A.I.1"),
            ("HD21-2019/02", "I.1"),
        ] {
            let t = Template::get(id).unwrap();
            assert_eq!(
                t.role_section(crate::forms::template::SectionRole::SelfCheck)
                    .unwrap()
                    .id,
                section
            );
        }
        assert!(
            Template::get("HD43-2025/01")
                .unwrap()
                .role_section(crate::forms::template::SectionRole::SelfCheck)
                .is_none(),
            "a collective does not self-check"
        );
    }

    #[test]
    fn filling_a_i_1_replaces_the_old_summary_and_keeps_the_members_paragraphs() {
        let mine = "Dự đủ 12/12 buổi sinh hoạt chi bộ.";
        let first = fill_section(mine, &format!("{} cũ.", et(EditorMsg::CheckSummaryLead)));
        assert_eq!(
            first,
            format!("{mine}\n{} cũ.", et(EditorMsg::CheckSummaryLead))
        );
        let second = fill_section(&first, &format!("{} mới.", et(EditorMsg::CheckSummaryLead)));
        assert_eq!(
            second,
            format!("{mine}\n{} mới.", et(EditorMsg::CheckSummaryLead))
        );
        assert_eq!(fill_section("", "X"), "X");
    }

    #[test]
    fn clearing_an_answer_removes_it_and_unknown_items_do_not_count() {
        let mut d = doc();
        assert!(d.apply(Edit::Check(
            "QD37-2021/19".into(),
            CheckEdit::Found(Some(true))
        )));
        assert!(!d.apply(Edit::Check(
            "QD37-2021/19".into(),
            CheckEdit::Found(Some(true))
        )));
        assert!(d.apply(Edit::Check("QD37-2021/19".into(), CheckEdit::Found(None))));
        assert!(d.self_check.is_empty());
        assert!(
            !d.apply(Edit::Check(
                "QD37-2021/19".into(),
                CheckEdit::Action("x".into())
            )),
            "no answer yet"
        );
        d.self_check.push(CheckEntry {
            item: "NQ04-2016/Z9".into(),
            found: true,
            action: String::new(),
            by: String::new(),
        });
        assert_eq!(progress(&d).answered, 0);
    }
}
