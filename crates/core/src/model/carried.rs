//! Last year's shortcomings followed up in this year's review (section A.III): each item, where it
//! came from, and its status. Making them from last year's review is `workflow::carry`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{t, Msg};

/// Where a carried item or commitment came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Origin {
    /// The source document's id.
    pub document: String,
    /// The source section (`A.II.1`, `A.VI`).
    pub section: String,
    /// The item's position in that section, from 0.
    pub item: usize,
}

/// One shortcoming named at the previous review, with how far it was remedied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CarriedItem {
    pub id: String,
    pub origin: Origin,
    /// The shortcoming as written last year.
    pub text: String,
    /// The item was a remedy promised (A.VI) rather than a shortcoming named (A.II.1).
    #[serde(default)]
    pub remedy: bool,
    /// The item was an issue of the upper level's prompts (A.IV) concluded as a shortcoming
    /// (schema 3).
    #[serde(default)]
    pub prompt: bool,
    #[serde(default)]
    pub status: Option<CarryStatus>,
    /// The degree of progress, difficulties, the member's responsibility.
    #[serde(default)]
    pub note: String,
}

/// The three states the form asks for (A.III: "đã được khắc phục; đang khắc phục, mức độ khắc
/// phục; chưa được khắc phục").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CarryStatus {
    Fixed,
    InProgress,
    NotFixed,
}

impl CarryStatus {
    pub const ALL: [CarryStatus; 3] = [
        CarryStatus::Fixed,
        CarryStatus::InProgress,
        CarryStatus::NotFixed,
    ];

    pub fn label(self) -> &'static str {
        t(match self {
            CarryStatus::Fixed => Msg::CarryFixed,
            CarryStatus::InProgress => Msg::CarryInProgress,
            CarryStatus::NotFixed => Msg::CarryNotFixed,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            CarryStatus::Fixed => "fixed",
            CarryStatus::InProgress => "in_progress",
            CarryStatus::NotFixed => "not_fixed",
        }
    }
}

/// A change to a carried item.
#[derive(Debug, Clone, PartialEq)]
pub enum CarriedEdit {
    Status(Option<CarryStatus>),
    Note(String),
}
