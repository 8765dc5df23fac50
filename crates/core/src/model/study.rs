//! The questions of a "bài thu hoạch" (the essay written after studying a resolution or a
//! course): the committee sets the questions, the member answers each. No central form exists
//! (`docs/domain.md`); the questions are typed as the committee's guidance gives them.
//!
//! Also the dates of a probationary member's self-review: 12 months after admission, and the 30
//! working days the chi bộ has to consider it (QĐ 294 §4.2, verified).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A day as `(year, month, day)`.
pub type Day = (u16, u8, u8);

/// One question set by the committee, and the member's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StudyQuestion {
    /// A random id, stable for the life of the question.
    pub id: String,
    /// The question as the committee wrote it.
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub answer: String,
}

/// The day `months` calendar months after a `(year, month, day)`, the day kept where the month
/// has it and the month's last day where it does not (29/02 + 12 months is 28/02).
pub fn add_months((year, month, day): Day, months: u32) -> Day {
    let index = u32::from(year) * 12 + u32::from(month) - 1 + months;
    let (year, month) = ((index / 12) as u16, (index % 12 + 1) as u8);
    (year, month, day.min(days_in_month(year, month)))
}

/// The `n`-th working day (Monday to Friday) after a day. Public holidays are not known here: the
/// screen says so where it shows a result.
pub fn add_working_days(date: Day, n: u32) -> Day {
    let mut days = days_from_civil(date);
    let mut left = n;
    while left > 0 {
        days += 1;
        // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
        if (days + 3).rem_euclid(7) < 5 {
            left -= 1;
        }
    }
    civil_from_days(days)
}

/// The two dates of a probation: the day the 12 months end (the self-review is due), and the last
/// day the chi bộ has to consider the case, 30 working days later. `None` for a malformed date.
pub fn probation_dates(admission: &str) -> Option<(Day, Day)> {
    let admitted = crate::base::time::parse_date(admission)?;
    let due = add_months(admitted, 12);
    Some((due, add_working_days(due, 30)))
}

/// The year of self-review before a transfer: from the same day a year earlier to the transfer.
pub fn transfer_period(transfer: &str) -> Option<(Day, Day)> {
    let (year, month, day) = crate::base::time::parse_date(transfer)?;
    let from = (year - 1, month, day.min(days_in_month(year - 1, month)));
    Some((from, (year, month, day)))
}

/// `dd/mm/yyyy`.
pub fn display((year, month, day): Day) -> String {
    format!("{day:02}/{month:02}/{year}")
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil((year, month, day): Day) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_of_probation_end_on_the_same_day_or_the_month_s_last() {
        assert_eq!(add_months((2024, 10, 10), 12), (2025, 10, 10));
        assert_eq!(add_months((2024, 2, 29), 12), (2025, 2, 28));
        assert_eq!(add_months((2025, 12, 31), 2), (2026, 2, 28));
    }

    #[test]
    fn working_days_skip_saturdays_and_sundays() {
        // Friday 10/10/2025 + 1 working day is Monday 13/10/2025.
        assert_eq!(add_working_days((2025, 10, 10), 1), (2025, 10, 13));
        // 30 working days are 6 weeks from a weekday.
        assert_eq!(add_working_days((2025, 10, 10), 30), (2025, 11, 21));
        assert_eq!(add_working_days((2024, 12, 31), 2), (2025, 1, 2));
    }

    #[test]
    fn the_hanoi_worked_example_admitted_10_10_2024_is_due_10_10_2025() {
        let (due, deadline) = probation_dates("2024-10-10").unwrap();
        assert_eq!(display(due), "10/10/2025");
        assert_eq!(display(deadline), "21/11/2025");
        assert_eq!(probation_dates("10/10/2024"), None, "the stored form only");
        let (from, to) = transfer_period("2026-03-15").unwrap();
        assert_eq!(
            (display(from), display(to)),
            ("15/03/2025".into(), "15/03/2026".into())
        );
    }
}
