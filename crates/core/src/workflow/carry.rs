//! Carry-over between a year's documents: last year's shortcomings (A.II.1) and remedies (A.VI) into
//! this year's section A.III, the year's pledge into item A.I.3, and this review's remedies (A.VI)
//! into next year's pledge; a prompt issue concluded as a shortcoming (A.IV) is carried like the
//! shortcomings. Documents point at each other by id ([`Link`]); the title and year are
//! kept beside the id so a link whose source was deleted can still say what it pointed at.

use crate::analysis::lint::is_none_answer;
use crate::base::messages::{t, tf, Msg};
use crate::forms::template::{Forms, SectionRole, Template};
use crate::model::carried::{CarriedItem, CarryStatus, Origin};
use crate::model::document::{Document, Edit};
use crate::model::link::{Link, LinkRole, LinkState};
use crate::model::pledge::Commitment;

/// The id of the section of a document's form that has a role, if any.
pub fn section_id(forms: &Forms, document: &Document, role: SectionRole) -> Option<&'static str> {
    forms
        .get(&document.template_id)
        .and_then(|t| t.role_section(role))
        .map(|s| s.id)
}

/// The state of each link of a document, given the documents on the device (`id`, in the trash).
pub fn link_states<'a>(
    document: &'a Document,
    on_device: &[(String, bool)],
) -> Vec<(&'a Link, LinkState)> {
    document
        .links
        .iter()
        .map(|link| {
            let found = on_device.iter().find(|(id, _)| *id == link.document);
            let state = match found.map(|(_, trashed)| *trashed) {
                Some(false) => LinkState::Live,
                Some(true) => LinkState::InTrash,
                None => LinkState::Missing,
            };
            (link, state)
        })
        .collect()
}

/// The items of a section as the member wrote them: one per line or per `;`, without bullets or
/// numbering, without lead-in lines ending in `:`, and without "Không có".
pub fn split_items(text: &str) -> Vec<String> {
    text.split(['\n', ';'])
        .map(|line| {
            strip_marker(line.trim())
                .trim()
                .trim_end_matches(['.', ','])
                .trim()
        })
        .filter(|line| !line.is_empty() && !line.ends_with(':'))
        .filter(|line| !is_none_answer(line))
        .map(str::to_owned)
        .collect()
}

/// Removes a leading bullet (`-`, `+`, `•`, `*`) or number (`1.`, `2)`, `a)`).
fn strip_marker(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix(['-', '+', '•', '*', '–']) {
        return rest;
    }
    let marker_len = line
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let (head, rest) = line.split_at(marker_len);
    let single_letter = marker_len == 0
        && line.len() > 1
        && line.as_bytes()[0].is_ascii_lowercase()
        && matches!(line.as_bytes()[1], b')' | b'.');
    if (marker_len > 0 && rest.starts_with(['.', ')'])) || single_letter {
        let skip = if single_letter { 2 } else { head.len() + 1 };
        return &line[skip..];
    }
    line
}

/// Fresh ids for the items carry-over creates.
pub trait Ids {
    fn next_id(&mut self) -> String;
}

impl<F: FnMut() -> String> Ids for F {
    fn next_id(&mut self) -> String {
        self()
    }
}

fn link_to(role: LinkRole, document: &Document) -> Link {
    Link {
        role,
        document: document.id.clone(),
        title: document.title.clone(),
        year: document.year,
    }
}

/// Copies the header and identity a member writes the same every year.
fn same_person(from: &Document, to: &mut Document) {
    to.header.dang_bo = from.header.dang_bo.clone();
    to.header.chi_bo = from.header.chi_bo.clone();
    to.header.place = from.header.place.clone();
    to.identity = from.identity.clone();
}

