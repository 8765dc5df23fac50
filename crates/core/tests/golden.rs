//! Golden export files: every schema version ever written must still import. When the schema
//! version goes up, keep the old file here and add the migration that reads it.

use tusoi_core::forms::custom::Checking;
use tusoi_core::forms::template::Forms;
use tusoi_core::workflow::export::parse_import;
use tusoi_core::{validate, Rating, Template};

#[test]
fn golden_export_v1_still_imports_field_for_field() {
    let bytes = include_bytes!("fixtures/export-v1.json");
    let documents = parse_import(bytes, &mut Forms::default()).expect("the v1 golden file imports");
    assert_eq!(documents.len(), 1);
    let d = &documents[0];
    assert_eq!(d.id, "7f1c9a52-3b0e-4d6a-9a61-2f4f3c1e8b10");
    assert_eq!(d.template_id, "HD43-2025/2B");
    assert_eq!(d.identity.full_name, "Nguyễn Thị Hoa");
    assert_eq!(d.header.chi_bo, "Chi bộ khu phố 3");
    assert_eq!(
        d.answer("A.VI"),
        "Hoàn thành lớp bồi dưỡng chuyển đổi số trước 30/6/2026."
    );
    assert_eq!(d.score("tasks"), Some(63.5));
    assert_eq!(d.proposed_rating, Some(Rating::HoanThanhXuatSac));
    assert_eq!(d.revision, 57);

    // 28 + 63.5 = 91.5 allows the top level; the unwritten required sections are what is missing.
    let template = Template::get(&d.template_id).unwrap();
    let fields: Vec<String> = validate(d, template)
        .into_iter()
        .map(|i| i.field.dom_id())
        .collect();
    assert_eq!(
        fields,
        [
            "section-A.I.3",
            "section-A.II.1",
            "section-A.II.2",
            "section-A.III"
        ]
    );
}

