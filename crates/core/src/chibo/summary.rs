//! The chi bộ's A4 summary of a roll-up as a page of blocks (`workflow::page`): the header, the
//! title, the headcount, the counts table, a sentence per level ("29/155 đồng chí …, chiếm
//! 18,71%"), the quota line per group and the chi bộ's signature block. The workspace's print page
//! draws it and its Word file writes it, from these same blocks.

use crate::base::messages::{t, Msg};
use crate::base::number::{format_count, format_percent};
use crate::chibo::counts::{Counts, Quota, Rerated};
use crate::chibo::intake::Period;
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::roster::Group;
use crate::chibo::table::Stage;
use crate::chibo::workspace::Workspace;
use crate::forms::rating::Rating;
use crate::workflow::page::{Block, Line};

/// The chi bộ's header of its papers: the đảng bộ and the chi bộ on the left, the party's name and
/// `today` (`YYYY-MM-DD`) on the right.
pub(crate) fn header(p: &Period, today: &str) -> Block {
    let upper = crate::base::text::to_upper;
    Block::Header {
        left: vec![
            Line::plain(upper(&p.dang_bo)),
            Line::bold(upper(&p.chi_bo)),
            Line::plain("*"),
        ],
        right: vec![
            Line {
                underline: true,
                ..Line::bold(t(Msg::PrintParty))
            },
            Line::italic(crate::chibo::roster::display_day(today)),
        ],
    }
}

