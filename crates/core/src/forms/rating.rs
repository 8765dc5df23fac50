//! The four quality levels of QĐ 366-QĐ/TW Điều 11 (identical wording for members, collectives and
//! civil servants; docs/domain.md, "Ratings and points", verified).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::Msg;

/// A quality level ("mức chất lượng"), best first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// "Hoàn thành xuất sắc nhiệm vụ" (HTXSNV): 90 points or more, plus conditions.
    HoanThanhXuatSac,
    /// "Hoàn thành tốt nhiệm vụ" (HTTNV): 70 to under 90 points.
    HoanThanhTot,
    /// "Hoàn thành nhiệm vụ" (HTNV): 50 to under 70 points.
    HoanThanh,
    /// "Không hoàn thành nhiệm vụ" (KHTNV): under 50 points, or a disqualifying condition.
    KhongHoanThanh,
}

impl Rating {
    /// Every level, best first, in the order the form lists them.
    pub const ALL: [Rating; 4] = [
        Rating::HoanThanhXuatSac,
        Rating::HoanThanhTot,
        Rating::HoanThanh,
        Rating::KhongHoanThanh,
    ];

    /// The official wording of the level.
    pub fn label(self) -> Msg {
        match self {
            Rating::HoanThanhXuatSac => Msg::RatingHtxsnv,
            Rating::HoanThanhTot => Msg::RatingHttnv,
            Rating::HoanThanh => Msg::RatingHtnv,
            Rating::KhongHoanThanh => Msg::RatingKhtnv,
        }
    }

    /// The stable identifier used in exports and in HTML form values.
    pub fn key(self) -> &'static str {
        match self {
            Rating::HoanThanhXuatSac => "hoan_thanh_xuat_sac",
            Rating::HoanThanhTot => "hoan_thanh_tot",
            Rating::HoanThanh => "hoan_thanh",
            Rating::KhongHoanThanh => "khong_hoan_thanh",
        }
    }

    /// The inverse of [`Rating::key`].
    pub fn from_key(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// Which rating a list of the form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingList {
    /// The party-member (or collective) quality rating; the only list on the 2025 forms.
    Party,
    /// The civil-servant rating the 2019 and 2023 forms also ask for.
    CivilServant,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_key(r.key()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.key()));
        }
        assert_eq!(Rating::from_key("xuat_sac"), None);
    }
}
