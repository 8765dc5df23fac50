//! The other documents members write (issue 16 item 3): the probationary member's self-review,
//! the self-review for a transfer, and the "bài thu hoạch". Each is asked for what it lacks, prints
//! on A4 (and so in Word) with its own lines, lints, goes through export and import, and stays out
//! of the chi bộ's roll-up, which counts yearly reviews.

use tusoi_core::analysis::lint::{lint, Corpus};
use tusoi_core::forms::field::QuestionPart;
use tusoi_core::forms::template::DocKind;
use tusoi_core::forms::template::Forms;
use tusoi_core::model::study::StudyQuestion;
use tusoi_core::workflow::export::parse_import;
use tusoi_core::workflow::page::{official_page, Block};
use tusoi_core::{validate, Document, Edit, ExportEnvelope, FieldId, HeaderField, Template};

fn of_kind(kind: DocKind) -> &'static Template {
    Template::all()
        .iter()
        .find(|t| t.document == kind)
        .expect("a built-in template of each kind")
}

fn filled(kind: DocKind) -> Document {
    let t = of_kind(kind);
    let mut d = Document::new(format!("{kind:?}"), t, 2026, "2026-03-01T00:00:00.000Z");
    for (field, value) in [
        (HeaderField::DangBo, "Đảng bộ xã Hoà An"),
        (HeaderField::ChiBo, "Chi bộ Thôn 2"),
        (HeaderField::Place, "Hoà An"),
        (HeaderField::Date, "2026-03-01"),
        (HeaderField::FullName, "Phan Thị Lan"),
        (HeaderField::BirthDate, "1998-05-02"),
        (HeaderField::AdmissionDate, "2025-02-14"),
        (HeaderField::TransferDate, "2026-03-15"),
        (HeaderField::WorkUnit, "Trường Tiểu học Hoà An"),
        (HeaderField::StudySubject, "Nghị quyết Đại hội XIV của Đảng"),
    ] {
        d.apply(Edit::Field(field, value.into()));
    }
    for s in t.text_sections() {
        d.apply(Edit::Section(
            s.id.into(),
            format!("Nội dung mục {} của Phan Thị Lan: dạy đủ 24 tiết mỗi tuần, dự 12/12 buổi sinh hoạt chi bộ, hướng dẫn 2 học sinh đạt giải cấp huyện.", s.id),
        ));
    }
    d
}

#[test]
fn a_probationary_member_s_self_review_asks_for_its_admission_date_and_prints_its_lines() {
    let t = of_kind(DocKind::Probation);
    assert!(t.unverified.is_some(), "no copy of Mẫu 10-KNĐ was found");
    let mut d = filled(DocKind::Probation);
    assert_eq!(d.title, "Bản tự kiểm điểm đảng viên dự bị");
    assert!(validate(&d, t).is_empty(), "{:?}", validate(&d, t));
    d.apply(Edit::Field(HeaderField::AdmissionDate, String::new()));
    let issues: Vec<String> = validate(&d, t).iter().map(|i| i.text()).collect();
    assert_eq!(issues, ["Chưa điền “Ngày kết nạp vào Đảng”."]);
    d.apply(Edit::Field(HeaderField::AdmissionDate, "2025-02-14".into()));
    let page = official_page(&d, t);
    assert!(
        page.contains(&Block::Title(vec!["BẢN TỰ KIỂM ĐIỂM".into()])),
        "{page:?}"
    );
    assert!(page
        .iter()
        .any(|b| matches!(b, Block::Line(l) if l.text == "Ngày kết nạp vào Đảng: 14/02/2025")));
    assert!(
        !page
            .iter()
            .any(|b| matches!(b, Block::Centered(l) if l.text.starts_with("Năm "))),
        "not a yearly document: dated by its header only"
    );
    assert!(!tusoi_core::workflow::docx::document_docx(&d, t).is_empty());
}

#[test]
fn a_transfer_s_self_review_prints_the_year_it_covers() {
    let t = of_kind(DocKind::Transfer);
    let d = filled(DocKind::Transfer);
    assert!(validate(&d, t).is_empty(), "{:?}", validate(&d, t));
    let page = official_page(&d, t);
    assert!(page.iter().any(|b| matches!(b, Block::Line(l) if l.text == "Thời gian tự kiểm điểm: từ 15/03/2025 đến 15/03/2026")));
    assert!(page
        .iter()
        .any(|b| matches!(b, Block::Approval(Some(h)) if h == "NHẬN XÉT CỦA CẤP ỦY CƠ SỞ")));
}

#[test]
fn a_study_essay_asks_for_each_answer_lints_it_and_prints_question_by_question() {
    let t = of_kind(DocKind::Study);
    let mut d = filled(DocKind::Study);
    let issues: Vec<String> = validate(&d, t).iter().map(|i| i.text()).collect();
    assert_eq!(
        issues,
        ["Chưa có câu hỏi nào: hãy chép các câu hỏi cấp ủy nêu rồi trả lời từng câu."]
    );
    for (id, q) in [
        ("q1", "Những điểm mới của Nghị quyết?"),
        ("q2", "Liên hệ thực tiễn đơn vị?"),
    ] {
        d.apply(Edit::AddQuestion(StudyQuestion {
            id: id.into(),
            question: q.into(),
            answer: String::new(),
        }));
    }
    let fields: Vec<String> = validate(&d, t).iter().map(|i| i.field.dom_id()).collect();
    assert_eq!(fields, ["question-q1-answer", "question-q2-answer"]);
    d.apply(Edit::Form(
        FieldId::Question("q1".into(), QuestionPart::Answer),
        "Tốt.".into(),
    ));
    assert_eq!(d.questions[0].answer, "Tốt.");
    let findings = lint(&d, t, &Corpus::with_examples());
    assert!(
        findings
            .iter()
            .any(|f| f.field == FieldId::Question("q1".into(), QuestionPart::Answer)),
        "a two-word answer is too short to be specific"
    );
    d.apply(Edit::RemoveQuestion("q2".into()));
    let page = official_page(&d, t);
    assert!(page.iter().any(|b| matches!(b, Block::Line(l) if l.bold && l.text == "Câu 1. Những điểm mới của Nghị quyết?")));
    assert!(page.contains(&Block::Text("Tốt.".into())));
}

#[test]
fn the_other_documents_survive_export_and_stay_out_of_the_roll_up() {
    use tusoi_core::chibo::counts::Counts;
    use tusoi_core::chibo::intake::{Inbox, Period};
    use tusoi_core::chibo::table::rows;
    let documents: Vec<Document> = [DocKind::Probation, DocKind::Transfer, DocKind::Study]
        .into_iter()
        .map(filled)
        .collect();
    let text = ExportEnvelope::new(documents.clone(), "2026-03-02T00:00:00.000Z").to_json();
    assert_eq!(
        parse_import(text.as_bytes(), &mut Forms::default()).unwrap(),
        documents
    );
    let period = Period {
        dang_bo: "Đảng bộ xã Hoà An".into(),
        chi_bo: "Chi bộ Thôn 2".into(),
        year: 2026,
    };
    let mut inbox = Inbox::default();
    inbox.receive(
        &period,
        &[],
        "lan.json",
        text.as_bytes(),
        "2026-03-03T00:00:00.000Z",
    );
    let rows = rows(&[], &inbox);
    assert!(
        rows.is_empty(),
        "three documents of one member, none a review or a pledge: no row"
    );
    assert_eq!(Counts::of(&rows), Counts::default());
}