/// "Tạo bản kiểm điểm năm N từ năm N-1": a new review whose A.III lists last year's shortcomings
/// (A.II.1) and remedies (A.VI), each to be given a status, and whose A.I.3 lists the commitments
/// of the year's pledge with their assessment, if the member has one.
pub fn review_from_previous(
    forms: &Forms,
    previous: &Document,
    pledge: Option<&Document>,
    template: &Template,
    year: u16,
    now: &str,
    ids: &mut impl Ids,
) -> Document {
    let mut review = Document::new(ids.next_id(), template, year, now);
    same_person(previous, &mut review);
    let sections = [SectionRole::Shortcomings, SectionRole::Remedies]
        .into_iter()
        .filter_map(|role| Some((role, section_id(forms, previous, role)?)));
    // An item of `section` of last year's review, to be given a status.
    let mut carry = |section: &str, item: usize, text: String, role: SectionRole| CarriedItem {
        id: ids.next_id(),
        origin: Origin {
            document: previous.id.clone(),
            section: section.to_owned(),
            item,
        },
        text,
        remedy: role == SectionRole::Remedies,
        prompt: role == SectionRole::Prompts,
        status: None,
        note: String::new(),
    };
    for (role, section) in sections {
        for (item, text) in split_items(previous.answer(section))
            .into_iter()
            .enumerate()
        {
            review.carried.push(carry(section, item, text, role));
        }
    }
    // A prompt issue the review concluded to be a shortcoming is followed up like the others.
    if let Some(section) = section_id(forms, previous, SectionRole::Prompts) {
        let issues = previous.prompts.iter().flat_map(|p| p.issues.iter());
        for (item, issue) in issues.enumerate() {
            if issue.shortcoming && !issue.content.trim().is_empty() {
                let text = issue.content.trim().trim_end_matches('.').to_owned();
                review
                    .carried
                    .push(carry(section, item, text, SectionRole::Prompts));
            }
        }
    }
    review
        .links
        .push(link_to(LinkRole::PreviousReview, previous));
    if let Some(pledge) = pledge {
        attach_pledge(forms, &mut review, pledge);
    }
    review
}

/// The edits that link a pledge to a review and write its commitments' results into A.I.3, one
/// per line, replacing what the section held (the shell asks first if it held anything).
pub fn attach_pledge_edits(forms: &Forms, review: &Document, pledge: &Document) -> Vec<Edit> {
    let mut edits = vec![Edit::Link(link_to(LinkRole::Pledge, pledge))];
    if let Some(section) = section_id(forms, review, SectionRole::PledgeResults) {
        edits.push(Edit::Section(section.to_owned(), pledge_results(pledge)));
    }
    edits
}

/// Makes [`attach_pledge_edits`]'s changes; returns whether anything changed. Through the
/// document's own setters rather than `apply`, which the home page does not link.
pub fn attach_pledge(forms: &Forms, review: &mut Document, pledge: &Document) -> bool {
    let mut changed = review.link(link_to(LinkRole::Pledge, pledge));
    if let Some(section) = section_id(forms, review, SectionRole::PledgeResults) {
        changed |= review.set_section(section.to_owned(), pledge_results(pledge));
    }
    changed
}

/// The lines of A.I.3: each commitment with its target, deadline and assessment.
pub fn pledge_results(pledge: &Document) -> String {
    let mut text = tf(Msg::PledgeResultsIntro, &[("title", &pledge.title)]);
    for (n, commitment) in pledge
        .commitments
        .iter()
        .filter(|c| !c.content.trim().is_empty())
        .enumerate()
    {
        text.push_str(&format!(
            "\n{}. {}",
            n + 1,
            commitment.result_line(pledge.year)
        ));
    }
    text
}

