//! Hostile files: every file in `tests/corpus/` has its expected outcome in `expected.tsv`, and
//! `parse_import` must give exactly that, never a panic. Files too big to commit are made here.

use std::collections::BTreeMap;
use std::path::Path;

use tusoi_core::forms::custom::Checking;
use tusoi_core::forms::template::Forms;
use tusoi_core::workflow::export::{parse_import, ImportError, MAX_IMPORT_BYTES};

/// What a file gives when read as soan/ and the workspace read: a committee's template a
/// document carries is checked.
fn outcome(bytes: &[u8]) -> String {
    match parse_import(bytes, &mut Checking(&mut Forms::default())) {
        Ok(documents) => format!("ok:{}", documents.len()),
        Err(e) => {
            let debug = format!("{e:?}");
            let variant = debug.split([' ', '{', '(']).next().unwrap_or("").to_owned();
            // Every refusal must come with a message to show, placeholders filled.
            let message = e.message();
            assert!(!message.is_empty() && !message.contains('{'), "{message}");
            format!("err:{variant}")
        }
    }
}

#[test]
fn every_corpus_file_gives_its_expected_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let expected: BTreeMap<String, String> = std::fs::read_to_string(dir.join("expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, outcome) = l.split_once('\t').unwrap();
            (file.to_owned(), outcome.to_owned())
        })
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.tsv")
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "every file has an expectation and every expectation a file"
    );
    for (file, want) in &expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(&outcome(&bytes), want, "{file}");
    }
}

#[test]
fn html_and_script_in_every_text_field_is_kept_as_plain_text() {
    let bytes = include_bytes!("corpus/html-everywhere.json");
    let documents = parse_import(bytes, &mut Forms::default()).unwrap();
    let html = r#"<script>alert("x")</script><img src=x onerror=alert(1)><b>đậm</b>"#;
    let d = &documents[0];
    assert_eq!(d.title, html);
    assert_eq!(d.identity.full_name, html);
    assert_eq!(d.answer("A.VI"), html);
    // The UI renders these through Yew text nodes, which escape them (see ARCHITECTURE.md).
}

#[test]
fn a_string_over_the_limit_is_refused_before_parsing_and_a_large_valid_one_is_read() {
    let golden = std::str::from_utf8(include_bytes!("fixtures/export-v1.json")).unwrap();
    let big = golden.replacen("Nguyễn Thị Hoa", &"x".repeat(MAX_IMPORT_BYTES as usize), 1);
    assert!(matches!(
        parse_import(big.as_bytes(), &mut Forms::default()),
        Err(ImportError::TooLarge { .. })
    ));

    let under = golden.replacen(
        "Nguyễn Thị Hoa",
        &"ư".repeat((MAX_IMPORT_BYTES as usize - golden.len()) / 2 - 16),
        1,
    );
    assert!(under.len() as u64 <= MAX_IMPORT_BYTES);
    let documents = parse_import(under.as_bytes(), &mut Forms::default()).unwrap();
    assert!(documents[0].identity.full_name.starts_with("ưưư"));
}
