//! ZIP archives received in the chi bộ workspace, made by the tools people use
//! (`fixtures/make-received-zip.py`: Python's zipfile and Info-ZIP), opened into the files they
//! hold and received as if each had been picked on its own.

use tusoi_core::base::zip::Zip;
use tusoi_core::chibo::archive::INSIDE;
use tusoi_core::chibo::intake::Period;
use tusoi_core::chibo::messages::{ct, ChiBoMsg};
use tusoi_core::chibo::workspace::Workspace;

const NOW: &str = "2026-12-03T08:00:00.000Z";
const RECEIVED: &[u8] = include_bytes!("fixtures/received.zip");
const ENCRYPTED: &[u8] = include_bytes!("fixtures/encrypted.zip");
const STREAMED: &[u8] = include_bytes!("fixtures/streamed.zip");

fn workspace() -> Workspace {
    let period = Period {
        dang_bo: "Đảng bộ phường Bến Nghé".into(),
        chi_bo: "Chi bộ khu phố 3".into(),
        year: 2025,
    };
    let mut ws = Workspace::new("w".into(), period, NOW);
    ws.set_roster("Nguyễn Thị Hoa, 08/03/1984");
    ws
}

fn receive(ws: &mut Workspace, name: &str, bytes: &[u8]) {
    let files = ws
        .sort_received(vec![(name.to_owned(), bytes.to_vec())], NOW)
        .members;
    ws.receive_many(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), NOW);
}

fn logged(ws: &Workspace) -> Vec<(String, bool)> {
    ws.files
        .iter()
        .map(|f| (f.file_name.clone(), f.refused))
        .collect()
}

#[test]
fn a_zip_from_pythons_zipfile_counts_its_files_and_skips_folders_and_macos_clutter() {
    let mut ws = workspace();
    receive(&mut ws, "chi-bo.zip", RECEIVED);
    let mut files = logged(&ws);
    files.sort();
    assert_eq!(
        files,
        [
            (format!("chi-bo.zip{INSIDE}Nguyễn Thị Hoa.json"), false),
            (
                format!("chi-bo.zip{INSIDE}thu-muc/Nguyễn Thị Hoa.json.txt"),
                false
            ),
            (format!("chi-bo.zip{INSIDE}trong.json"), true),
        ]
    );
    // The same export twice (deflated, and stored under a `.txt` rename): one member, counted once.
    assert_eq!(ws.inbox.current().count(), 1);
    assert_eq!(
        ws.inbox
            .current()
            .next()
            .unwrap()
            .document
            .identity
            .full_name,
        "Nguyễn Thị Hoa"
    );
}

#[test]
fn an_entry_encrypted_by_info_zip_is_refused_with_what_to_do_and_the_plain_one_counts() {
    let mut ws = workspace();
    receive(&mut ws, "nop.zip", ENCRYPTED);
    let encrypted = ws
        .files
        .iter()
        .find(|f| f.file_name == format!("nop.zip{INSIDE}mat-khau.json"))
        .expect("the encrypted entry is listed");
    assert!(encrypted.refused);
    assert!(encrypted.lines[0].contains(ct(ChiBoMsg::ArchiveEntryEncrypted)));
    let plain = ws
        .files
        .iter()
        .find(|f| f.file_name == format!("nop.zip{INSIDE}mo.json"))
        .expect("the plain entry is listed");
    assert!(!plain.refused, "{:?}", plain.lines);
    assert_eq!(ws.inbox.documents.len(), 1);
}

#[test]
fn an_archive_streamed_with_its_sizes_after_the_data_reads_through_its_directory() {
    // Info-ZIP writing to a pipe leaves the local header's sizes and CRC at zero (flag bit 3).
    assert_eq!(
        u16::from_le_bytes([STREAMED[6], STREAMED[7]]) & 8,
        8,
        "a data descriptor"
    );
    let mut ws = workspace();
    receive(&mut ws, "luong.zip", STREAMED);
    assert_eq!(logged(&ws), [(format!("luong.zip{INSIDE}mo.json"), false)]);
    assert_eq!(ws.inbox.documents.len(), 1);
}

#[test]
fn a_damaged_archive_is_one_refused_line_and_changes_nothing_received_before() {
    let mut ws = workspace();
    receive(&mut ws, "chi-bo.zip", RECEIVED);
    let before = ws.inbox.clone();
    // Cut in an entry, in the directory, and in the end record (a cut in the archive's comment
    // leaves every file whole, and they are read).
    let end = RECEIVED
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .unwrap();
    for cut in [30, RECEIVED.len() / 2, end - 10, end + 10] {
        receive(&mut ws, "cat-ngang.zip", &RECEIVED[..cut]);
        let last = ws.files.last().unwrap();
        assert_eq!(last.file_name, "cat-ngang.zip");
        assert!(
            last.refused && last.lines[0].contains(ct(ChiBoMsg::ArchiveDamaged)),
            "cut at {cut}"
        );
    }
    assert_eq!(ws.inbox, before);
}

#[test]
fn an_archive_inside_an_archive_and_an_empty_archive_are_refused_as_such() {
    let mut inner = Zip::new();
    inner.add("a.json", b"{}");
    let mut outer = Zip::new();
    outer.add("chi-bo-2.zip", &inner.finish());
    let mut ws = workspace();
    receive(&mut ws, "dang-bo.zip", &outer.finish());
    receive(&mut ws, "rong.zip", &Zip::new().finish());
    let lines: Vec<(&str, &str)> = ws
        .files
        .iter()
        .map(|f| (f.file_name.as_str(), f.lines[0].as_str()))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].0, format!("dang-bo.zip{INSIDE}chi-bo-2.zip"));
    assert!(lines[0].1.contains(ct(ChiBoMsg::ArchiveNested)));
    assert_eq!(lines[1].0, "rong.zip");
    assert!(lines[1].1.contains(ct(ChiBoMsg::ArchiveEmpty)));
    assert!(ws.files.iter().all(|f| f.refused));
}

#[test]
fn a_file_that_is_not_an_archive_passes_through_unchanged_whatever_its_name() {
    let mut ws = workspace();
    let export = include_bytes!("fixtures/export-v2-from-v1.json");
    let files = ws
        .sort_received(vec![("tep.zip".into(), export.to_vec())], NOW)
        .members;
    assert_eq!(files, [("tep.zip".to_owned(), export.to_vec())]);
    assert!(ws.files.is_empty());
}
