//! The official page of a document as a list of blocks, from its template: the two-column header,
//! the form code, title, identity lines, every section with the member's text, the score lines,
//! the ratings with ☐ and ☒, the commitments, the signature and the blank approval blocks. The
//! print page draws it as HTML and the Word file writes it as OOXML (`docx`), so both show the
//! same page and neither can fall behind the other.

use crate::analysis::scoring::total;
use crate::base::messages::{etf, EditorMsg};
use crate::base::messages::{t, tf, yt, ytf, Msg, YearMsg};
use crate::base::number::format_points;
use crate::forms::field::HeaderField;
use crate::forms::rating::{Rating, RatingList};
use crate::forms::template::{Section, SectionKind, SectionRole, Template};
use crate::model::document::Document;
use crate::model::pledge::Deadline;
use crate::model::prompt::Prompts;
use crate::workflow::carry;

/// One line of the page and how it is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
    pub fn bold(text: impl Into<String>) -> Line {
        Line {
            bold: true,
            ..Line::plain(text)
        }
    }
    pub fn italic(text: impl Into<String>) -> Line {
        Line {
            italic: true,
            ..Line::plain(text)
        }
    }
}

/// A commitment of a pledge as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRow {
    pub content: String,
    pub target: String,
    pub deadline: String,
    pub evidence: String,
    /// The year-end assessment and its comment, once given.
    pub assessment: String,
    /// The quarterly progress records, one line each ("Quý II (15/06/2026): đang làm. …").
    pub progress: Vec<String>,
}

impl CommitmentRow {
    /// "Chỉ tiêu: 12 buổi; Thời hạn: quý I/2026; …", the parts that are filled in.
    pub fn details(&self) -> String {
        [
            (Msg::PrintTarget, &self.target),
            (Msg::PrintDeadline, &self.deadline),
            (Msg::PrintEvidence, &self.evidence),
            (Msg::PrintAssessment, &self.assessment),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, v)| format!("{}: {v}", t(label)))
        .collect::<Vec<_>>()
        .join("; ")
    }
}

/// A block of the page, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The form's code, top right.
    Code(String),
    /// The header's two columns: the party organs on the left, the party's name and the place
    /// and date on the right.
    Header {
        left: Vec<Line>,
        right: Vec<Line>,
    },
    /// The document's title, one line each.
    Title(Vec<String>),
    Centered(Line),
    /// A line of the identity, a score, a rating or an approval block.
    Line(Line),
    /// A line indented under the one before (a rubric criterion, a rating choice).
    Indented(Line),
    /// A part of the form ("A. …"): a heading with no text of its own.
    Part(String),
    /// A section's heading.
    Heading(String),
    /// What the member wrote, with its line breaks.
    Text(String),
    /// A pledge section's commitments, numbered; `None` when the section has none.
    Commitments(Vec<CommitmentRow>),
    /// A signature: its title lines ("T/M CHI BỘ", "BÍ THƯ"), a note, and the signed name (empty
    /// for a blank block).
    Signature {
        title: Vec<String>,
        note: String,
        name: String,
    },
    /// A table of figures: column widths in percent of the text's width, the head, the rows (the
    /// last one set bold when `total`), and a name the print page gives it as `a4-<name>`.
    Table {
        name: &'static str,
        widths: Vec<u16>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        total: bool,
    },
    /// A bulleted list of sentences.
    Bullets(Vec<String>),
    /// The start of an approval block of the upper level, with its heading if it has one; its
    /// lines and its signature follow.
    Approval(Option<String>),
}

