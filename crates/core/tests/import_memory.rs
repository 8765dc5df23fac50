//! How much memory the import takes beyond the file itself, measured by dhat's heap statistics
//! (its own test binary, so no other test shares the allocator's figures; issue 14).

use tusoi_core::forms::template::Forms;
use tusoi_core::forms::template::{SectionKind, Template};
use tusoi_core::model::document::{Document, Edit};
use tusoi_core::workflow::export::{parse_import, ExportEnvelope};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// What "Xuất tất cả" writes for 2,000 documents of realistic length (eleven sections of about
/// 100 words each), built one document at a time into a string of the right size, so that
/// building it never holds more than the file and one document.
fn export_all_of_two_thousand() -> String {
    let t = Template::get("HD43-2025/2A").expect("the 2025 form");
    let words = "Chủ trì thẩm định hồ sơ dự án đầu tư công của phường hoàn thành đúng hạn và bảo đảm chất lượng hướng dẫn cán bộ mới";
    let one = |i: usize| {
        let mut d = Document::new(format!("d{i}"), t, 2026, "2026-01-01T00:00:00.000Z");
        for section in t.sections.iter().filter(|s| s.kind == SectionKind::Text) {
            d.apply(Edit::Section(
                section.id.into(),
                format!("{i}: {}", [words; 4].join(" ")),
            ));
        }
        ExportEnvelope::new(vec![d], "2026-12-01T00:00:00.000Z").to_json()
    };
    let first = one(0);
    let open = first.find("\"documents\": [").expect("an envelope") + "\"documents\": [".len();
    let close = first.rfind(']').expect("an envelope");
    let mut file = String::with_capacity(first.len() * 2001);
    file.push_str(&first[..close]);
    for i in 1..2000 {
        let next = one(i);
        file.push(',');
        file.push_str(&next[open..next.rfind(']').expect("an envelope")]);
    }
    file.push_str(&first[close..]);
    file
}

#[test]
fn the_import_of_a_large_file_holds_the_file_and_its_documents_and_little_more() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let bytes = export_all_of_two_thousand().into_bytes();
    // dhat's peak is over the whole run: building the file must not have reached what the import
    // is measured against.
    let before = dhat::HeapStats::get();
    let file = bytes.len();
    assert!(
        before.max_bytes - before.curr_bytes < file / 10,
        "{before:?}"
    );
    let imported = parse_import(&bytes, &mut Forms::default()).expect("the file imports");
    let stats = dhat::HeapStats::get();
    assert_eq!(imported.len(), 2000);
    let peak = stats.max_bytes - before.curr_bytes;
    let kept = stats.curr_bytes - before.curr_bytes;
    eprintln!(
        "file {file} B; documents kept {kept} B ({:.2}x); peak beyond the file {peak} B ({:.2}x)",
        kept as f64 / file as f64,
        peak as f64 / file as f64
    );
    // The documents are about the size of the file; one document's JSON tree at a time on top.
    // Reading the whole file into one JSON tree first, as the import did, peaked at 3.0x.
    assert!(
        peak < file + file / 2,
        "the import held {peak} B beyond a file of {file} B"
    );
}
