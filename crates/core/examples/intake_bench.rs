//! How long the chi bộ's intake takes natively for 10,000 members' files (a review and a pledge
//! each), step by step: `cargo run --release -p tusoi-core --example intake_bench`. The browser's
//! figures are `cargo xtask bench`'s; this shows which step of the core is the cost.

use std::time::Instant;
use tusoi_core::forms::template::Forms;

use tusoi_core::chibo::checks::checks;
use tusoi_core::chibo::counts::Counts;
use tusoi_core::chibo::intake::{Inbox, Period};
use tusoi_core::chibo::table::{rows, texts_to_compare};
use tusoi_core::forms::field::HeaderField;
use tusoi_core::model::document::{Document, Edit};
use tusoi_core::workflow::export::ExportEnvelope;
use tusoi_core::Template;

fn main() {
    let review = Template::get("HD43-2025/2B").expect("2B");
    let pledge = Template::pledge_for(2026);
    let files: Vec<(String, Vec<u8>)> = (0..10_000)
        .map(|i| {
            let mut r = Document::new(format!("r{i}"), review, 2026, "2026-11-01T00:00:00.000Z");
            r.apply(Edit::Field(HeaderField::FullName, format!("Đảng viên {i}")));
            r.apply(Edit::Section(
                "A.I.2".into(),
                format!(
                    "Hoàn thành {} nhiệm vụ trong năm, vượt {} nhiệm vụ.",
                    10 + i % 7,
                    i % 4
                ),
            ));
            let mut p = Document::new(format!("p{i}"), pledge, 2026, "2026-01-01T00:00:00.000Z");
            p.apply(Edit::Field(HeaderField::FullName, format!("Đảng viên {i}")));
            let bytes = ExportEnvelope::new(vec![r, p], "2026-11-25T00:00:00.000Z")
                .to_json()
                .into_bytes();
            (format!("{i}.json"), bytes)
        })
        .collect();
    let period = Period {
        dang_bo: String::new(),
        chi_bo: String::new(),
        year: 2026,
    };

    let t = Instant::now();
    for (_, bytes) in &files {
        tusoi_core::workflow::export::parse_import(bytes, &mut Forms::default())
            .expect("a good file");
    }
    println!(
        "reading 10,000 files: {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let t = Instant::now();
    let mut inbox = Inbox::default();
    inbox.receive_many(
        &period,
        &[],
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
        "2026-12-01T00:00:00.000Z",
    );
    println!(
        "reading and filing: {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let t = Instant::now();
    let table = rows(&[], &inbox);
    let counts = Counts::of(&table);
    println!(
        "table and counts ({} rated): {:.0} ms",
        counts.rated,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let warnings = checks(&table, &inbox);
    println!(
        "checks ({}): {:.0} ms",
        warnings.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let texts = texts_to_compare(&table);
    let groups = tusoi_core::chibo::copies::copy_groups(&texts);
    println!(
        "copy check ({} texts, {} groups): {:.0} ms",
        texts.len(),
        groups.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let json = serde_json::to_string(&inbox).expect("json");
    println!(
        "serialising the inbox ({} MB): {:.0} ms",
        json.len() / 1_000_000,
        t.elapsed().as_secs_f64() * 1000.0
    );
}
