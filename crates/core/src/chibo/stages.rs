//! Each member's year as stages after their own proposal, every stage optional (`docs/domain.md`
//! §10.1, items 1.7, 1.8 and 1.10): a review **entered from paper** by the secretary (a member
//! without a phone hands in paper), the chi bộ's **vote** (ballots and votes per level), the chi
//! bộ's **proposal**, the **decision** of the cấp ủy (QĐ 366 Điều 13), a **re-rating** (Điều 15.3,
//! Mẫu 03-HD KĐ.ĐG) and an **appeal**. The reports publish the levels decided, after re-rating.
//!
//! No central form sets a pass threshold for the vote, so nothing here turns votes into a level
//! by itself: [`Stages::most_voted`] is a suggestion the secretary asks for. The checks
//! ([`Stages::checks`]) are warnings with a sentence each; nothing is refused.

use serde::{Deserialize, Serialize};

use crate::base::messages::t;
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::roster::MemberKey;
use crate::forms::rating::Rating;

/// A review handed in on paper, entered by the secretary ("từ bản giấy").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paper {
    /// The level the member proposed on paper.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// The points of the 30-point and 70-point groups, where the form scores.
    #[serde(default)]
    pub general: Option<f64>,
    #[serde(default)]
    pub tasks: Option<f64>,
}

/// The chi bộ's secret vote on one member's level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// Ballots issued, returned, valid and invalid.
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    /// Votes for each level, best first (`Rating::ALL`), then "chưa xếp loại".
    pub votes: [u32; 5],
}

/// The cấp ủy's decision: which body, which level, the decision's number and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    #[serde(default)]
    pub body: String,
    pub rating: Rating,
    #[serde(default)]
    pub number: String,
    /// `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
}

/// A re-rating (Mẫu 03-HD KĐ.ĐG): the new level, why, the decision's number and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rerating {
    pub rating: Rating,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub date: String,
}

/// Where a member's appeal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appeal {
    /// Lodged, not yet answered.
    Pending,
    /// Answered: the level stays.
    Upheld,
    /// Answered: the level was changed (by a re-rating).
    Changed,
}

impl Appeal {
    pub const ALL: [Appeal; 3] = [Appeal::Pending, Appeal::Upheld, Appeal::Changed];

    pub fn key(self) -> &'static str {
        match self {
            Appeal::Pending => "pending",
            Appeal::Upheld => "upheld",
            Appeal::Changed => "changed",
        }
    }

    pub fn from_key(key: &str) -> Option<Appeal> {
        Appeal::ALL.into_iter().find(|a| a.key() == key)
    }

    pub fn label(self) -> &'static str {
        ct(match self {
            Appeal::Pending => ChiBoMsg::AppealPending,
            Appeal::Upheld => ChiBoMsg::AppealUpheld,
            Appeal::Changed => ChiBoMsg::AppealChanged,
        })
    }
}

/// One member's stages after their own proposal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stages {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    /// The level the chi bộ proposes to the cấp ủy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rerating: Option<Rerating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<Appeal>,
}

/// One change the secretary makes to a member's stages, as the page sends it.
#[derive(Debug, Clone, PartialEq)]
pub enum StageEdit {
    PaperRating(Option<Rating>),
    PaperGeneral(Option<f64>),
    PaperTasks(Option<f64>),
    /// Forget the paper review.
    NoPaper,
    Issued(u32),
    Returned(u32),
    Valid(u32),
    Invalid(u32),
    /// Votes for a level (0–3, best first) or "chưa xếp loại" (4).
    Votes(usize, u32),
    /// "Đề xuất theo kết quả biểu quyết": the chi bộ's proposal from the most votes, when one
    /// level has more than every other.
    ProposeMostVoted,
    Proposed(Option<Rating>),
    DecisionRating(Option<Rating>),
    DecisionBody(String),
    DecisionNumber(String),
    DecisionDate(String),
    ReratingRating(Option<Rating>),
    ReratingReason(String),
    ReratingNumber(String),
    ReratingDate(String),
    Appeal(Option<Appeal>),
}

/// Something in a member's stages to look at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageCheck {
    /// The votes do not add up to the valid ballots.
    VotesNotValid,
    /// More ballots returned than issued.
    ReturnedOverIssued,
    /// Valid and invalid ballots do not add up to those returned.
    ReturnedNotSplit,
    /// The level decided is above what the points allow.
    DecidedAbovePoints,
    /// The decision differs from the chi bộ's proposal (shown, not refused).
    DecisionDiffers,
}