/// "…, ngày 15 tháng 12 năm 2025" from the place and a `YYYY-MM-DD` date; dots where empty, as on
/// a blank form.
pub fn place_and_date(document: &Document) -> String {
    let place = if document.header.place.trim().is_empty() {
        "……"
    } else {
        document.header.place.trim()
    };
    let mut parts = document.header.date.split('-');
    let (day, month, year) = match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 => {
            (d.trim_start_matches('0'), m.trim_start_matches('0'), y)
        }
        _ => ("…", "…", "…"),
    };
    etf(
        EditorMsg::PrintDateLine,
        &[
            ("place", place),
            ("day", day),
            ("month", month),
            ("year", year),
        ],
    )
}

/// "CHI BỘ KHU PHỐ 3", whether the member typed "khu phố 3" or "Chi bộ khu phố 3".
pub fn org_line(key: Msg, typed: &str) -> String {
    let upper = crate::base::text::to_upper(or_dots(typed));
    let prefix = tf(key, &[("name", "")]);
    let name = upper
        .strip_prefix(prefix.trim())
        .map_or(upper.as_str(), str::trim);
    tf(key, &[("name", name)])
}

fn points_line(label: &str, points: Option<f64>, max: u16) -> String {
    let points = points.map_or("…".to_owned(), format_points);
    etf(
        EditorMsg::PrintPoints,
        &[
            ("label", label),
            ("points", &points),
            ("max", &max.to_string()),
        ],
    )
}

/// The text, or dots where the form has a blank.
pub fn or_dots(text: &str) -> &str {
    if text.trim().is_empty() {
        "……………………"
    } else {
        text.trim()
    }
}

/// `dd/mm/yyyy` from `YYYY-MM-DD`.
pub fn vietnamese_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => date.to_owned(),
    }
}