/// The v1 golden file, as version 2 wrote it after migrating it (`export-v2-from-v1.json`, pinned
/// when version 2 was current), and the v1 file itself import to the same documents: each
/// version's migration agrees with the next.
#[test]
fn golden_export_v1_and_its_v2_migration_import_alike() {
    let golden = include_str!("fixtures/export-v2-from-v1.json");
    let value: serde_json::Value = serde_json::from_str(golden).unwrap();
    assert_eq!(value["schema_version"], 2);
    let d = &value["documents"][0];
    for key in ["commitments", "self_check", "carried", "links"] {
        assert_eq!(d[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(
        d["answers"],
        serde_json::from_slice::<serde_json::Value>(include_bytes!("fixtures/export-v1.json"))
            .unwrap()["documents"][0]["answers"]
    );
    assert_eq!(
        parse_import(golden.as_bytes(), &mut Forms::default()).unwrap(),
        parse_import(
            include_bytes!("fixtures/export-v1.json"),
            &mut Forms::default()
        )
        .unwrap()
    );
}

/// A v2 file with a pledge linked to a review, a self-check and carried shortcomings keeps every
/// link and field through export and import.
#[test]
fn pledge_self_check_and_links_survive_export_and_import() {
    use tusoi_core::model::carried::{CarriedEdit, CarryStatus};
    use tusoi_core::model::check::CheckEdit;
    use tusoi_core::model::pledge::{Assessment, CommitmentEdit, Target};
    use tusoi_core::workflow::carry;
    use tusoi_core::{Document, Edit};
    let mut n = 0;
    let mut ids = move || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    let mut review = Document::new(
        ids(),
        Template::get("HD43-2025/2B").unwrap(),
        2025,
        "2025-12-01T08:00:00.000Z",
    );
    review.apply(Edit::Section(
        "A.II.1".into(),
        "Chậm cập nhật phần mềm quản lý hồ sơ.".into(),
    ));
    review.apply(Edit::Section(
        "A.VI".into(),
        "Cập nhật phần mềm trong 2 ngày làm việc sau khi nhận hồ sơ.".into(),
    ));
    review.apply(Edit::Check(
        "NQ04-2016/A4".into(),
        CheckEdit::Found(Some(true)),
    ));
    review.apply(Edit::Check(
        "NQ04-2016/A4".into(),
        CheckEdit::Action("Lập sổ theo dõi hạn xử lý.".into()),
    ));
    let mut pledge = carry::pledge_from_review(
        &Forms::default(),
        &review,
        Template::pledge_for(2026),
        "2025-12-20T08:00:00.000Z",
        &mut ids,
    );
    let c = pledge.commitments[0].id.clone();
    pledge.apply(Edit::Commitment(
        c.clone(),
        CommitmentEdit::Target(Some(Target::Number {
            value: Some(100.0),
            unit: "% hồ sơ".into(),
        })),
    ));
    pledge.apply(Edit::Commitment(
        c.clone(),
        CommitmentEdit::Deadline("2026-06-30".into()),
    ));
    pledge.apply(Edit::Commitment(
        c,
        CommitmentEdit::Assessment(Some(Assessment::Met)),
    ));
    pledge.apply(Edit::Theme(
        "Học tập và làm theo Bác về tinh thần trách nhiệm".into(),
    ));
    pledge.apply(Edit::StudyRegistration(true));
    let mut next = carry::review_from_previous(
        &Forms::default(),
        &review,
        Some(&pledge),
        Template::get("HD43-2025/2B").unwrap(),
        2026,
        "2026-12-01T08:00:00.000Z",
        &mut ids,
    );
    let item = next.carried[0].id.clone();
    next.apply(Edit::Carried(
        item,
        CarriedEdit::Status(Some(CarryStatus::InProgress)),
    ));

    let documents = vec![review, pledge, next];
    let text =
        tusoi_core::ExportEnvelope::new(documents.clone(), "2026-12-02T08:00:00.000Z").to_json();
    assert_eq!(
        parse_import(text.as_bytes(), &mut Forms::default()).unwrap(),
        documents
    );
    let back = &parse_import(text.as_bytes(), &mut Forms::default()).unwrap()[2];
    assert_eq!(back.links.len(), 2);
    assert_eq!(back.links[0].document, documents[0].id);
    assert_eq!(back.links[1].document, documents[1].id);
    assert_eq!(back.carried[0].status, Some(CarryStatus::InProgress));
}

/// The v2 golden file (a review, the pledge made from it, next year's review; written by the build
/// of schema 2) still imports, and migrated its documents are those of the v3 golden file: every
/// commitment gains an empty `progress`, every carried item `prompt: false`, every document
/// `prompts: null`, empty `questions` and three empty identity lines (admission, transfer,
/// subject); nothing else moves. The v3 file is what the build of schema 3 wrote; it is frozen.
#[test]
fn golden_export_v2_migrates_to_the_v3_golden_file() {
    let v2 = include_bytes!("fixtures/export-v2.json");
    let documents = parse_import(v2, &mut Forms::default()).expect("the v2 golden file imports");
    assert_eq!(documents.len(), 3);
    assert_eq!(documents[1].commitments.len(), 1);
    assert!(documents[1].commitments[0].progress.is_empty());
    assert!(documents.iter().all(|d| d.prompts.is_none()));
    let text = tusoi_core::ExportEnvelope::new(documents, "2026-12-03T00:00:00.000Z").to_json();
    let golden = include_str!("fixtures/export-v3-from-v2.json");
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    let old: serde_json::Value = serde_json::from_slice(v2).unwrap();
    let mut new: serde_json::Value = serde_json::from_str(golden).unwrap();
    assert_eq!(new["schema_version"], 3);
    assert_eq!(written["documents"], new["documents"]);
    // Taking the new fields out gives back the v2 documents exactly.
    for d in new["documents"].as_array_mut().unwrap() {
        assert_eq!(d["prompts"], serde_json::Value::Null);
        d.as_object_mut().unwrap().remove("prompts");
        assert_eq!(d["questions"], serde_json::json!([]));
        d.as_object_mut().unwrap().remove("questions");
        for key in ["admission_date", "transfer_date", "study_subject"] {
            assert_eq!(d["identity"][key], "");
            d["identity"].as_object_mut().unwrap().remove(key);
        }
        for c in d["commitments"].as_array_mut().unwrap() {
            assert_eq!(c["progress"], serde_json::json!([]));
            c.as_object_mut().unwrap().remove("progress");
        }
        for c in d["carried"].as_array_mut().unwrap() {
            assert_eq!(c["prompt"], false);
            c.as_object_mut().unwrap().remove("prompt");
        }
    }
    assert_eq!(new["documents"], old["documents"]);
}

/// The v3 golden file (written by the build of schema 3) imports into schema 4 with nothing to
/// change: written again, its documents are the same bytes and no `form` appears; only the
/// envelope's version moves. `corpus/valid-v4-own-form.json` is what schema 4 adds: a pledge of a
/// committee's own template carrying that template's file, which comes back unchanged.
#[test]
fn golden_export_v3_is_unchanged_in_v4_and_a_committee_form_travels_with_its_document() {
    let golden = include_str!("fixtures/export-v3-from-v2.json");
    let documents =
        parse_import(golden.as_bytes(), &mut Forms::default()).expect("the v3 golden file imports");
    assert!(documents.iter().all(|d| d.form.is_none()));
    let text = tusoi_core::ExportEnvelope::new(documents, "2026-12-03T00:00:00.000Z").to_json();
    assert_eq!(
        text.replacen("\"schema_version\": 4", "\"schema_version\": 3", 1),
        golden
    );

    let mut forms = Forms::default();
    let v4 = include_str!("corpus/valid-v4-own-form.json");
    let documents = parse_import(v4.as_bytes(), &mut Checking(&mut forms))
        .expect("a v4 file with its own form imports");
    let form = documents[0].form.clone().expect("the form travels");
    let example: serde_json::Value = serde_json::from_str(include_str!(
        "../../../docs/examples/mau-rieng-cam-ket.json"
    ))
    .unwrap();
    assert_eq!(form, example);
    let template = forms
        .get(&documents[0].template_id)
        .expect("kept by the import");
    assert_eq!(template.code, "Mẫu CK-2026");
    let text = tusoi_core::ExportEnvelope::new(documents, "2026-12-03T09:00:00.000Z").to_json();
    let again: serde_json::Value = serde_json::from_str(&text).unwrap();
    let original: serde_json::Value = serde_json::from_str(v4).unwrap();
    assert_eq!(again["documents"], original["documents"]);
}

/// A pledge followed quarter by quarter and a review answering two prompt issues keep every part
/// through export and import, and the schema-3 corpus file is exactly such a file.
#[test]
fn progress_and_prompts_survive_export_and_import() {
    let documents = parse_import(
        include_bytes!("corpus/valid-v3-progress-prompts.json"),
        &mut Forms::default(),
    )
    .expect("the v3 corpus file imports");
    let pledge = &documents[0];
    let c = &pledge.commitments[0];
    assert_eq!(c.progress.len(), 2);
    assert_eq!(c.progress[1].quarter, 3);
    assert_eq!(
        c.progress[1].status,
        Some(tusoi_core::model::pledge::ProgressStatus::Done)
    );
    let review = &documents[1];
    let prompts = review.prompts.as_ref().unwrap();
    assert_eq!(prompts.issues.len(), 2);
    assert!(prompts.issues[1].shortcoming);
    let text =
        tusoi_core::ExportEnvelope::new(documents.clone(), "2026-12-03T08:00:00.000Z").to_json();
    assert_eq!(
        parse_import(text.as_bytes(), &mut Forms::default()).unwrap(),
        documents
    );
}