impl Stages {
    /// Whether nothing was entered.
    pub fn is_empty(&self) -> bool {
        *self == Stages::default()
    }

    /// The level decided, after a re-rating: what the reports publish.
    pub fn decided(&self) -> Option<Rating> {
        self.rerating
            .as_ref()
            .map(|r| r.rating)
            .or(self.decision.as_ref().map(|d| d.rating))
    }

    /// Whether a re-rating lowered the level decided.
    pub fn rerated_down(&self) -> bool {
        matches!((&self.decision, &self.rerating), (Some(d), Some(r)) if r.rating > d.rating)
    }

    /// The level with more votes than every other level and than "chưa xếp loại"; none on a tie
    /// or without votes. Only a suggestion: the chi bộ applies its own rule.
    pub fn most_voted(&self) -> Option<Rating> {
        let votes = self.vote.as_ref()?.votes;
        let max = *votes.iter().max()?;
        if max == 0 || votes.iter().filter(|v| **v == max).count() > 1 {
            return None;
        }
        let at = votes.iter().position(|v| *v == max)?;
        Rating::ALL.get(at).copied()
    }

    pub fn apply(&mut self, edit: StageEdit) {
        fn vote(s: &mut Stages) -> &mut Vote {
            s.vote.get_or_insert_with(Vote::default)
        }
        fn paper(s: &mut Stages) -> &mut Paper {
            s.paper.get_or_insert_with(Paper::default)
        }
        match edit {
            StageEdit::PaperRating(r) => paper(self).rating = r,
            StageEdit::PaperGeneral(p) => paper(self).general = p,
            StageEdit::PaperTasks(p) => paper(self).tasks = p,
            StageEdit::NoPaper => self.paper = None,
            StageEdit::Issued(n) => vote(self).issued = n,
            StageEdit::Returned(n) => vote(self).returned = n,
            StageEdit::Valid(n) => vote(self).valid = n,
            StageEdit::Invalid(n) => vote(self).invalid = n,
            StageEdit::Votes(at, n) => {
                if let Some(v) = vote(self).votes.get_mut(at) {
                    *v = n;
                }
            }
            StageEdit::ProposeMostVoted => {
                if let Some(r) = self.most_voted() {
                    self.proposed = Some(r);
                }
            }
            StageEdit::Proposed(r) => self.proposed = r,
            StageEdit::DecisionRating(None) => self.decision = None,
            StageEdit::DecisionRating(Some(rating)) => match &mut self.decision {
                Some(d) => d.rating = rating,
                None => {
                    self.decision = Some(Decision {
                        body: String::new(),
                        rating,
                        number: String::new(),
                        date: String::new(),
                    })
                }
            },
            StageEdit::DecisionBody(text) => {
                if let Some(d) = &mut self.decision {
                    d.body = text;
                }
            }
            StageEdit::DecisionNumber(text) => {
                if let Some(d) = &mut self.decision {
                    d.number = text;
                }
            }
            StageEdit::DecisionDate(text) => {
                if let Some(d) = &mut self.decision {
                    d.date = text;
                }
            }
            StageEdit::ReratingRating(None) => self.rerating = None,
            StageEdit::ReratingRating(Some(rating)) => match &mut self.rerating {
                Some(r) => r.rating = rating,
                None => {
                    self.rerating = Some(Rerating {
                        rating,
                        reason: String::new(),
                        number: String::new(),
                        date: String::new(),
                    })
                }
            },
            StageEdit::ReratingReason(text) => {
                if let Some(r) = &mut self.rerating {
                    r.reason = text;
                }
            }
            StageEdit::ReratingNumber(text) => {
                if let Some(r) = &mut self.rerating {
                    r.number = text;
                }
            }
            StageEdit::ReratingDate(text) => {
                if let Some(r) = &mut self.rerating {
                    r.date = text;
                }
            }
            StageEdit::Appeal(a) => self.appeal = a,
        }
    }

    /// What to look at again, given the highest level the points allow (`allowed`).
    pub fn checks(&self, allowed: Option<Rating>) -> Vec<StageCheck> {
        let mut out = Vec::new();
        if let Some(v) = &self.vote {
            if v.votes.iter().sum::<u32>() != v.valid {
                out.push(StageCheck::VotesNotValid);
            }
            if v.returned > v.issued {
                out.push(StageCheck::ReturnedOverIssued);
            }
            if v.valid + v.invalid != v.returned {
                out.push(StageCheck::ReturnedNotSplit);
            }
        }
        if let (Some(decided), Some(allowed)) = (self.decided(), allowed) {
            if decided < allowed {
                out.push(StageCheck::DecidedAbovePoints);
            }
        }
        if let (Some(d), Some(p)) = (&self.decision, self.proposed) {
            if d.rating != p {
                out.push(StageCheck::DecisionDiffers);
            }
        }
        out
    }

