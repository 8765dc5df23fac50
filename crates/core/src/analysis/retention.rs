//! Rules for keeping data when the browser may not: when to remind the member to export, and when a
//! document in the trash is deleted for good. Pure functions of times, so they are tested here.

use crate::base::time::millis_from_rfc3339;
use crate::model::document::DocumentSummary;

const DAY_MS: i64 = 86_400_000;
/// A document stays in the trash this many days before it is deleted for good.
pub const TRASH_DAYS: i64 = 30;

/// The last export of a document: when, and at which revision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportMark {
    pub id: String,
    pub exported_at: String,
    pub revision: u64,
}

/// Whether a live document has changes that were not exported for `days` days
/// (`Environment::reminder_days`: 3 in an iPhone's browser tab, 14 elsewhere): its stored revision
/// is newer than the last export (or it was never exported), and the last export (or, never
/// exported, its creation) is that old. Asked on every visit, so once due it shows on each.
pub fn needs_export_reminder(
    summary: &DocumentSummary,
    mark: Option<&ExportMark>,
    now_ms: i64,
    days: i64,
) -> bool {
    if summary.deleted_at.is_some() {
        return false;
    }
    let (since, exported_revision) = match mark {
        Some(m) => (m.exported_at.as_str(), Some(m.revision)),
        None => (summary.created_at.as_str(), None),
    };
    if exported_revision.is_some_and(|r| r >= summary.revision) {
        return false;
    }
    // A time that cannot be read is treated as old: a reminder too many beats data lost.
    millis_from_rfc3339(since).is_none_or(|t| now_ms - t >= days * DAY_MS)
}

/// Whether a document moved to the trash at `deleted_at` is due for deletion at `now_ms`.
pub fn trash_expired(deleted_at: &str, now_ms: i64) -> bool {
    // An unreadable time never deletes anything.
    millis_from_rfc3339(deleted_at).is_some_and(|t| now_ms - t >= TRASH_DAYS * DAY_MS)
}

/// Whole days left before a trashed document is deleted for good (0 when due).
pub fn trash_days_left(deleted_at: &str, now_ms: i64) -> i64 {
    millis_from_rfc3339(deleted_at)
        .map_or(TRASH_DAYS, |t| (TRASH_DAYS - (now_ms - t) / DAY_MS).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::time::millis_from_rfc3339 as ms;

    fn summary(created: &str, revision: u64) -> DocumentSummary {
        DocumentSummary {
            id: "a".into(),
            title: "T".into(),
            template_id: "HD43-2025/2B".into(),
            year: 2025,
            created_at: created.into(),
            updated_at: created.into(),
            revision,
            deleted_at: None,
        }
    }

    fn mark(at: &str, revision: u64) -> ExportMark {
        ExportMark {
            id: "a".into(),
            exported_at: at.into(),
            revision,
        }
    }

    #[test]
    fn reminder_after_fourteen_days_of_unexported_changes() {
        let now = ms("2025-12-20T00:00:00.000Z").unwrap();
        let cases = [
            // (created, revision, last export, reminder?)
            ("2025-12-10T00:00:00.000Z", 5, None, false), // 10 days old
            ("2025-12-06T00:00:00.000Z", 5, None, true),  // 14 days, never exported
            (
                "2025-11-01T00:00:00.000Z",
                5,
                Some(mark("2025-12-01T00:00:00.000Z", 5)),
                false,
            ), // exported as is
            (
                "2025-11-01T00:00:00.000Z",
                6,
                Some(mark("2025-12-01T00:00:00.000Z", 5)),
                true,
            ), // changed since, 19 days
            (
                "2025-11-01T00:00:00.000Z",
                6,
                Some(mark("2025-12-10T00:00:00.000Z", 5)),
                false,
            ), // changed, 10 days
            ("garbled", 1, None, true),
        ];
        for (created, revision, m, expected) in cases {
            assert_eq!(
                needs_export_reminder(&summary(created, revision), m.as_ref(), now, 14),
                expected,
                "{created} {revision} {m:?}"
            );
        }
        let mut trashed = summary("2025-01-01T00:00:00.000Z", 9);
        trashed.deleted_at = Some("2025-12-19T00:00:00.000Z".into());
        assert!(!needs_export_reminder(&trashed, None, now, 14));
    }

    #[test]
    fn an_iphone_tab_s_reminder_comes_on_day_three_and_elsewhere_on_day_fourteen() {
        use crate::base::environment::{REMINDER_DAYS, REMINDER_DAYS_IOS_TAB};
        let at = |t: &str| ms(t).unwrap();
        let created = "2026-12-01T08:00:00.000Z";
        // Never exported: due exactly 3 days (72 hours) after it was made in a tab, 14 elsewhere.
        let never = summary(created, 4);
        let tab = |now: &str| needs_export_reminder(&never, None, at(now), REMINDER_DAYS_IOS_TAB);
        assert!(!tab("2026-12-04T07:59:59.999Z"));
        assert!(tab("2026-12-04T08:00:00.000Z"));
        // And on every visit after that, until it is exported.
        assert!(tab("2026-12-06T20:00:00.000Z"));
        let other = |now: &str| needs_export_reminder(&never, None, at(now), REMINDER_DAYS);
        assert!(!other("2026-12-15T07:59:59.999Z"));
        assert!(other("2026-12-15T08:00:00.000Z"));
        // Exported after its last change: never due, however long ago.
        let exported = mark("2026-12-02T08:00:00.000Z", 4);
        assert!(!needs_export_reminder(
            &never,
            Some(&exported),
            at("2027-03-01T00:00:00.000Z"),
            REMINDER_DAYS_IOS_TAB
        ));
        // Changed after the export: the days count from the export, not from the change.
        let changed = summary(created, 5);
        let since = |now: &str| {
            needs_export_reminder(&changed, Some(&exported), at(now), REMINDER_DAYS_IOS_TAB)
        };
        assert!(!since("2026-12-05T07:59:59.999Z"));
        assert!(since("2026-12-05T08:00:00.000Z"));
    }

    #[test]
    fn trash_keeps_thirty_days() {
        let deleted = "2025-12-01T10:00:00.000Z";
        let at = |t: &str| ms(t).unwrap();
        assert!(!trash_expired(deleted, at("2025-12-31T09:59:59.999Z")));
        assert!(trash_expired(deleted, at("2025-12-31T10:00:00.000Z")));
        assert_eq!(trash_days_left(deleted, at("2025-12-01T10:00:00.000Z")), 30);
        assert_eq!(trash_days_left(deleted, at("2025-12-30T10:00:00.000Z")), 1);
        assert_eq!(trash_days_left(deleted, at("2026-02-01T00:00:00.000Z")), 0);
        assert!(!trash_expired("not a time", at("2030-01-01T00:00:00.000Z")));
    }
}
