//! The papers of the chi bộ's meeting that rates its members, as pages of blocks
//! (`workflow::page`, drawn on A4 and written to Word like the summary): the ballot sheet for the
//! secret vote, the ballot count minutes, and the list of levels the chi bộ proposes to the cấp
//! ủy. No central form exists for any of them (`docs/domain.md` §10.1 item 1.7: voting forms
//! circulate as downloads, not as central forms), so each is marked "Mẫu tham khảo" and asks for
//! nothing a form would not.

use crate::base::messages::t;
use crate::base::number::{format_count, format_points};
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::summary::header;
use crate::chibo::table::{Row, Stage, Standing};
use crate::chibo::workspace::Workspace;
use crate::forms::rating::Rating;
use crate::workflow::page::{Block, Line};

/// Which paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// "Phiếu biểu quyết": one member per row, the five choices.
    Ballot,
    /// "Biên bản kiểm phiếu": the counting team, the ballots and the votes per member and level.
    Minutes,
    /// "Danh sách đề nghị xếp loại": each member's own proposal and points, the vote, the chi
    /// bộ's proposal, for the cấp ủy.
    Proposals,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::Ballot, Paper::Minutes, Paper::Proposals];

    /// Its part of the print page's address.
    pub fn key(self) -> &'static str {
        match self {
            Paper::Ballot => "phieu",
            Paper::Minutes => "kiem-phieu",
            Paper::Proposals => "de-nghi",
        }
    }

    pub fn from_key(key: &str) -> Option<Paper> {
        Paper::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The button that opens it.
    pub fn action(self) -> &'static str {
        ct(match self {
            Paper::Ballot => ChiBoMsg::MeetingBallotAction,
            Paper::Minutes => ChiBoMsg::MeetingMinutesAction,
            Paper::Proposals => ChiBoMsg::MeetingProposalsAction,
        })
    }

    /// The Word file's name, before the date.
    pub fn file_stem(self) -> &'static str {
        match self {
            Paper::Ballot => "phieu bieu quyet",
            Paper::Minutes => "bien ban kiem phieu",
            Paper::Proposals => "danh sach de nghi xep loai",
        }
    }
}

/// The members the chi bộ votes on: the roster's, not exempt (QĐ 366 Điều 5), in its order.
fn voted<'r, 'a>(rows: &'r [Row<'a>]) -> impl Iterator<Item = &'r Row<'a>> {
    rows.iter()
        .filter(|r| r.counted() && !matches!(r.standing, Standing::Exempt(_)))
}

fn level(r: Option<Rating>) -> String {
    r.map_or(String::new(), |r| t(r.label()).to_owned())
}

/// A level as the reports abbreviate it.
pub fn short_label(r: Rating) -> &'static str {
    match r {
        Rating::HoanThanhXuatSac => "HTXSNV",
        Rating::HoanThanhTot => "HTTNV",
        Rating::HoanThanh => "HTNV",
        Rating::KhongHoanThanh => "KHTNV",
    }
}

