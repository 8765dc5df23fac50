//! Writes the Word file of a sample review to the path given: `cargo run -p tusoi-core --example
//! docx_sample -- out.docx`, for looking at it in LibreOffice or Word.
use tusoi_core::model::document::Edit;
use tusoi_core::workflow::docx::document_docx;
use tusoi_core::{Document, Template};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.docx".into());
    let id = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "HD43-2025/2A".into());
    let Some(t) = Template::get(&id) else {
        eprintln!("no template {id}");
        std::process::exit(2);
    };
    let mut d = Document::new("sample".into(), t, 2026, "2026-12-01T00:00:00.000Z");
    for s in t.sections.iter() {
        d.apply(Edit::Section(
            s.id.into(),
            format!(
                "Nội dung mục {}: hoàn thành 12/12 việc.\nDòng thứ hai của mục.",
                s.id
            ),
        ));
    }
    if let Err(e) = std::fs::write(&path, document_docx(&d, t)) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
}