    /// The sentence of a check about `member`.
    pub fn check_text(&self, check: StageCheck, member: &str, allowed: Option<Rating>) -> String {
        let level = |r: Option<Rating>| r.map_or(String::new(), |r| t(r.label()).to_owned());
        let vote = self.vote.clone().unwrap_or_default();
        let n = |x: u32| x.to_string();
        match check {
            StageCheck::VotesNotValid => ctf(
                ChiBoMsg::CheckVotesNotValid,
                &[
                    ("member", member),
                    ("votes", &n(vote.votes.iter().sum())),
                    ("valid", &n(vote.valid)),
                ],
            ),
            StageCheck::ReturnedOverIssued => ctf(
                ChiBoMsg::CheckReturnedOverIssued,
                &[
                    ("member", member),
                    ("returned", &n(vote.returned)),
                    ("issued", &n(vote.issued)),
                ],
            ),
            StageCheck::ReturnedNotSplit => ctf(
                ChiBoMsg::CheckReturnedNotSplit,
                &[
                    ("member", member),
                    ("valid", &n(vote.valid)),
                    ("invalid", &n(vote.invalid)),
                    ("returned", &n(vote.returned)),
                ],
            ),
            StageCheck::DecidedAbovePoints => ctf(
                ChiBoMsg::CheckDecidedAbovePoints,
                &[
                    ("member", member),
                    ("decided", &level(self.decided())),
                    ("allowed", &level(allowed)),
                ],
            ),
            StageCheck::DecisionDiffers => ctf(
                ChiBoMsg::CheckDecisionDiffers,
                &[
                    ("member", member),
                    ("decided", &level(self.decision.as_ref().map(|d| d.rating))),
                    ("proposed", &level(self.proposed)),
                ],
            ),
        }
    }
}

/// A member's stages as the workspace keeps them: by the roster member's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberStages {
    pub member: MemberKey,
    pub stages: Stages,
}

/// The stages of a member, if any were entered.
pub fn of<'s>(all: &'s [MemberStages], member: &MemberKey) -> Option<&'s Stages> {
    all.iter().find(|s| s.member == *member).map(|s| &s.stages)
}

/// The cấp ủy's decision arrives as one document for the whole chi bộ: each member in `members`
/// whom the chi bộ proposed a level and who has no decision yet gets that level decided, with the
/// decision's body, number and date. Returns how many. A member decided otherwise is then edited
/// on their own card (the check "khác đề xuất" shows who).
pub fn decide_as_proposed(
    all: &mut [MemberStages],
    members: &[MemberKey],
    body: &str,
    number: &str,
    date: &str,
) -> usize {
    let mut decided = 0;
    for member in members {
        let Some(at) = all.iter().position(|s| s.member == *member) else {
            continue;
        };
        let stages = &mut all[at].stages;
        let (Some(level), None) = (stages.proposed, &stages.decision) else {
            continue;
        };
        stages.decision = Some(Decision {
            body: body.trim().to_owned(),
            rating: level,
            number: number.trim().to_owned(),
            date: date.trim().to_owned(),
        });
        decided += 1;
    }
    decided
}

/// The meeting's ballots, typed once: every one of `members` (those the chi bộ votes on) whose
/// tally has no ballots issued yet gets `issued` and `returned`, and as valid the returned less the
/// invalid ones already typed. Returns how many. The secretary then types each member's votes per
/// level; a member whose ballots differ (an invalid one) is edited on their own card.
pub fn ballots_for_all(
    all: &mut Vec<MemberStages>,
    members: &[MemberKey],
    issued: u32,
    returned: u32,
) -> usize {
    if issued == 0 {
        return 0;
    }
    let mut done = 0;
    for member in members {
        if of(all, member)
            .and_then(|s| s.vote.as_ref())
            .is_some_and(|v| v.issued > 0)
        {
            continue;
        }
        let invalid = of(all, member)
            .and_then(|s| s.vote.as_ref())
            .map_or(0, |v| v.invalid);
        for e in [
            StageEdit::Issued(issued),
            StageEdit::Returned(returned),
            StageEdit::Valid(returned.saturating_sub(invalid)),
        ] {
            edit(all, member, e);
        }
        done += 1;
    }
    done
}

