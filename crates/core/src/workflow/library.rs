//! What the pages ask of the member's documents on the device, answered once here over their
//! list entries (`DocumentSummary`, what the store lists without opening any body) or over
//! documents already open: last year's review, the pledges of a year and the newest of them,
//! how many documents the export reminder counts. A page that needs a body opens the one found.

use crate::analysis::retention::{needs_export_reminder, ExportMark};
use crate::forms::template::{Forms, Template};
use crate::model::document::{Document, DocumentSummary};

/// A document as the library sorts it: its form, its year and when it was last saved. A list
/// entry and an open document both are one.
pub trait Listed {
    fn template_id(&self) -> &str;
    fn year(&self) -> u16;
    fn updated_at(&self) -> &str;
}

impl Listed for DocumentSummary {
    fn template_id(&self) -> &str {
        &self.template_id
    }
    fn year(&self) -> u16 {
        self.year
    }
    fn updated_at(&self) -> &str {
        &self.updated_at
    }
}

impl Listed for Document {
    fn template_id(&self) -> &str {
        &self.template_id
    }
    fn year(&self) -> u16 {
        self.year
    }
    fn updated_at(&self) -> &str {
        &self.updated_at
    }
}

fn is_pledge(forms: &Forms, d: &impl Listed) -> bool {
    forms.get(d.template_id()).is_some_and(Template::is_pledge)
}

/// The newest of some documents (the last saved; on equal times, the first given).
fn newest<'a, D: Listed>(documents: impl Iterator<Item = &'a D>) -> Option<&'a D> {
    documents.fold(None, |best: Option<&D>, d| match best {
        Some(b) if b.updated_at() >= d.updated_at() => Some(b),
        _ => Some(d),
    })
}

/// The review of the year before `year` to follow up in a new one (the newest, if several).
pub fn last_years_review<'a, D: Listed>(
    forms: &Forms,
    documents: &'a [D],
    year: u16,
) -> Option<&'a D> {
    newest(documents.iter().filter(|d| {
        d.year() + 1 == year && forms.get(d.template_id()).is_some_and(Template::is_review)
    }))
}

/// The pledges made for `year`, in the order given.
pub fn pledges_of<'a, D: Listed>(forms: &Forms, documents: &'a [D], year: u16) -> Vec<&'a D> {
    documents
        .iter()
        .filter(|d| d.year() == year && is_pledge(forms, *d))
        .collect()
}

/// The pledge for `year` a review assesses: the newest, if several.
pub fn newest_pledge_of<'a, D: Listed>(
    forms: &Forms,
    documents: &'a [D],
    year: u16,
) -> Option<&'a D> {
    newest(pledges_of(forms, documents, year).into_iter())
}

/// How many of the live documents `summaries` the export reminder counts, with their export
/// `marks`, `now_ms` and the environment's days (`needs_export_reminder`).
pub fn reminder_count(
    summaries: &[DocumentSummary],
    marks: &[ExportMark],
    now_ms: i64,
    days: i64,
) -> usize {
    summaries
        .iter()
        .filter(|s| needs_export_reminder(s, marks.iter().find(|m| m.id == s.id), now_ms, days))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, template: &str, year: u16, saved: &str) -> DocumentSummary {
        DocumentSummary {
            id: id.into(),
            title: id.into(),
            template_id: template.into(),
            year,
            created_at: saved.into(),
            updated_at: saved.into(),
            revision: 1,
            deleted_at: None,
        }
    }

    #[test]
    fn the_library_finds_last_year_s_review_and_the_newest_pledge_of_a_year_from_list_entries() {
        let pledge = Template::pledge_for(2027).id;
        let list = [
            entry(
                "review-2026",
                "HD43-2025/2B",
                2026,
                "2026-12-01T00:00:00.000Z",
            ),
            entry(
                "review-2026-b",
                "HD43-2025/2B",
                2026,
                "2026-12-03T00:00:00.000Z",
            ),
            entry("pledge-2027-old", pledge, 2027, "2026-12-02T00:00:00.000Z"),
            entry("pledge-2027", pledge, 2027, "2026-12-04T00:00:00.000Z"),
            entry("pledge-2026", pledge, 2026, "2026-12-05T00:00:00.000Z"),
        ];
        assert_eq!(
            last_years_review(&Forms::default(), &list, 2027).map(|d| d.id.as_str()),
            Some("review-2026-b")
        );
        assert_eq!(
            last_years_review(&Forms::default(), &list, 2026),
            None,
            "no review of 2025"
        );
        assert_eq!(
            pledges_of(&Forms::default(), &list, 2027)
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>(),
            ["pledge-2027-old", "pledge-2027"]
        );
        assert_eq!(
            newest_pledge_of(&Forms::default(), &list, 2027).map(|d| d.id.as_str()),
            Some("pledge-2027")
        );
        assert_eq!(newest_pledge_of(&Forms::default(), &list, 2028), None);
    }

    #[test]
    fn the_reminder_counts_the_documents_changed_since_their_export_for_longer_than_the_days() {
        let day = 86_400_000;
        let now =
            crate::base::time::millis_from_rfc3339("2026-12-20T00:00:00.000Z").expect("a time");
        let list = [
            entry("never", "HD43-2025/2B", 2026, "2026-12-01T00:00:00.000Z"),
            entry("exported", "HD43-2025/2B", 2026, "2026-12-01T00:00:00.000Z"),
        ];
        let marks = [ExportMark {
            id: "exported".into(),
            exported_at: "2026-12-19T00:00:00.000Z".into(),
            revision: 1,
        }];
        assert_eq!(reminder_count(&list, &marks, now, 14), 1);
        assert_eq!(reminder_count(&list, &marks, now - 10 * day, 14), 0);
    }
}