/// The official page of `doc`, laid out by its template.
pub fn official_page(doc: &Document, template: &Template) -> Vec<Block> {
    let mut page = Vec::new();
    // The pledge has no official form, so no code.
    if !template.code.is_empty() {
        page.push(Block::Code(template.code.to_owned()));
    }
    page.extend([Block::Header {
        left: vec![
            Line::plain(org_line(Msg::PrintDangBo, &doc.header.dang_bo)),
            Line::bold(org_line(Msg::PrintChiBo, &doc.header.chi_bo)),
            Line::plain("*"),
        ],
        right: vec![
            Line {
                underline: true,
                ..Line::bold(t(Msg::PrintParty))
            },
            Line::italic(place_and_date(doc)),
        ],
    }]);
    // The registration and the theme belong to a pledge; the year line to the yearly documents
    // (a probation's, a transfer's or a study's document is dated by its header alone).
    let pledge = template.is_pledge();
    let mut title = vec![template.title.to_owned()];
    if pledge && doc.study_registration {
        title.extend(template.study_title.map(str::to_owned));
    }
    page.push(Block::Title(title));
    let year = doc.year.to_string();
    if pledge || template.is_review() {
        page.push(Block::Centered(Line::plain(tf(
            Msg::YearLine,
            &[("year", &year)],
        ))));
    }
    if pledge && doc.study_registration && !doc.theme.trim().is_empty() {
        page.push(Block::Centered(Line::italic(etf(
            EditorMsg::PledgeThemeLine,
            &[("year", &year), ("theme", doc.theme.trim())],
        ))));
    }
    if !template.subtitle.text.is_empty() {
        page.push(Block::Centered(Line::italic(
            template.subtitle.text.to_owned(),
        )));
    }
    for f in template.identity.iter() {
        let value = doc.field(*f);
        let value = if f.is_date() {
            vietnamese_date(value)
        } else {
            value.to_owned()
        };
        page.push(Block::Line(Line::plain(format!(
            "{}: {}",
            t(f.label()),
            or_dots(&value)
        ))));
    }
    if !template.identity.contains(&HeaderField::CollectiveName) {
        page.push(Block::Line(Line::plain(format!(
            "{}: {}",
            t(Msg::FieldChiBo),
            or_dots(&doc.header.chi_bo)
        ))));
    }
    // A transfer's self-review covers the year before the transfer (HD 06 §10.1).
    if template.document == crate::forms::template::DocKind::Transfer {
        if let Some((from, to)) = crate::model::study::transfer_period(&doc.identity.transfer_date)
        {
            page.push(Block::Line(Line::plain(etf(
                EditorMsg::PrintTransferPeriod,
                &[
                    ("from", &crate::model::study::display(from)),
                    ("to", &crate::model::study::display(to)),
                ],
            ))));
        }
    }
    if let Some(opening) = &template.opening {
        page.push(Block::Text((*opening).to_owned()));
    }
    for section in template.sections.iter() {
        match section.kind {
            SectionKind::Heading => page.push(Block::Part(section.heading.to_owned())),
            SectionKind::Text => {
                let heading = if section.optional {
                    format!("{} {}", section.heading, t(Msg::OptionalMark))
                } else {
                    section.heading.to_owned()
                };
                page.push(Block::Heading(heading));
                if section.role == Some(SectionRole::Prompts) {
                    if let Some(prompts) = &doc.prompts {
                        prompt_blocks(&mut page, prompts, template);
                    }
                }
                page.push(Block::Text(
                    if section.role == Some(SectionRole::Carried) && !doc.carried.is_empty() {
                        carry::carried_paragraph(doc, template)
                    } else {
                        doc.answer(section.id).to_owned()
                    },
                ));
            }
            SectionKind::Questions => {
                page.push(Block::Heading(section.heading.to_owned()));
                for (n, q) in doc.questions.iter().enumerate() {
                    page.push(Block::Line(Line::bold(etf(
                        EditorMsg::PrintQuestion,
                        &[
                            ("no", &(n + 1).to_string()),
                            ("question", q.question.trim()),
                        ],
                    ))));
                    page.push(Block::Text(q.answer.trim().to_owned()));
                }
            }
            SectionKind::Commitments if section.study && !doc.study_registration => {}
            SectionKind::Commitments => commitments(&mut page, doc, template, section),
            SectionKind::Scores => {
                page.push(Block::Heading(section.heading.to_owned()));
                if let Some(note) = template.note(section) {
                    page.push(Block::Line(Line::italic(note.to_owned())));
                }
                for g in template.score_groups.iter() {
                    page.push(Block::Line(Line::plain(points_line(
                        g.label,
                        doc.score(g.id),
                        u16::from(g.max),
                    ))));
                    for c in doc.rubric.iter().flat_map(|r| r.criteria(g.id)) {
                        let points = doc
                            .criterion_score(&c.id)
                            .map_or("…".to_owned(), format_points);
                        page.push(Block::Indented(Line::plain(format!(
                            "- {}: {points}/{}",
                            c.label,
                            format_points(c.max)
                        ))));
                    }
                }
                page.push(Block::Line(Line::bold(points_line(
                    t(Msg::ScoreTotal),
                    total(doc, template),
                    template.max_total(),
                ))));
            }
            SectionKind::Rating => {
                page.push(Block::Heading(section.heading.to_owned()));
                for spec in template.rating_lists.iter() {
                    let chosen = match spec.list {
                        RatingList::Party => doc.proposed_rating,
                        RatingList::CivilServant => doc.civil_servant_rating,
                    };
                    if template.rating_lists.len() > 1 {
                        page.push(Block::Line(Line::plain(spec.label.to_owned())));
                    }
                    for r in Rating::ALL {
                        let mark = if chosen == Some(r) { "☒" } else { "☐" };
                        page.push(Block::Indented(Line::plain(format!(
                            "{mark} {}",
                            t(r.label())
                        ))));
                    }
                }
                if let Some(note) = template.note(section) {
                    page.push(Block::Line(Line::italic(note.to_owned())));
                }
            }
        }
    }
    if let Some(closing) = &template.closing {
        page.push(Block::Text((*closing).to_owned()));
    }
    let signer = if template.identity.contains(&HeaderField::FullName) {
        HeaderField::FullName
    } else {
        HeaderField::CollectiveName
    };
    page.push(Block::Signature {
        title: vec![template.signature.title.to_owned()],
        note: template.signature.note.to_owned(),
        name: doc.field(signer).to_owned(),
    });
    for block in template.approval_blocks.iter() {
        page.push(Block::Approval(block.heading.map(str::to_owned)));
        for line in block.lines.iter() {
            page.push(Block::Line(Line::plain(format!("{line} ……………………………………"))));
        }
        page.push(Block::Signature {
            title: vec![block.signer.to_owned()],
            note: block.signer_note.unwrap_or_default().to_owned(),
            name: String::new(),
        });
    }
    page
}

