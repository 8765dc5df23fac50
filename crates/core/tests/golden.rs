//! Golden export files: every schema version ever written must still import. When the schema
//! version goes up, keep the old file here and add the migration that reads it.

use tusoi_core::export::parse_import;
use tusoi_core::{validate, Rating, Template};

#[test]
fn golden_export_v1_still_imports_field_for_field() {
    let bytes = include_bytes!("fixtures/export-v1.json");
    let documents = parse_import(bytes).expect("the v1 golden file imports");
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
    let fields: Vec<String> = validate(d, template).into_iter().map(|i| i.field).collect();
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