/// Applies an edit to a member's stages, adding them on the first edit and dropping them when
/// nothing is left.
pub fn edit(all: &mut Vec<MemberStages>, member: &MemberKey, change: StageEdit) {
    let at = match all.iter().position(|s| s.member == *member) {
        Some(at) => at,
        None => {
            all.push(MemberStages {
                member: member.clone(),
                stages: Stages::default(),
            });
            all.len() - 1
        }
    };
    all[at].stages.apply(change);
    if all[at].stages.is_empty() {
        all.remove(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meetings_ballots_are_typed_once_for_every_member_without_any() {
        let key = |n: &str| MemberKey::new(n, "");
        let mut all = Vec::new();
        // Bình's tally was typed by hand (his own count), Cường has one invalid ballot already.
        edit(&mut all, &key("Bình"), StageEdit::Issued(19));
        edit(&mut all, &key("Cường"), StageEdit::Invalid(1));
        let members = [key("An"), key("Bình"), key("Cường")];
        assert_eq!(ballots_for_all(&mut all, &members, 20, 18), 2);
        let vote = |n: &str| of(&all, &key(n)).and_then(|s| s.vote.clone()).unwrap();
        assert_eq!(
            (
                vote("An").issued,
                vote("An").returned,
                vote("An").valid,
                vote("An").invalid
            ),
            (20, 18, 18, 0)
        );
        assert_eq!(vote("Bình").issued, 19, "a tally typed by hand stays");
        assert_eq!((vote("Cường").valid, vote("Cường").invalid), (17, 1));
        // Once all have ballots, nothing changes; nothing is issued for no ballot.
        assert_eq!(ballots_for_all(&mut all, &members, 30, 30), 0);
        assert_eq!(ballots_for_all(&mut Vec::new(), &members, 0, 0), 0);
        // More returned than issued is typed as said and named by the checks.
        let mut odd = Vec::new();
        ballots_for_all(&mut odd, &[key("An")], 10, 12);
        assert!(of(&odd, &key("An"))
            .unwrap()
            .checks(None)
            .contains(&StageCheck::ReturnedOverIssued));
    }

    fn voted(issued: u32, returned: u32, valid: u32, invalid: u32, votes: [u32; 5]) -> Stages {
        let mut s = Stages::default();
        for e in [
            StageEdit::Issued(issued),
            StageEdit::Returned(returned),
            StageEdit::Valid(valid),
            StageEdit::Invalid(invalid),
        ] {
            s.apply(e);
        }
        for (at, n) in votes.into_iter().enumerate() {
            s.apply(StageEdit::Votes(at, n));
        }
        s
    }

    #[test]
    fn a_tally_that_adds_up_has_no_check_and_the_most_votes_are_proposed_only_when_asked() {
        let mut s = voted(20, 19, 18, 1, [3, 14, 1, 0, 0]);
        assert_eq!(s.checks(None), vec![]);
        assert_eq!(s.proposed, None, "nothing is proposed by itself");
        assert_eq!(s.most_voted(), Some(Rating::HoanThanhTot));
        s.apply(StageEdit::ProposeMostVoted);
        assert_eq!(s.proposed, Some(Rating::HoanThanhTot));
    }

    #[test]
    fn a_tie_or_most_votes_for_no_level_proposes_nothing() {
        let mut tie = voted(10, 10, 10, 0, [5, 5, 0, 0, 0]);
        tie.apply(StageEdit::ProposeMostVoted);
        assert_eq!(tie.proposed, None);
        let unrated = voted(10, 10, 10, 0, [1, 2, 0, 0, 7]);
        assert_eq!(unrated.most_voted(), None);
    }

    #[test]
    fn votes_that_do_not_add_up_and_more_ballots_returned_than_issued_are_each_said() {
        let s = voted(18, 19, 17, 1, [3, 13, 0, 0, 0]);
        assert_eq!(
            s.checks(None),
            vec![
                StageCheck::VotesNotValid,
                StageCheck::ReturnedOverIssued,
                StageCheck::ReturnedNotSplit
            ]
        );
        assert_eq!(
            s.check_text(StageCheck::VotesNotValid, "Nguyễn Văn An", None),
            "Nguyễn Văn An: tổng số phiếu bầu các mức (16) khác số phiếu hợp lệ (17)."
        );
        assert_eq!(
            s.check_text(StageCheck::ReturnedOverIssued, "Nguyễn Văn An", None),
            "Nguyễn Văn An: số phiếu thu vào (19) nhiều hơn số phiếu phát ra (18)."
        );
    }

    #[test]
    fn a_decision_above_the_points_and_one_that_differs_from_the_proposal_are_shown_not_refused() {
        let mut s = Stages::default();
        s.apply(StageEdit::Proposed(Some(Rating::HoanThanhTot)));
        s.apply(StageEdit::DecisionRating(Some(Rating::HoanThanhXuatSac)));
        s.apply(StageEdit::DecisionNumber("125-QĐ/ĐU".into()));
        assert_eq!(s.decided(), Some(Rating::HoanThanhXuatSac));
        assert_eq!(
            s.checks(Some(Rating::HoanThanhTot)),
            vec![StageCheck::DecidedAbovePoints, StageCheck::DecisionDiffers]
        );
        assert_eq!(
            s.check_text(StageCheck::DecisionDiffers, "An", None),
            "An: cấp ủy quyết định “Hoàn thành xuất sắc nhiệm vụ”, khác mức chi bộ đề xuất “Hoàn thành tốt nhiệm vụ”."
        );
        assert_eq!(
            s.decision.as_ref().map(|d| d.number.as_str()),
            Some("125-QĐ/ĐU")
        );
    }

    #[test]
    fn a_re_rating_is_the_level_published_and_says_whether_it_went_down() {
        let mut s = Stages::default();
        s.apply(StageEdit::DecisionRating(Some(Rating::HoanThanhTot)));
        assert!(!s.rerated_down());
        s.apply(StageEdit::ReratingRating(Some(Rating::HoanThanh)));
        s.apply(StageEdit::ReratingReason("Kết quả thẩm định".into()));
        assert_eq!(s.decided(), Some(Rating::HoanThanh));
        assert!(s.rerated_down());
        s.apply(StageEdit::ReratingRating(Some(Rating::HoanThanhXuatSac)));
        assert!(!s.rerated_down(), "re-rated up");
        s.apply(StageEdit::ReratingRating(None));
        assert_eq!(s.decided(), Some(Rating::HoanThanhTot));
    }

    #[test]
    fn one_decision_for_the_chi_bo_decides_as_proposed_and_leaves_the_others_alone() {
        let key = |n: &str| MemberKey::new(n, "");
        let mut all = Vec::new();
        edit(
            &mut all,
            &key("An"),
            StageEdit::Proposed(Some(Rating::HoanThanhTot)),
        );
        edit(
            &mut all,
            &key("Bình"),
            StageEdit::Proposed(Some(Rating::HoanThanh)),
        );
        edit(
            &mut all,
            &key("Bình"),
            StageEdit::DecisionRating(Some(Rating::KhongHoanThanh)),
        );
        edit(&mut all, &key("Cường"), StageEdit::Issued(10));
        let members = [key("An"), key("Bình"), key("Cường"), key("Dung")];
        let n = decide_as_proposed(
            &mut all,
            &members,
            " Đảng ủy xã Tân Phú ",
            "125-QĐ/ĐU",
            "2026-12-28",
        );
        assert_eq!(
            n, 1,
            "only An: Bình was decided, Cường and Dung have no proposal"
        );
        let an = of(&all, &key("An"))
            .and_then(|s| s.decision.clone())
            .unwrap();
        assert_eq!(
            (
                an.rating,
                an.body.as_str(),
                an.number.as_str(),
                an.date.as_str()
            ),
            (
                Rating::HoanThanhTot,
                "Đảng ủy xã Tân Phú",
                "125-QĐ/ĐU",
                "2026-12-28"
            )
        );
        assert_eq!(
            of(&all, &key("Bình")).and_then(|s| s.decided()),
            Some(Rating::KhongHoanThanh),
            "a decision already there stays"
        );
    }

    #[test]
    fn stages_are_kept_by_member_and_dropped_when_emptied() {
        let an = MemberKey::new("Nguyễn Văn An", "");
        let mut all = Vec::new();
        edit(
            &mut all,
            &an,
            StageEdit::PaperRating(Some(Rating::HoanThanh)),
        );
        assert_eq!(
            of(&all, &an)
                .and_then(|s| s.paper.as_ref())
                .and_then(|p| p.rating),
            Some(Rating::HoanThanh)
        );
        edit(&mut all, &an, StageEdit::NoPaper);
        assert!(all.is_empty());
        // Kept as JSON and read back, an empty stage is not written.
        edit(
            &mut all,
            &an,
            StageEdit::Proposed(Some(Rating::HoanThanhTot)),
        );
        let json = serde_json::to_string(&all).unwrap();
        assert!(!json.contains("vote"), "{json}");
        assert_eq!(
            serde_json::from_str::<Vec<MemberStages>>(&json).unwrap(),
            all
        );
    }
}