/// A pledge section: each commitment with its target, deadline, evidence and, once given, the
/// year-end assessment.
fn commitments(page: &mut Vec<Block>, doc: &Document, template: &Template, section: &Section) {
    page.push(Block::Heading(
        template.heading(section, doc.study_registration),
    ));
    let rows = doc
        .commitments
        .iter()
        .filter(|c| c.section == section.id && !c.content.trim().is_empty())
        .map(|c| CommitmentRow {
            content: c.content.trim().to_owned(),
            target: c
                .target
                .as_ref()
                .filter(|t| t.is_measurable())
                .map(|t| t.display())
                .unwrap_or_default(),
            deadline: Deadline::parse(&c.deadline)
                .map(|d| d.display(doc.year))
                .unwrap_or_default(),
            evidence: c.evidence.trim().to_owned(),
            assessment: c
                .assessment
                .map(|a| {
                    let mut line = a.label().to_owned();
                    if !c.comment.trim().is_empty() {
                        line.push_str(&format!(" ({})", c.comment.trim()));
                    }
                    line
                })
                .unwrap_or_default(),
            progress: c.progress.iter().map(|p| p.line()).collect(),
        })
        .collect();
    page.push(Block::Commitments(rows));
}

/// Section IV where the upper level gave prompts: the letter, then one block per issue as the
/// filled sample of Mẫu 01 sets it (the issue, the explanation, the causes, the responsibility,
/// the remedy); a part not yet written prints as dots, as on a blank form.
fn prompt_blocks(page: &mut Vec<Block>, prompts: &Prompts, template: &Template) {
    let dots = |s: &str| {
        if s.trim().is_empty() {
            "……………………".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    if !prompts.body.trim().is_empty() || !prompts.number.trim().is_empty() {
        let date = crate::base::time::parse_date(&prompts.date)
            .map(|(y, m, d)| format!("{d:02}/{m:02}/{y}"))
            .unwrap_or_else(|| "……".to_owned());
        page.push(Block::Line(Line::italic(ytf(
            YearMsg::PromptSourceLine,
            &[
                ("number", &dots(&prompts.number)),
                ("date", &date),
                ("body", &dots(&prompts.body)),
            ],
        ))));
    }
    let collective = template.is_collective();
    for (n, issue) in prompts.issues.iter().enumerate() {
        let text = |key: YearMsg, value: &str| ytf(key, &[("text", &dots(value))]);
        page.push(Block::Line(Line::bold(ytf(
            YearMsg::PromptPrintIssue,
            &[
                ("no", &(n + 1).to_string()),
                ("content", &dots(&issue.content)),
            ],
        ))));
        page.push(Block::Text(text(
            YearMsg::PromptPrintExplanation,
            &issue.explanation,
        )));
        page.push(Block::Line(Line::plain(yt(YearMsg::PromptPrintCauses))));
        page.push(Block::Indented(Line::plain(format!(
            "- {}",
            text(YearMsg::PromptPrintObjective, &issue.cause_objective)
        ))));
        page.push(Block::Indented(Line::plain(format!(
            "- {}",
            text(YearMsg::PromptPrintSubjective, &issue.cause_subjective)
        ))));
        if collective {
            page.push(Block::Text(text(
                YearMsg::PromptPrintCollective,
                &issue.collective_responsibility,
            )));
        }
        page.push(Block::Text(text(
            YearMsg::PromptPrintResponsibility,
            &issue.responsibility,
        )));
        page.push(Block::Text(text(YearMsg::PromptPrintRemedy, &issue.remedy)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_every_heading_of_its_form_and_the_member_s_text() {
        let t = Template::get("HD43-2025/2A").expect("the 2025 form");
        let mut d = Document::new("p".into(), t, 2026, "2026-12-01T00:00:00.000Z");
        d.apply(crate::model::document::Edit::Section(
            "A.I.1".into(),
            "Dòng một.\nDòng hai.".into(),
        ));
        let page = official_page(&d, t);
        let headings: Vec<&str> = page
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) | Block::Part(h) => Some(h.as_str()),
                _ => None,
            })
            .collect();
        for s in t.sections.iter() {
            assert!(
                headings.iter().any(|h| h.starts_with(s.heading)),
                "{}",
                s.heading
            );
        }
        assert!(page.contains(&Block::Text("Dòng một.\nDòng hai.".into())));
        assert!(matches!(page.first(), Some(Block::Code(c)) if *c == t.code));
    }

    #[test]
    fn section_iv_prints_one_block_per_prompt_issue_or_as_the_form_says_without_prompts() {
        use crate::model::document::Edit;
        use crate::model::prompt::{PromptEdit, PromptIssue, Prompts};
        let t = Template::get("HD43-2025/2B").unwrap();
        let mut d = Document::new("p".into(), t, 2026, "2026-12-01T00:00:00.000Z");
        let heading = Block::Heading(format!(
            "IV. Giải trình những vấn đề được gợi ý kiểm điểm {}",
            crate::base::messages::t(Msg::OptionalMark)
        ));
        let at = |page: &[Block]| page.iter().position(|b| *b == heading).unwrap();
        let page = official_page(&d, t);
        assert_eq!(
            page[at(&page) + 1],
            Block::Text(String::new()),
            "plain text"
        );
        d.apply(Edit::Prompts(PromptEdit::Set(Some(Prompts {
            body: "Ban Thường vụ Đảng ủy xã Hoà An".into(),
            number: "125-CV/ĐU".into(),
            date: "2026-11-20".into(),
            issues: vec![PromptIssue::new("g1".into(), "Chậm giải ngân vốn")],
        }))));
        d.apply(Edit::Prompts(PromptEdit::Part(
            "g1".into(),
            crate::forms::field::PromptPart::Explanation,
            "Chậm 2 tháng.".into(),
        )));
        let page = official_page(&d, t);
        let i = at(&page);
        assert_eq!(
            page[i + 1],
            Block::Line(Line::italic(
                "Theo văn bản gợi ý kiểm điểm 125-CV/ĐU ngày 20/11/2026 của Ban Thường vụ Đảng ủy xã Hoà An."
            ))
        );
        assert_eq!(
            page[i + 2],
            Block::Line(Line::bold(
                "1. Vấn đề được gợi ý kiểm điểm: Chậm giải ngân vốn"
            ))
        );
        assert_eq!(page[i + 3], Block::Text("Giải trình: Chậm 2 tháng.".into()));
        assert_eq!(
            page[i + 7],
            Block::Text("Trách nhiệm của cá nhân: ……………………".into()),
            "an unwritten part prints as dots"
        );
    }

    #[test]
    fn a_commitment_lists_only_the_parts_given() {
        let row = CommitmentRow {
            content: "Học xong lớp".into(),
            target: "12 buổi".into(),
            deadline: String::new(),
            evidence: "Biên bản".into(),
            assessment: String::new(),
            progress: Vec::new(),
        };
        assert_eq!(row.details(), "Chỉ tiêu: 12 buổi; Minh chứng: Biên bản");
    }
}