/// A table's head: "STT", the name, the columns `between`, then the five choices' short names.
fn head_with_choices(between: &[&'static str]) -> Vec<String> {
    ["STT", ct(ChiBoMsg::WsColName)]
        .into_iter()
        .chain(between.iter().copied())
        .chain(Rating::ALL.into_iter().map(short_label))
        .chain(std::iter::once(ct(ChiBoMsg::MeetingNotRated)))
        .map(str::to_owned)
        .collect()
}

/// The paper `which` of the workspace, as of `today` (`YYYY-MM-DD`).
pub fn paper(ws: &Workspace, which: Paper, today: &str) -> Vec<Block> {
    let rows = ws.rows();
    let year = ws.period.year.to_string();
    let mut page = vec![
        Block::Code(ct(ChiBoMsg::MeetingReference).to_owned()),
        header(&ws.period, today),
    ];
    match which {
        Paper::Ballot => {
            page.push(Block::Title(vec![ctf(
                ChiBoMsg::MeetingBallotTitle,
                &[("year", &year)],
            )]));
            page.push(Block::Line(Line::italic(ct(ChiBoMsg::MeetingBallotHow))));
            page.push(Block::Table {
                name: "ballot",
                widths: vec![7, 38, 11, 11, 11, 11, 11],
                head: head_with_choices(&[]),
                rows: voted(&rows)
                    .enumerate()
                    .map(|(i, r)| {
                        let mut cells = vec![(i + 1).to_string(), r.member.full_name.clone()];
                        cells.extend(std::iter::repeat_n(String::new(), 5));
                        cells
                    })
                    .collect(),
                total: false,
            });
        }
        Paper::Minutes => {
            page.push(Block::Title(vec![ctf(
                ChiBoMsg::MeetingMinutesTitle,
                &[("year", &year)],
            )]));
            page.push(Block::Line(Line::plain(ctf(
                ChiBoMsg::MeetingMinutesOpening,
                &[("chi_bo", &ws.period.chi_bo), ("year", &year)],
            ))));
            page.push(Block::Line(Line::plain(ct(ChiBoMsg::MeetingTeam))));
            for n in 1..=3 {
                page.push(Block::Indented(Line::plain(ctf(
                    ChiBoMsg::MeetingTeamMember,
                    &[("n", &n.to_string())],
                ))));
            }
            page.push(Block::Line(Line::plain(ct(ChiBoMsg::MeetingMinutesResult))));
            page.push(Block::Table {
                name: "minutes",
                widths: vec![6, 26, 16, 10, 10, 10, 11, 11],
                head: head_with_choices(&[ct(ChiBoMsg::MeetingBallots)]),
                rows: voted(&rows)
                    .enumerate()
                    .map(|(i, r)| {
                        let mut cells = vec![(i + 1).to_string(), r.member.full_name.clone()];
                        match &r.stages.vote {
                            Some(v) => {
                                cells.push(format!(
                                    "{}/{}/{}/{}",
                                    v.issued, v.returned, v.valid, v.invalid
                                ));
                                cells.extend(v.votes.iter().map(|n| format_count(u64::from(*n))));
                            }
                            None => cells.extend(std::iter::repeat_n(String::new(), 6)),
                        }
                        cells
                    })
                    .collect(),
                total: false,
            });
            page.push(Block::Line(Line::italic(ct(ChiBoMsg::MeetingBallotsKey))));
            let checks: Vec<String> = voted(&rows)
                .flat_map(|r| {
                    r.stages
                        .checks(r.allowed)
                        .into_iter()
                        .filter(|c| {
                            !matches!(
                                c,
                                crate::chibo::stages::StageCheck::DecidedAbovePoints
                                    | crate::chibo::stages::StageCheck::DecisionDiffers
                            )
                        })
                        .map(|c| r.stages.check_text(c, &r.member.full_name, r.allowed))
                        .collect::<Vec<_>>()
                })
                .collect();
            if !checks.is_empty() {
                page.push(Block::Bullets(checks));
            }
            page.push(Block::Line(Line::plain(ct(
                ChiBoMsg::MeetingMinutesClosing,
            ))));
            page.push(Block::Signature {
                title: vec![
                    ct(ChiBoMsg::MeetingTeamSigner).to_owned(),
                    ct(ChiBoMsg::MeetingTeamSignerRole).to_owned(),
                ],
                note: String::new(),
                name: String::new(),
            });
            page.push(Block::Signature {
                title: vec![ct(ChiBoMsg::MeetingChair).to_owned()],
                note: String::new(),
                name: String::new(),
            });
        }
        Paper::Proposals => {
            page.push(Block::Title(vec![ctf(
                ChiBoMsg::MeetingProposalsTitle,
                &[("year", &year)],
            )]));
            page.push(Block::Table {
                name: "proposals",
                widths: vec![6, 28, 12, 18, 14, 22],
                head: vec![
                    "STT".to_owned(),
                    ct(ChiBoMsg::WsColName).to_owned(),
                    ct(ChiBoMsg::MeetingPoints).to_owned(),
                    Stage::Members.label().to_owned(),
                    ct(ChiBoMsg::MeetingVotesFor).to_owned(),
                    Stage::ChiBo.label().to_owned(),
                ],
                rows: voted(&rows)
                    .enumerate()
                    .map(|(i, r)| {
                        let own = r.level_at(Stage::Members);
                        let mut own_text = level(own);
                        if r.from_paper && own.is_some() {
                            own_text = format!("{own_text} ({})", ct(ChiBoMsg::WsFromPaper));
                        }
                        let proposed = r.level_at(Stage::ChiBo);
                        let votes = match (&r.stages.vote, proposed) {
                            (Some(v), Some(p)) => {
                                let at = Rating::ALL.iter().position(|x| *x == p).unwrap_or(0);
                                format!("{}/{}", v.votes[at], v.valid)
                            }
                            _ => String::new(),
                        };
                        vec![
                            (i + 1).to_string(),
                            r.member.full_name.clone(),
                            r.total.map(format_points).unwrap_or_default(),
                            own_text,
                            votes,
                            level(proposed),
                        ]
                    })
                    .collect(),
                total: false,
            });
            let counts = crate::chibo::counts::Counts::at(&rows, Stage::ChiBo);
            if counts.rated > 0 {
                page.push(Block::Bullets(counts.level_lines()));
            }
            page.push(Block::Signature {
                title: vec![
                    ct(ChiBoMsg::WsPrintSigner).to_owned(),
                    ct(ChiBoMsg::WsPrintSignerRole).to_owned(),
                ],
                note: String::new(),
                name: String::new(),
            });
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::intake::Period;
    use crate::chibo::roster::MemberKey;
    use crate::chibo::stages::{edit, StageEdit};

    fn workspace() -> Workspace {
        let mut ws = Workspace::new(
            "w".into(),
            Period {
                dang_bo: "Đảng bộ xã Tân Phú".into(),
                chi_bo: "Chi bộ ấp 3".into(),
                year: 2026,
            },
            "2026-12-01T00:00:00.000Z",
        );
        ws.set_roster("Nguyễn Văn An\nTrần Thị Bình\nLê Thị Miễn,,,miễn công tác và sinh hoạt");
        let an = MemberKey::new("Nguyễn Văn An", "");
        for e in [
            StageEdit::PaperRating(Some(Rating::HoanThanhTot)),
            StageEdit::PaperGeneral(Some(25.0)),
            StageEdit::PaperTasks(Some(55.5)),
            StageEdit::Issued(12),
            StageEdit::Returned(12),
            StageEdit::Valid(11),
            StageEdit::Invalid(1),
            StageEdit::Votes(0, 1),
            StageEdit::Votes(1, 10),
            StageEdit::ProposeMostVoted,
        ] {
            edit(&mut ws.stages, &an, e);
        }
        ws
    }

    fn table(page: &[Block], which: &str) -> (Vec<String>, Vec<Vec<String>>) {
        page.iter()
            .find_map(|b| match b {
                Block::Table {
                    name, head, rows, ..
                } if *name == which => Some((head.clone(), rows.clone())),
                _ => None,
            })
            .expect("the table")
    }

    #[test]
    fn the_ballot_sheet_lists_every_member_not_exempt_with_five_empty_choices() {
        let page = paper(&workspace(), Paper::Ballot, "2026-12-10");
        assert_eq!(page[0], Block::Code("Mẫu tham khảo".into()));
        let (head, rows) = table(&page, "ballot");
        assert_eq!(
            head[2..],
            ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "Chưa xếp loại"]
        );
        assert_eq!(
            rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
            ["Nguyễn Văn An", "Trần Thị Bình"],
            "the exempt member is not voted on"
        );
        assert!(rows.iter().all(|r| r[2..].iter().all(String::is_empty)));
    }

    #[test]
    fn the_minutes_give_each_members_ballots_and_votes_and_both_signatures() {
        let page = paper(&workspace(), Paper::Minutes, "2026-12-10");
        let (_, rows) = table(&page, "minutes");
        assert_eq!(rows[0][2..], ["12/12/11/1", "1", "10", "0", "0", "0"]);
        assert_eq!(
            rows[1][2..],
            ["", "", "", "", "", ""],
            "not voted yet: left to fill in"
        );
        let signers: Vec<&str> = page
            .iter()
            .filter_map(|b| match b {
                Block::Signature { title, .. } => Some(title[0].as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(signers, ["T/M TỔ KIỂM PHIẾU", "CHỦ TRÌ HỘI NGHỊ"]);
    }

    #[test]
    fn the_list_of_proposals_puts_the_members_own_level_and_points_beside_the_chi_bos() {
        let page = paper(&workspace(), Paper::Proposals, "2026-12-10");
        let (_, rows) = table(&page, "proposals");
        assert_eq!(
            rows[0],
            [
                "1",
                "Nguyễn Văn An",
                "80,5",
                "Hoàn thành tốt nhiệm vụ (từ bản giấy)",
                "10/11",
                "Hoàn thành tốt nhiệm vụ"
            ]
        );
        assert!(page.iter().any(|b| matches!(b,
            Block::Bullets(lines) if lines[1] == "1/1 đồng chí hoàn thành tốt nhiệm vụ, chiếm 100,00%")));
    }
}