/// The summary of `ws` as of `today` (`YYYY-MM-DD`).
pub fn summary_page(ws: &Workspace, today: &str) -> Vec<Block> {
    let rows = ws.rows();
    // The headline: the latest stage every rated member has (the levels decided, once in).
    let headline = Stage::headline(&rows);
    let counts = Counts::at(&rows, headline);
    let p = &ws.period;
    let mut table: Vec<Vec<String>> = Rating::ALL
        .iter()
        .zip(counts.by_level)
        .map(|(r, n)| {
            vec![
                t(r.label()).to_owned(),
                format_count(n),
                format_percent(n, counts.rated).unwrap_or_default(),
            ]
        })
        .collect();
    table.push(vec![
        ct(ChiBoMsg::WsPrintHeadcount).to_owned(),
        format_count(counts.rated),
        format_percent(counts.rated, counts.rated).unwrap_or_default(),
    ]);
    let mut page = vec![
        header(p, today),
        Block::Title(vec![ctf(
            ChiBoMsg::WsPrintTitle,
            &[("year", &p.year.to_string())],
        )]),
        Block::Line(Line::plain(counts.headcount_line())),
        Block::Table {
            name: "counts",
            widths: vec![50, 25, 25],
            head: vec![
                ct(ChiBoMsg::WsPrintLevel).to_owned(),
                ct(ChiBoMsg::WsPrintCount).to_owned(),
                ct(ChiBoMsg::WsPrintPercent).to_owned(),
            ],
            rows: table,
            total: true,
        },
        Block::Bullets(counts.level_lines()),
        Block::Line(Line::italic(ct(ChiBoMsg::SummaryRounding))),
    ];
    // Each stage with a level entered beside the members' own, and the quota on each.
    let stages: Vec<(Stage, Counts)> = Stage::ALL
        .into_iter()
        .map(|s| (s, Counts::at(&rows, s)))
        .filter(|(s, c)| *s == Stage::Members || c.rated > 0)
        .collect();
    if stages.len() > 1 {
        page.push(Block::Line(Line::plain(ctf(
            ChiBoMsg::WsHeadline,
            &[("stage", headline.label())],
        ))));
        page.push(Block::Table {
            name: "stages",
            // 2 or 3 stages: the level's column and the rest shared.
            widths: std::iter::once(34)
                .chain(
                    stages
                        .iter()
                        .map(|_| 66 / u16::try_from(stages.len()).unwrap_or(3)),
                )
                .collect(),
            head: std::iter::once(ct(ChiBoMsg::WsPrintLevel).to_owned())
                .chain(stages.iter().map(|(s, _)| s.label().to_owned()))
                .collect(),
            rows: Rating::ALL
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    std::iter::once(t(r.label()).to_owned())
                        .chain(stages.iter().map(|(_, c)| {
                            format!(
                                "{}/{} ({})",
                                format_count(c.by_level[i]),
                                format_count(c.rated),
                                format_percent(c.by_level[i], c.rated).unwrap_or_default()
                            )
                        }))
                        .collect()
                })
                .collect(),
            total: false,
        });
        let rerated = Rerated::of(&rows);
        if rerated.decided > 0 {
            page.push(Block::Line(Line::plain(rerated.line())));
        }
    }
    for (stage, _) in &stages {
        for (g, c) in Counts::by_group_at(&rows, *stage) {
            let label = g.map_or(ct(ChiBoMsg::WsGroupUnknown), Group::label);
            let line = Quota::new(&c.by_level, ws.quota_cap).line(label);
            page.push(Block::Line(Line::plain(if stages.len() > 1 {
                format!("{}: {line}", stage.label())
            } else {
                line
            })));
        }
    }
    page.push(Block::Signature {
        title: vec![
            ct(ChiBoMsg::WsPrintSigner).to_owned(),
            ct(ChiBoMsg::WsPrintSignerRole).to_owned(),
        ],
        note: String::new(),
        name: String::new(),
    });
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::intake::Period;

    fn workspace() -> Workspace {
        Workspace::new(
            "w".into(),
            Period {
                dang_bo: "Đảng bộ phường Bến Nghé".into(),
                chi_bo: "Chi bộ khu phố 3".into(),
                year: 2026,
            },
            "2026-12-01T00:00:00.000Z",
        )
    }

    #[test]
    fn an_empty_roll_up_has_its_title_counts_table_and_signature() {
        let ws = workspace();
        let page = summary_page(&ws, "2026-12-01");
        assert!(page.contains(&Block::Title(vec![
            "TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2026".into()
        ])));
        assert!(page
            .iter()
            .any(|b| matches!(b, Block::Table { rows, .. } if rows.len() == 5)));
        assert!(
            matches!(page.last(), Some(Block::Signature { title, .. }) if title[0] == "T/M CHI BỘ")
        );
        let Some(Block::Header { left, .. }) = page.first() else {
            panic!("no header");
        };
        assert_eq!(left[1].text, "CHI BỘ KHU PHỐ 3");
    }

    /// #31: once the decisions are in, the A4 page's figures are the levels decided, the stages
    /// stand side by side, the re-rated are counted, and each stage's quota uses the cap kept
    /// with the workspace (25 % here, printed as 25 %).
    #[test]
    fn a_25_percent_workspace_prints_the_decided_levels_the_stages_and_the_re_rated() {
        use crate::chibo::roster::MemberKey;
        use crate::chibo::stages::{edit, StageEdit};
        let mut ws = workspace();
        ws.set_roster("An\nBình\nCường\nDung\nEm");
        assert!(ws.set_quota_cap(25));
        for (name, own, decided) in [
            ("An", Rating::HoanThanhXuatSac, Rating::HoanThanhXuatSac),
            ("Bình", Rating::HoanThanhTot, Rating::HoanThanhTot),
            ("Cường", Rating::HoanThanhTot, Rating::HoanThanhTot),
            ("Dung", Rating::HoanThanhTot, Rating::HoanThanhTot),
            ("Em", Rating::HoanThanhTot, Rating::HoanThanhTot),
        ] {
            let key = MemberKey::new(name, "");
            for e in [
                StageEdit::PaperRating(Some(own)),
                StageEdit::Proposed(Some(own)),
                StageEdit::DecisionRating(Some(decided)),
            ] {
                edit(&mut ws.stages, &key, e);
            }
        }
        edit(
            &mut ws.stages,
            &MemberKey::new("Em", ""),
            StageEdit::ReratingRating(Some(Rating::HoanThanh)),
        );
        let page = summary_page(&ws, "2026-12-20");
        let lines: Vec<String> = page
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.clone()),
                _ => None,
            })
            .collect();
        assert!(
            lines.iter().any(|l| l.contains("bước “Cấp ủy quyết định”")),
            "{lines:?}"
        );
        assert!(lines.contains(
            &"1/5 đảng viên được điều chỉnh mức xếp loại (xuống thấp hơn: 1).".to_owned()
        ));
        let quota: Vec<&String> = lines.iter().filter(|l| l.contains("25%")).collect();
        assert_eq!(quota.len(), 3, "one quota line per stage: {lines:?}");
        assert!(quota[2].starts_with("Cấp ủy quyết định: "), "{quota:?}");
        assert!(page.iter().any(|b| matches!(b,
            Block::Bullets(levels) if levels[1] == "3/5 đồng chí hoàn thành tốt nhiệm vụ, chiếm 60,00%")));
        assert!(page.iter().any(|b| matches!(b,
            Block::Table { name: "stages", head, rows, .. }
                if head.len() == 4 && rows[2][3] == "1/5 (20,00%)")));
    }

    #[test]
    fn the_quota_line_uses_the_workspace_s_cap_and_an_older_workspace_reads_as_twenty_percent() {
        let mut ws = workspace();
        ws.set_roster("Nguyễn Văn An,02/09/1980");
        let quota = |ws: &Workspace| {
            summary_page(ws, "2026-12-01")
                .into_iter()
                .filter_map(|b| match b {
                    Block::Line(l) if l.text.contains("giới hạn") => Some(l.text),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(ws.quota_cap, 20);
        assert!(
            quota(&ws)[0].contains("trong giới hạn 20%"),
            "{:?}",
            quota(&ws)
        );
        assert!(ws.set_quota_cap(25));
        assert!(
            quota(&ws)[0].contains("trong giới hạn 25%"),
            "{:?}",
            quota(&ws)
        );
        assert!(!ws.set_quota_cap(30), "only 20% or 25%");
        assert_eq!(ws.quota_cap, 25);
        // A workspace saved before the cap was kept reads as 20%.
        let mut json = serde_json::to_value(&ws).unwrap();
        json.as_object_mut().unwrap().remove("quota_cap");
        let older: Workspace = serde_json::from_value(json).unwrap();
        assert_eq!(older.quota_cap, 20);
    }
}
