//! The 100-point scale of QĐ 366-QĐ/TW Điều 10-11 (docs/domain.md, "Ratings and points", verified): the total of the
//! score groups and the highest level that total allows (90 / 70 / 50). Other conditions (30% of
//! tasks exceeded, shortcomings remedied, the 20% quota) can only lower a level and are not known
//! from the points, so the result is a ceiling, never a verdict.

use crate::forms::rating::Rating;
use crate::forms::template::Template;
use crate::model::document::Document;

/// The total of all score groups, or `None` while any group is unscored. Rounded to hundredths so
/// that 89.99999 from float addition never decides a level.
pub fn total(document: &Document, template: &Template) -> Option<f64> {
    let mut sum = 0.0;
    for group in template.score_groups {
        sum += document.score(group.id)?;
    }
    Some((sum * 100.0).round() / 100.0)
}

/// The highest level a total allows.
pub fn ceiling(total: f64) -> Rating {
    if total >= 90.0 {
        Rating::HoanThanhXuatSac
    } else if total >= 70.0 {
        Rating::HoanThanhTot
    } else if total >= 50.0 {
        Rating::HoanThanh
    } else {
        Rating::KhongHoanThanh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::document::Edit;

    #[test]
    fn thresholds_of_qd_366() {
        let cases = [
            (100.0, Rating::HoanThanhXuatSac),
            (90.0, Rating::HoanThanhXuatSac),
            (89.99, Rating::HoanThanhTot),
            (70.0, Rating::HoanThanhTot),
            (69.5, Rating::HoanThanh),
            (50.0, Rating::HoanThanh),
            (49.99, Rating::KhongHoanThanh),
            (0.0, Rating::KhongHoanThanh),
        ];
        for (total, expected) in cases {
            assert_eq!(ceiling(total), expected, "total {total}");
        }
    }

    #[test]
    fn total_needs_every_group_and_does_not_drift_below_a_threshold() {
        let t = Template::get("HD43-2025/2B").unwrap();
        let mut d = Document::new("x".into(), t, 2025, "2025-12-01T00:00:00.000Z");
        assert_eq!(total(&d, t), None);
        d.apply(Edit::Score("general".into(), Some(27.3)));
        assert_eq!(total(&d, t), None);
        d.apply(Edit::Score("tasks".into(), Some(62.7)));
        // 27.3 + 62.7 is 89.99999999999999 in floating point.
        assert_eq!(total(&d, t), Some(90.0));
        assert_eq!(ceiling(total(&d, t).unwrap()), Rating::HoanThanhXuatSac);
    }
}
