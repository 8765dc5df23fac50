//! The member's answer for each item of the self-check's reference lists (the 27 manifestations,
//! the 19 things members must not do). The summary written from them is `analysis::selfcheck`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The member's answer for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CheckEntry {
    /// The item's key, `NQ04-2016/A4` or `QD37-2021/3`.
    pub item: String,
    /// "Có biểu hiện" (true) or "không có" (false).
    pub found: bool,
    /// What the member will do about it.
    #[serde(default)]
    pub action: String,
    /// By when.
    #[serde(default)]
    pub by: String,
}

/// A change to the answer for one item.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckEdit {
    /// `None` clears the answer.
    Found(Option<bool>),
    Action(String),
    By(String),
}
