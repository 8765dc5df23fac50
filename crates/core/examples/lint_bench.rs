//! How long the linter takes on the editor's worst realistic case, run with
//! `cargo run --release -p tusoi-core --example lint_bench`.
//!
//! The editor lints the open document on every render (every keystroke), against the member's other
//! documents and a colleague's file. This builds a full 2A review (every text section filled with
//! about 80 words) and a pledge of 20 commitments, a corpus of 10, 100 and 1,000 other documents of
//! the same size plus a colleague's file of 5, and reports the median and worst time of one `lint`
//! call over 200 runs, and the time to build the corpus (done once per opened document).

use std::time::{Duration, Instant};

use tusoi_core::analysis::lint::{lint, Corpus};
use tusoi_core::model::pledge::{Commitment, CommitmentEdit};
use tusoi_core::{Document, Edit, Template};

const WORDS: &str = "Chủ trì thẩm định hồ sơ dự án đầu tư công của phường, hoàn thành đúng hạn \
và bảo đảm chất lượng; hướng dẫn cán bộ mới về quy trình tiếp nhận, số hoá và lưu trữ hồ sơ; \
tham gia đầy đủ sinh hoạt chi bộ, phát biểu ý kiến xây dựng; giữ mối liên hệ với nơi cư trú";

fn text(seed: usize) -> String {
    // The same vocabulary, shifted per seed, so texts are alike but not equal.
    let words: Vec<&str> = WORDS.split(' ').collect();
    (0..80)
        .map(|i| words[(i * 7 + seed) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn review(id: usize) -> Document {
    let template = Template::get("HD43-2025/2A").expect("built in");
    let mut d = Document::new(format!("r{id}"), template, 2026, "2026-12-01T00:00:00.000Z");
    for (n, s) in template.text_sections().enumerate() {
        d.apply(Edit::Section(s.id.to_owned(), text(id * 31 + n)));
    }
    d
}

fn pledge(id: usize) -> Document {
    let template = Template::pledge_for(2026);
    let mut d = Document::new(format!("p{id}"), template, 2026, "2026-01-05T00:00:00.000Z");
    for n in 0..20 {
        let section = template.sections[n % template.sections.len()].id;
        let c = format!("c{id}-{n}");
        d.apply(Edit::AddCommitment(Commitment::new(c.clone(), section)));
        d.apply(Edit::Commitment(
            c,
            CommitmentEdit::Content(text(id * 17 + n).chars().take(120).collect()),
        ));
    }
    d
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

fn main() {
    // The editor's usual case, and a device holding 100 and 1,000 documents (the corpus is then
    // searched through its index, so a lint should cost about the same at every size).
    for count in [10usize, 100, 1000] {
        let others: Vec<Document> = (1..=count / 2)
            .map(review)
            .chain((1..=count / 2).map(pledge))
            .collect();
        let colleague: Vec<Document> = (20_000..20_005).map(review).collect();
        let build = || {
            let mut corpus = Corpus::with_examples();
            for d in &others {
                corpus.add_mine(d);
            }
            corpus.add_colleague("dong-chi.json", &colleague);
            corpus
        };
        let (median, worst) = time(if count > 100 { 5 } else { 50 }, build);
        println!(
            "corpus of {count} documents + a colleague's 5: median {median:?}, worst {worst:?}"
        );
        let corpus = build();
        for (name, document) in [
            ("2A review, 11 sections", review(0)),
            ("pledge, 20 commitments", pledge(0)),
        ] {
            let template = Template::get(&document.template_id).expect("built in");
            let (median, worst) = time(200, || lint(&document, template, &corpus));
            let findings = lint(&document, template, &corpus).len();
            println!("  lint {name}: median {median:?}, worst {worst:?} ({findings} findings)");
        }
    }
}