/// "Tạo bản cam kết năm N+1": a new pledge whose remedy section holds one commitment per item of
/// this review's A.VI, each pointing back at it, to be given a target and a deadline.
pub fn pledge_from_review(
    forms: &Forms,
    review: &Document,
    template: &Template,
    now: &str,
    ids: &mut impl Ids,
) -> Document {
    let year = review.year.saturating_add(1);
    let mut pledge = Document::new(ids.next_id(), template, year, now);
    same_person(review, &mut pledge);
    let remedies = section_id(forms, review, SectionRole::Remedies);
    if let (Some(section), Some(remedies)) = (template.remedy_section(), remedies) {
        for (item, content) in split_items(review.answer(remedies)).into_iter().enumerate() {
            let mut commitment = Commitment::new(ids.next_id(), section.id);
            commitment.content = content;
            commitment.origin = Some(Origin {
                document: review.id.clone(),
                section: remedies.to_owned(),
                item,
            });
            pledge.commitments.push(commitment);
        }
    }
    pledge.links.push(link_to(LinkRole::SourceReview, review));
    pledge
}

/// Section A.III as printed: each carried item with its status and note, then the member's text.
pub fn carried_paragraph(review: &Document, template: &Template) -> String {
    let mut lines: Vec<String> = review
        .carried
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let status = item.status.map_or(t(Msg::CarryNone), CarryStatus::label);
            let mut line = format!("{}. {}: {}", n + 1, item.text, status);
            if !item.note.trim().is_empty() {
                line.push_str(" (");
                line.push_str(item.note.trim().trim_end_matches('.'));
                line.push(')');
            }
            line.push('.');
            line
        })
        .collect();
    let text = template
        .role_section(SectionRole::Carried)
        .map_or("", |s| review.answer(s.id).trim());
    if !text.is_empty() {
        lines.push(text.to_owned());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::carried::CarriedEdit;
    use crate::model::document::Edit;
    use crate::model::pledge::{Assessment, CommitmentEdit, Target};

    const SHORTCOMINGS: &str = "A.II.1";
    const REMEDIES: &str = "A.VI";
    const CARRIED_SECTION: &str = "A.III";
    const PLEDGE_RESULT_SECTION: &str = "A.I.3";

    fn counter() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("id-{n}")
        }
    }

    fn review_2025() -> Document {
        let mut d = Document::new(
            "review-2025".into(),
            Template::get("HD43-2025/2B").unwrap(),
            2025,
            "2025-12-01T08:00:00.000Z",
        );
        d.identity.full_name = "Trần Thị Bình".into();
        d.header.chi_bo = "Chi bộ Văn phòng".into();
        d.apply(Edit::Section(
            SHORTCOMINGS.into(),
            "Hạn chế:\n- Có lúc chậm nộp báo cáo tháng.\n- Chưa chủ động đề xuất cải tiến quy trình.\n".into(),
        ));
        d.apply(Edit::Section(
            REMEDIES.into(),
            "1. Nộp báo cáo tháng trước ngày 25 hằng tháng; 2) Đề xuất ít nhất 1 cải tiến quy trình mỗi quý.".into(),
        ));
        d
    }

    #[test]
    fn carry_over_follows_the_section_roles_of_each_form() {
        // A 2024 review on the 2023 non-leader form (02A: pledge at I.3, shortcomings at II.1)
        // carried into a 2025 leader review (2A: pledge at A.I.6).
        let old = Template::get("HD25-2023/02A").unwrap();
        let mut previous = Document::new("r2024".into(), old, 2024, "2024-12-01T08:00:00.000Z");
        previous.apply(Edit::Section(
            "II.1".into(),
            "Ít đọc tài liệu chuyên môn".into(),
        ));
        previous.apply(Edit::Section(
            "VI".into(),
            "Đọc 1 tài liệu chuyên môn mỗi tháng".into(),
        ));
        let mut ids = counter();
        let mut pledge = Document::new(
            "p".into(),
            Template::pledge_for(2025),
            2025,
            "2025-01-05T08:00:00.000Z",
        );
        pledge
            .commitments
            .push(Commitment::new("c".into(), "nhiem-vu"));
        pledge.commitments[0].content = "Viết 2 sáng kiến".into();
        let leader = Template::get("HD43-2025/2A").unwrap();
        let next = review_from_previous(
            &Forms::default(),
            &previous,
            Some(&pledge),
            leader,
            2025,
            "2025-12-01T08:00:00.000Z",
            &mut ids,
        );
        let sections: Vec<&str> = next
            .carried
            .iter()
            .map(|c| c.origin.section.as_str())
            .collect();
        assert_eq!(sections, ["II.1", "VI"]);
        assert!(next
            .answer("A.I.6")
            .contains("1. Viết 2 sáng kiến: chưa tự đánh giá."));
        assert_eq!(
            next.answer("A.I.3"),
            "",
            "2A's A.I.3 is leadership results, not the pledge"
        );
    }

    #[test]
    fn a_collective_follows_up_its_shortcomings_too_without_a_pledge() {
        let t = Template::get("HD43-2025/01").unwrap();
        let mut previous = Document::new("c2025".into(), t, 2025, "2025-12-01T08:00:00.000Z");
        previous.apply(Edit::Section(
            "A.II".into(),
            "Sinh hoạt chuyên đề chưa đều.".into(),
        ));
        let mut ids = counter();
        let next = review_from_previous(
            &Forms::default(),
            &previous,
            None,
            t,
            2026,
            "2026-12-01T08:00:00.000Z",
            &mut ids,
        );
        assert_eq!(next.carried.len(), 1);
        assert_eq!(next.carried[0].text, "Sinh hoạt chuyên đề chưa đều");
        assert!(crate::analysis::validation::validate(&next, t)
            .iter()
            .any(|i| i.field.dom_id() == format!("carried-{}-status", next.carried[0].id)));
    }

    #[test]
    fn a_prompt_issue_concluded_as_a_shortcoming_is_followed_up_next_year() {
        use crate::model::prompt::{PromptEdit, PromptIssue, Prompts};
        let mut previous = review_2025();
        previous.apply(Edit::Prompts(PromptEdit::Set(Some(Prompts::default()))));
        for (id, text) in [("g1", "Chậm giải ngân vốn"), ("g2", "Tiếp dân quá hạn")] {
            previous.apply(Edit::Prompts(PromptEdit::Add(PromptIssue::new(
                id.into(),
                text,
            ))));
        }
        previous.apply(Edit::Prompts(PromptEdit::Part(
            "g2".into(),
            crate::forms::field::PromptPart::Shortcoming,
            "true".into(),
        )));
        let mut ids = counter();
        let next = review_from_previous(
            &Forms::default(),
            &previous,
            None,
            Template::get("HD43-2025/2B").unwrap(),
            2026,
            "2026-12-01T08:00:00.000Z",
            &mut ids,
        );
        let last = next.carried.last().unwrap();
        assert_eq!(
            next.carried.len(),
            5,
            "four items of A.II.1 and A.VI, one prompt"
        );
        assert_eq!(last.text, "Tiếp dân quá hạn");
        assert_eq!(
            (last.origin.section.as_str(), last.origin.item),
            ("A.IV", 1)
        );
        assert!(!last.remedy && last.prompt);
        assert!(next.prompts.is_none(), "this year's prompts are new ones");
    }

    #[test]
    fn items_are_split_by_line_and_semicolon_without_markers_or_lead_ins() {
        assert_eq!(
            split_items("Hạn chế:\n- Một.\n+ Hai\n3) Ba; b) Bốn\n\nKhông có."),
            ["Một", "Hai", "Ba", "Bốn"]
        );
        assert!(split_items("Không có").is_empty());
        assert_eq!(
            split_items("2025 là năm bận"),
            ["2025 là năm bận"],
            "a year is not a number marker"
        );
    }

    #[test]
    fn a_review_from_last_year_lists_every_shortcoming_and_remedy_to_follow_up() {
        let previous = review_2025();
        let mut ids = counter();
        let review = review_from_previous(
            &Forms::default(),
            &previous,
            None,
            Template::get("HD43-2025/2B").unwrap(),
            2026,
            "2026-12-01T08:00:00.000Z",
            &mut ids,
        );
        assert_eq!(review.year, 2026);
        assert_eq!(review.identity.full_name, "Trần Thị Bình");
        let texts: Vec<&str> = review.carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Có lúc chậm nộp báo cáo tháng",
                "Chưa chủ động đề xuất cải tiến quy trình",
                "Nộp báo cáo tháng trước ngày 25 hằng tháng",
                "Đề xuất ít nhất 1 cải tiến quy trình mỗi quý",
            ]
        );
        assert_eq!(review.carried[3].origin.section, REMEDIES);
        assert!(review.carried[3].remedy && !review.carried[0].remedy);
        assert_eq!(review.carried[3].origin.item, 1);
        assert!(review.carried.iter().all(|c| c.status.is_none()));
        assert_eq!(review.links[0].role, LinkRole::PreviousReview);
        assert_eq!(review.links[0].document, "review-2025");

        let id = "review-2025".to_owned();
        assert_eq!(link_states(&review, &[])[0].1, LinkState::Missing);
        assert_eq!(
            link_states(&review, &[(id.clone(), true)])[0].1,
            LinkState::InTrash
        );
        assert_eq!(link_states(&review, &[(id, false)])[0].1, LinkState::Live);
    }

    #[test]
    fn next_years_pledge_takes_up_the_remedies_and_the_review_assesses_the_pledge() {
        let review = review_2025();
        let template = Template::pledge_for(2026);
        let mut ids = counter();
        let mut pledge = pledge_from_review(
            &Forms::default(),
            &review,
            template,
            "2025-12-20T08:00:00.000Z",
            &mut ids,
        );
        assert_eq!(pledge.year, 2026);
        assert_eq!(pledge.commitments.len(), 2);
        let remedy = template.remedy_section().unwrap();
        assert!(pledge.commitments.iter().all(|c| c.section == remedy.id));
        assert_eq!(
            pledge.commitments[0].origin.as_ref().unwrap().document,
            "review-2025"
        );
        assert_eq!(pledge.links[0].role, LinkRole::SourceReview);

        let first = pledge.commitments[0].id.clone();
        pledge.apply(Edit::Commitment(
            first.clone(),
            CommitmentEdit::Target(Some(Target::Number {
                value: Some(12.0),
                unit: "báo cáo đúng hạn".into(),
            })),
        ));
        pledge.apply(Edit::Commitment(
            first,
            CommitmentEdit::Assessment(Some(Assessment::Met)),
        ));
        let mut next = review_from_previous(
            &Forms::default(),
            &review,
            Some(&pledge),
            Template::get("HD43-2025/2B").unwrap(),
            2026,
            "2026-12-01T08:00:00.000Z",
            &mut ids,
        );
        let a13 = next.answer(PLEDGE_RESULT_SECTION).to_owned();
        assert!(a13.contains("1. Nộp báo cáo tháng trước ngày 25 hằng tháng (chỉ tiêu: 12 báo cáo đúng hạn): đạt."), "{a13}");
        assert!(
            a13.contains("2. Đề xuất ít nhất 1 cải tiến quy trình mỗi quý: chưa tự đánh giá."),
            "{a13}"
        );
        assert!(next.links.iter().any(|l| l.role == LinkRole::Pledge));

        let id = next.carried[0].id.clone();
        assert!(next.apply(Edit::Carried(
            id,
            CarriedEdit::Status(Some(CarryStatus::Fixed))
        )));
        next.apply(Edit::Section(
            CARRIED_SECTION.into(),
            "Không có vướng mắc.".into(),
        ));
        let printed = carried_paragraph(&next, Template::get(&next.template_id).unwrap());
        assert!(printed
            .starts_with("1. Có lúc chậm nộp báo cáo tháng: đã khắc phục.\n2. Chưa chủ động"));
        assert!(printed.ends_with("\nKhông có vướng mắc."));
    }
}
