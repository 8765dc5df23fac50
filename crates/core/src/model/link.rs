//! Links between a member's documents, by id, with the title and year kept beside the id so that a
//! link whose document was deleted can still say what it pointed at (ARCHITECTURE.md, invariant 12).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::Msg;

/// What a linked document is to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkRole {
    /// Last year's review, whose shortcomings section A.III follows up.
    PreviousReview,
    /// The year's pledge, whose commitments item A.I.3 assesses.
    Pledge,
    /// The review whose remedies (A.VI) this pledge takes up.
    SourceReview,
}

impl LinkRole {
    pub fn label(self) -> Msg {
        match self {
            LinkRole::PreviousReview => Msg::LinkPreviousReview,
            LinkRole::Pledge => Msg::LinkPledge,
            LinkRole::SourceReview => Msg::LinkSourceReview,
        }
    }
}

/// A link to another document, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    pub role: LinkRole,
    pub document: String,
    /// The linked document's title and year when the link was made.
    pub title: String,
    pub year: u16,
}

/// Whether a link's target is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Live,
    InTrash,
    Missing,
}
