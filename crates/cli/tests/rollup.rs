//! The command over real folders and files: a generated province checked against what the
//! generator planted, bad input at scale, roll-up files merged and merged again, the bundle.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tusoi_cli::province::{self, Planted};
use tusoi_cli::rollup::{self, Report};
use tusoi_core::chibo::rollup::{parse_rollup, LevelKey, RollupFile, StandingKey};
use tusoi_core::forms::rating::Rating;

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tusoi-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn small(year: u16) -> province::Options {
    province::Options {
        members: 400,
        units: 24,
        orgs: 6,
        year,
        seed: 7,
        year_end: false,
        rollups: 0,
    }
}

fn options(roots: &[&Path], year: u16) -> rollup::Options {
    rollup::Options {
        roots: roots.iter().map(|p| p.to_path_buf()).collect(),
        year,
        texts: false,
        threads: 2,
        now: "2026-12-20T08:00:00.000Z".into(),
        cap_percent: 20,
        passphrase: None,
    }
}

fn run(options: &rollup::Options) -> Report {
    rollup::run(options, &mut |_, _| {}).expect("the roll-up runs")
}

fn level_index(level: Rating) -> usize {
    Rating::ALL
        .iter()
        .position(|r| *r == level)
        .expect("a level")
}

#[test]
fn a_generated_province_rolls_up_to_exactly_what_was_planted() {
    let dir = scratch("planted");
    let opts = small(2026);
    let written = province::generate(&dir, &opts, 2).expect("generated");
    let report = run(&options(&[&dir], 2026));
    let rollup = report.rollup.as_ref().expect("a roll-up");

    // The generator's truth, member by member.
    let (mut exempt, mut missing, mut levels, mut above) = (0, 0, [0_u64; 4], 0);
    for m in province::members(&opts) {
        match province::planted(&opts, &m, 2026) {
            Planted::Exempt => exempt += 1,
            Planted::Missing => missing += 1,
            Planted::Rated { level, above: a } => {
                levels[level_index(level)] += 1;
                above += u64::from(a);
            }
        }
    }
    assert_eq!(rollup.counts.members, 400);
    assert_eq!(rollup.counts.exempt, exempt);
    assert_eq!(rollup.counts.not_reviewed, missing);
    assert_eq!(rollup.counts.by_level, levels);
    assert!(rollup.counts.consistent());
    assert_eq!(rollup.units.len(), 24);
    assert_eq!(report.units, 24);
    assert_eq!(report.read, written.files);
    assert_eq!((report.refused, report.set_aside), (0, 0));
    assert_eq!(
        report.bundle.iter().filter(|l| l.above_points).count() as u64,
        above,
        "every proposal above its points is flagged, and no other"
    );
    // The bundle has every member once, with the roll-up's standing.
    assert_eq!(report.bundle.len(), 400);
    let rated = report
        .bundle
        .iter()
        .filter(|l| l.standing == StandingKey::Rated)
        .count() as u64;
    assert_eq!(rated, rollup.counts.rated);
    // The copy check found the boilerplate the generator plants in a share of the reviews.
    assert!(report
        .copies
        .iter()
        .any(|c| c.members >= 10 && c.similarity == 1.0));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_same_folders_give_the_same_files_whatever_the_threads() {
    let dir = scratch("threads");
    province::generate(&dir, &small(2026), 2).expect("generated");
    let out = |threads: usize, name: &str| {
        let mut o = options(&[&dir], 2026);
        o.threads = threads;
        let report = run(&o);
        let to = dir.with_extension(name);
        rollup::write(&report, &to).expect("written");
        to
    };
    let (one, four) = (out(1, "one"), out(4, "four"));
    for file in ["rollup.json", "members.ndjson", "copies.json", "files.tsv"] {
        assert_eq!(
            fs::read(one.join(file)).expect("read"),
            fs::read(four.join(file)).expect("read"),
            "{file}"
        );
    }
    for d in [dir, one, four] {
        let _ = fs::remove_dir_all(d);
    }
}

/// The first member file of a chi bộ folder.
fn first_member_file(unit: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(unit)
        .expect("a unit")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tusoi.json"))
        .collect();
    files.sort();
    files.remove(0)
}

fn units_of(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for org in fs::read_dir(root).expect("root").flatten() {
        for unit in fs::read_dir(org.path()).expect("org").flatten() {
            out.push(unit.path());
        }
    }
    out.sort();
    out
}

#[test]
fn broken_foreign_newer_and_duplicated_files_are_each_listed_and_nothing_is_counted_twice() {
    let dir = scratch("bad");
    let root = dir.join("tinh");
    province::generate(&root, &small(2026), 2).expect("generated");
    let clean = run(&options(&[&root], 2026));
    let clean_counts = clean.rollup.as_ref().expect("a roll-up").counts;

    let units = units_of(&root);
    let (a, b) = (&units[0], &units[1]);
    let member = first_member_file(a);
    let bytes = fs::read(&member).expect("a member file");
    // The same file again in the same folder, and in another chi bộ's folder.
    fs::write(a.join("ban-sao.tusoi.json"), &bytes).expect("copy");
    fs::write(b.join("gui-nham.tusoi.json"), &bytes).expect("copy");
    // The same document saved again, edited, sent to another chi bộ: counted where it was first.
    let edited = String::from_utf8(bytes.clone())
        .expect("text")
        .replace("\"exported_at\": \"", "\"exported_at\": \"2");
    fs::write(b.join("sua-lai.tusoi.json"), edited).expect("copy");
    // A phone's share sheet renames the export to .txt: accepted as it is.
    let renamed = first_member_file(b);
    let renamed_to = renamed.with_extension("txt");
    fs::rename(&renamed, &renamed_to).expect("rename");
    // Broken, foreign, newer, empty.
    fs::write(a.join("hong.tusoi.json"), &bytes[..bytes.len() / 2]).expect("write");
    fs::write(a.join("khac.json"), br#"{"hello": "world"}"#).expect("write");
    let newer = String::from_utf8(bytes.clone()).expect("text").replacen(
        &format!("\"schema_version\": {}", tusoi_core::SCHEMA_VERSION),
        "\"schema_version\": 99",
        1,
    );
    assert_ne!(
        newer.as_bytes(),
        bytes.as_slice(),
        "the version is in the file"
    );
    fs::write(b.join("moi-hon.tusoi.json"), newer).expect("write");
    fs::write(b.join("rong.tusoi.json"), b"").expect("write");
    // A sealed file ("Xuất có mật khẩu") with no passphrase given: said so, not "foreign".
    fs::write(
        b.join("co-mat-khau.tusoi.json"),
        include_bytes!("../../core/tests/fixtures/sealed-v1-webcrypto.json"),
    )
    .expect("write");

    // What Windows and a Mac leave beside files: skipped, not listed, as in the workspace's ZIPs.
    fs::write(a.join("Thumbs.db"), b"\x00\x01").expect("write");
    fs::write(a.join("desktop.ini"), b"[.ShellClassInfo]").expect("write");
    fs::write(a.join("._ban-sao.tusoi.json"), b"\x00\x05\x16\x07").expect("write");
    // Too large to be an export (a sparse file: nothing is written to the disk): refused unread.
    fs::File::create(b.join("qua-lon.tusoi.json"))
        .and_then(|f| f.set_len(tusoi_core::workflow::export::MAX_IMPORT_BYTES + 1))
        .expect("a large file");

    let report = run(&options(&[&root], 2026));
    let counts = report.rollup.as_ref().expect("a roll-up").counts;
    assert_eq!(counts, clean_counts, "nothing counted twice, nothing lost");
    for clutter in ["Thumbs.db", "desktop.ini", "._ban-sao.tusoi.json"] {
        assert!(
            !report.files.iter().any(|f| f.path.ends_with(clutter)),
            "{clutter} is not listed"
        );
    }
    let refused: Vec<(&str, &str)> = report
        .files
        .iter()
        .filter(|f| f.status == "refused")
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    let reason = |name: &str| {
        refused
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("{name} is refused: {refused:#?}"))
    };
    assert!(reason("gui-nham.tusoi.json").starts_with("Trùng từng byte với tệp"));
    // The copy in the same folder: the first by name counts, the other is the same bytes.
    assert!(
        reason(member.file_name().and_then(|n| n.to_str()).expect("a name"))
            .starts_with("Trùng từng byte với tệp")
    );
    assert!(reason("sua-lai.tusoi.json").contains("đã được tính ở"));
    assert!(
        reason("hong.tusoi.json").contains("JSON"),
        "{}",
        reason("hong.tusoi.json")
    );
    assert!(!reason("khac.json").is_empty());
    assert!(reason("moi-hon.tusoi.json").contains("99"));
    assert!(!reason("rong.tusoi.json").is_empty());
    assert!(reason("co-mat-khau.tusoi.json").starts_with("Tệp có mật khẩu"));
    assert_eq!(
        reason("qua-lon.tusoi.json"),
        tusoi_core::workflow::export::check_size(
            tusoi_core::workflow::export::MAX_IMPORT_BYTES + 1
        )
        .expect_err("too large")
        .message()
    );
    assert_eq!(refused.len(), 9, "{refused:#?}");
    assert!(report
        .files
        .iter()
        .any(|f| f.path.ends_with("ban-sao.tusoi.json") && f.status == "accepted"));
    assert!(report
        .files
        .iter()
        .any(|f| f.path.ends_with(".txt") && f.status == "accepted"));

    // The command: listed on standard error, exit 0, and 1 only when asked to be strict.
    let cli = env!("CARGO_BIN_EXE_tusoi-cli");
    let out = dir.join("ra");
    let plain = Command::new(cli)
        .args(["rollup", "--year", "2026", "--quiet", "--out"])
        .arg(&out)
        .arg(&root)
        .output()
        .expect("the command runs");
    assert_eq!(plain.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(stderr.contains("moi-hon.tusoi.json") && stderr.contains("hong.tusoi.json"));
    let stdout = String::from_utf8_lossy(&plain.stdout);
    assert!(stdout.contains("Tệp bị từ chối: 9."), "{stdout}");
    let tsv = fs::read_to_string(out.join("files.tsv")).expect("files.tsv");
    assert_eq!(tsv.lines().filter(|l| l.contains("\trefused\t")).count(), 9);
    let strict = Command::new(cli)
        .args(["rollup", "--year", "2026", "--quiet", "--strict", "--out"])
        .arg(&out)
        .arg(&root)
        .output()
        .expect("the command runs");
    assert_eq!(strict.status.code(), Some(1));
    let clean = dir.join("sach");
    province::generate(&clean, &small(2026), 2).expect("generated");
    let clean_strict = Command::new(cli)
        .args(["rollup", "--year", "2026", "--quiet", "--strict", "--out"])
        .arg(dir.join("ra-sach"))
        .arg(&clean)
        .output()
        .expect("the command runs");
    assert_eq!(
        clean_strict.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean_strict.stderr)
    );
    // A wrong command line says how to use it, with exit 2.
    let usage = Command::new(cli)
        .args(["rollup", "--year", "hai"])
        .output()
        .expect("runs");
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("phải là một số"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn chi_bo_roll_ups_merge_with_member_folders_and_a_merged_file_merges_again() {
    let dir = scratch("merge");
    let root = dir.join("tinh");
    province::generate(&root, &small(2026), 2).expect("generated");
    let whole = run(&options(&[&root], 2026));
    let whole = whole.rollup.expect("a roll-up");

    // Each đảng bộ rolled up on its own, then the files merged by a second run.
    let files = dir.join("files");
    fs::create_dir_all(&files).expect("files");
    let mut orgs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("root")
        .flatten()
        .map(|e| e.path())
        .collect();
    orgs.sort();
    for (n, org) in orgs.iter().enumerate() {
        let report = run(&options(&[org.as_path()], 2026));
        let file = report.rollup.expect("a roll-up");
        // The first one over 4 MB (a large đảng bộ's, here padded with the whitespace JSON
        // allows): a roll-up is known by its format field, not by its size.
        let mut json = file.to_json();
        if n == 0 {
            json.push_str(&" ".repeat(4 * 1024 * 1024 + 1));
        }
        fs::write(files.join(format!("dang-bo-{n}.json")), json).expect("written");
    }
    let merged = run(&options(&[&files], 2026)).rollup.expect("merged");
    assert_eq!(merged.counts, whole.counts);
    assert_eq!(merged.members.len(), whole.members.len());
    assert_eq!(merged.units.len(), whole.units.len());

    // A merged file merges again with the rest, and the same file twice is refused.
    let half = dir.join("half");
    fs::create_dir_all(&half).expect("half");
    let first = run(&options(&[orgs[0].as_path(), orgs[1].as_path()], 2026))
        .rollup
        .expect("two đảng bộ");
    fs::write(half.join("hai-dang-bo.json"), first.to_json()).expect("written");
    fs::write(half.join("hai-dang-bo-lan-nua.json"), first.to_json()).expect("written");
    let mut remade = first.clone();
    remade.made_at = "2026-12-31T00:00:00.000Z".into();
    fs::write(half.join("hai-dang-bo-lam-lai.json"), remade.to_json()).expect("written");
    let rest: Vec<&Path> = orgs[2..].iter().map(PathBuf::as_path).collect();
    let mut roots = vec![half.as_path()];
    roots.extend(rest);
    let again = run(&options(&roots, 2026));
    assert_eq!(again.rollup.as_ref().expect("merged").counts, whole.counts);
    let status = |name: &str| {
        again
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| (f.status, f.text.clone()))
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    // Files are taken in name order: the first of the three counts, the others are refused.
    assert_eq!(status("hai-dang-bo-lam-lai.json").0, "roll_up");
    let (twice, why) = status("hai-dang-bo-lan-nua.json");
    assert_eq!(twice, "refused");
    assert!(why.contains("đã được tính ở tệp"), "{why}");
    let (copy, why) = status("hai-dang-bo.json");
    assert_eq!(copy, "refused");
    assert!(why.starts_with("Trùng từng byte"), "{why}");
    // The file written reads back with the app's own reader.
    let out = dir.join("ra");
    rollup::write(&again, &out).expect("written");
    let back: RollupFile =
        parse_rollup(&fs::read(out.join("rollup.json")).expect("read")).expect("a roll-up");
    assert_eq!(back.counts, whole.counts);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_bundle_has_one_line_per_member_and_texts_only_when_asked() {
    let dir = scratch("bundle");
    let (y25, y26) = (dir.join("2025"), dir.join("2026"));
    province::generate(&y25, &small(2025), 2).expect("generated");
    province::generate(&y26, &small(2026), 2).expect("generated");
    let report = run(&options(&[&y26, &y25], 2026));
    let out = dir.join("ra");
    rollup::write(&report, &out).expect("written");
    let ndjson = fs::read_to_string(out.join("members.ndjson")).expect("bundle");
    let lines: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 400);
    for key in [
        "unit",
        "form",
        "year",
        "points_total",
        "proposed",
        "allowed",
        "pledge_measurable",
        "findings",
    ] {
        assert!(lines[0].get(key).is_some(), "{key}");
    }
    assert!(!ndjson.contains("\"texts\""));
    assert!(
        !ndjson.contains("Trong công tác"),
        "no member's text without --texts"
    );
    // Failing two years running is found with last year's files beside.
    let twice: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| {
            l["findings"]
                .as_array()
                .is_some_and(|f| f.iter().any(|k| k == "two_years_failed"))
        })
        .collect();
    let opts = small(2026);
    let expected = province::members(&opts)
        .iter()
        .filter(|m| {
            matches!(
                province::planted(&small(2025), m, 2025),
                Planted::Rated {
                    level: Rating::KhongHoanThanh,
                    ..
                }
            ) && matches!(
                province::planted(&opts, m, 2026),
                Planted::Rated {
                    level: Rating::KhongHoanThanh,
                    ..
                }
            )
        })
        .count();
    assert_eq!(twice.len(), expected);
    assert!(lines.iter().all(|l| l["proposed"].is_null()
        || serde_json::from_value::<LevelKey>(l["proposed"].clone()).is_ok()));

    let mut with_texts = options(&[&y26], 2026);
    with_texts.texts = true;
    let report = run(&with_texts);
    rollup::write(&report, &out).expect("written");
    let ndjson = fs::read_to_string(out.join("members.ndjson")).expect("bundle");
    assert!(ndjson.contains("\"texts\"") && ndjson.contains("Trong công tác"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_generator_is_seeded() {
    let (a, b) = (scratch("seed-a"), scratch("seed-b"));
    province::generate(&a, &small(2026), 1).expect("generated");
    province::generate(&b, &small(2026), 2).expect("generated");
    let unit = |root: &Path| units_of(root)[3].clone();
    let file = first_member_file(&unit(&a));
    let same = unit(&b).join(file.file_name().expect("a name"));
    assert_eq!(
        fs::read(&file).expect("read"),
        fs::read(&same).expect("read")
    );
    for d in [a, b] {
        let _ = fs::remove_dir_all(d);
    }
}

#[test]
fn sealed_member_files_count_once_opened_with_the_passphrase_file_and_are_refused_without_it() {
    use tusoi_core::workflow::sealed_native::seal;
    let dir = scratch("sealed");
    let root = dir.join("tinh");
    province::generate(&root, &small(2026), 2).expect("generated");
    let clean = run(&options(&[&root], 2026));
    let clean_counts = clean.rollup.as_ref().expect("a roll-up").counts;
    let passphrase = "Chi bộ Tân Phú 2026";
    // Two members' files sealed in place, as members who chose "Xuất có mật khẩu" sent them.
    let units = units_of(&root);
    for unit in &units[..2] {
        let member = first_member_file(unit);
        let plain = fs::read(&member).expect("a member file");
        let sealed = seal(
            &plain,
            "tusoi-export",
            passphrase,
            &[7; 16],
            &[9; 12],
            "2026-12-02T08:00:00.000Z",
        );
        fs::write(&member, sealed.to_json()).expect("sealed");
    }

    let without = run(&options(&[&root], 2026));
    let sealed_refusals = without
        .files
        .iter()
        .filter(|f| f.status == "refused" && f.text.starts_with("Tệp có mật khẩu"))
        .count();
    assert_eq!(sealed_refusals, 2);
    assert_ne!(
        without.rollup.as_ref().expect("a roll-up").counts,
        clean_counts
    );

    let wrong = run(&rollup::Options {
        passphrase: Some("Chi bộ Tân Phú 2025".into()),
        ..options(&[&root], 2026)
    });
    assert_eq!(
        wrong
            .files
            .iter()
            .filter(|f| f.status == "refused" && f.text.starts_with("Không mở được: mật khẩu"))
            .count(),
        2
    );

    // The command with the passphrase in a file (its line end taken off): counted as if plain.
    let secret = dir.join("mat-khau.txt");
    fs::write(&secret, format!("{passphrase}\r\n")).expect("write");
    let out = dir.join("ra");
    let cli = env!("CARGO_BIN_EXE_tusoi-cli");
    let done = Command::new(cli)
        .args([
            "rollup",
            "--year",
            "2026",
            "--quiet",
            "--strict",
            "--passphrase-file",
        ])
        .arg(&secret)
        .arg("--out")
        .arg(&out)
        .arg(&root)
        .output()
        .expect("the command runs");
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let rollup: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("rollup.json")).expect("rollup.json"))
            .expect("json");
    let clean_json: serde_json::Value =
        serde_json::from_str(&clean.rollup.as_ref().expect("a roll-up").to_json()).expect("json");
    assert_eq!(rollup["counts"], clean_json["counts"]);
    // The passphrase is written into none of the outputs.
    for entry in fs::read_dir(&out).expect("outputs") {
        let text = fs::read_to_string(entry.expect("an output").path()).expect("text");
        assert!(!text.contains(passphrase));
    }
    // A passphrase file that is not there: a clear message, exit 3.
    let missing = Command::new(cli)
        .args(["rollup", "--year", "2026", "--quiet", "--passphrase-file"])
        .arg(dir.join("khong-co.txt"))
        .arg(&root)
        .output()
        .expect("the command runs");
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Không đọc được mật khẩu"));
}

/// A ZIP archive of `files` (name, bytes), stored without compression, as the simplest archivers
/// write it: what the command must open like the workspace does.
fn stored_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let crc = tusoi_core::base::zip::crc32;
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend(0u16.to_le_bytes()); // stored
            h.extend(0u32.to_le_bytes()); // time and date
            h.extend(crc(data).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let (at, size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_chi_bo_s_files_sent_as_a_zip_count_as_the_loose_files_do_and_a_bad_entry_is_refused() {
    let dir = scratch("zip");
    let root = dir.join("tinh");
    province::generate(&root, &small(2026), 2).expect("generated");
    let loose = run(&options(&[&root], 2026));
    let loose_counts = loose.rollup.as_ref().expect("a roll-up").counts;

    // One chi bộ's member files go into one archive ("download all" from the mail), with a Mac's
    // clutter and a broken file beside them in it.
    let unit = &units_of(&root)[0];
    let mut inside: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in fs::read_dir(unit).expect("a unit") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a name")
            .to_owned();
        if name.ends_with(".json") {
            inside.push((format!("thu/{name}"), fs::read(&path).expect("a file")));
            fs::remove_file(&path).expect("moved into the archive");
        }
    }
    let members = inside.len();
    assert!(members > 1, "the unit has member files");
    inside.push(("__MACOSX/thu/._a.json".into(), vec![0, 5, 22, 7]));
    inside.push((
        "thu/hong.tusoi.json".into(),
        b"{\"format\": \"tusoi-export\"".to_vec(),
    ));
    let files: Vec<(&str, Vec<u8>)> = inside
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    fs::write(unit.join("tat-ca.zip"), stored_zip(&files)).expect("the archive");

    let zipped = run(&options(&[&root], 2026));
    assert_eq!(
        zipped.rollup.as_ref().expect("a roll-up").counts,
        loose_counts,
        "the same figures as the loose files"
    );
    let from_zip: Vec<_> = zipped
        .files
        .iter()
        .filter(|f| f.path.contains("tat-ca.zip › thu/"))
        .collect();
    assert_eq!(
        from_zip.iter().filter(|f| f.status == "accepted").count(),
        members,
        "{from_zip:#?}"
    );
    let broken = from_zip
        .iter()
        .find(|f| f.path.ends_with("hong.tusoi.json"))
        .expect("the broken entry is listed");
    assert_eq!(broken.status, "refused");
    assert!(!zipped.files.iter().any(|f| f.path.contains("__MACOSX")));
    // The same archive twice: its entries are counted once.
    fs::write(units_of(&root)[1].join("gui-lai.zip"), stored_zip(&files)).expect("again");
    let twice = run(&options(&[&root], 2026));
    assert_eq!(
        twice.rollup.as_ref().expect("a roll-up").counts,
        loose_counts
    );
}

/// Item 5 of the one-house issue: a year-end round, where each member's file holds the review of
/// 2026 and the pledge for 2027 ("Tạo bản cam kết năm N+1"), read by the workspace's intake (the
/// chi bộ's folder through `Workspace`, as its session files a batch) and by the command, gives the
/// same figures member by member, copy groups included; no pledge for 2027 is set aside, and the
/// copy check compares them (it found none when they were set aside).
#[test]
fn a_year_end_round_gives_the_workspace_and_the_command_the_same_figures_copy_groups_included() {
    use tusoi_core::chibo::copies::copy_groups;
    use tusoi_core::chibo::counts::Counts;
    use tusoi_core::chibo::intake::Period;
    use tusoi_core::chibo::table::{rows, texts_to_compare};
    use tusoi_core::chibo::workspace::Workspace;

    let dir = scratch("year-end");
    let opts = province::Options {
        members: 300,
        units: 1,
        orgs: 1,
        year: 2026,
        seed: 11,
        year_end: true,
        rollups: 0,
    };
    province::generate(&dir, &opts, 2).expect("generated");
    let report = run(&options(&[&dir], 2026));
    assert_eq!(
        (report.refused, report.set_aside),
        (0, 0),
        "no pledge for 2027 is set aside"
    );
    let unit = &units_of(&dir)[0];

    // The workspace: the folder's files and roster, as the secretary picks them.
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(unit)
        .expect("the unit")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tusoi.json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).expect("a member's file"))
        })
        .collect();
    files.sort();
    let first = &report.bundle[0];
    let period = Period {
        dang_bo: first.dang_bo.clone(),
        chi_bo: first.chi_bo.clone(),
        year: 2026,
    };
    let now = "2026-12-20T08:00:00.000Z";
    let mut ws = Workspace::new("year-end".into(), period, now);
    let roster = fs::read_to_string(unit.join("danh-sach.csv")).expect("the roster");
    assert!(ws.set_roster(&roster).is_empty());
    ws.receive_many(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), now);
    assert!(
        ws.files.iter().all(|f| !f.needs_attention()),
        "every file taken as it is"
    );
    let table = rows(&ws.roster, &ws.inbox);

    // The counts.
    let rollup = report.rollup.as_ref().expect("a roll-up");
    assert_eq!(Counts::of(&table), rollup.counts);
    // Member by member: who, the standing, the level, the pledges' figures.
    assert_eq!(table.len(), report.bundle.len());
    let mut with_next = 0;
    for (row, line) in table.iter().zip(&report.bundle) {
        assert_eq!(row.member.full_name, line.full_name);
        assert_eq!(
            row.pledge_figures.map(|p| p.commitments),
            line.pledge_commitments
        );
        assert_eq!(
            row.next_pledge_figures
                .map(|p| (p.commitments, p.measurable)),
            line.next_pledge_commitments
                .zip(line.next_pledge_measurable),
            "{}",
            line.full_name
        );
        assert!(
            row.pledge.is_none(),
            "no pledge of 2026 in a year-end round"
        );
        with_next += usize::from(row.next_pledge.is_some());
    }
    let reviewed = report
        .bundle
        .iter()
        .filter(|l| l.proposed.is_some())
        .count();
    assert_eq!(
        with_next, reviewed,
        "every member who sent a review sent the 2027 pledge too"
    );

    // The copy groups: the same members, group by group.
    let texts = texts_to_compare(&table);
    let mut mine: Vec<Vec<String>> = copy_groups(&texts)
        .into_iter()
        .map(|g| {
            let mut m = g.members;
            m.sort();
            m
        })
        .collect();
    let mut theirs: Vec<Vec<String>> = report
        .copies
        .iter()
        .map(|c| {
            let mut m: Vec<String> = c.places.iter().map(|p| p.full_name.clone()).collect();
            m.sort();
            m.dedup();
            m
        })
        .collect();
    mine.sort();
    theirs.sort();
    assert_eq!(mine, theirs);
    // Among them, copied pledges for 2027: the boilerplate and the near copies planted.
    assert!(
        report
            .copies
            .iter()
            .any(|c| c.places.iter().all(|p| p.place.ends_with("năm 2027")) && c.members >= 2),
        "the copied pledges for 2027 are found: {:?}",
        report
            .copies
            .iter()
            .map(|c| (&c.places[0].place, c.members))
            .collect::<Vec<_>>()
    );
    let _ = fs::remove_dir_all(&dir);
}

/// The generated province where half the chi bộ hand in their roll-up file after the meeting.
fn with_rollups(year: u16) -> province::Options {
    province::Options {
        rollups: 50,
        ..small(year)
    }
}

#[test]
fn chi_bo_roll_up_files_carry_the_levels_decided_the_re_rated_and_paper_reviews_into_the_bundle() {
    let dir = scratch("stages");
    let opts = with_rollups(2026);
    province::generate(&dir, &opts, 2).expect("generated");
    let report = run(&options(&[&dir], 2026));
    let rollup = report.rollup.as_ref().expect("a roll-up");

    // The generator's truth: the chi bộ's proposals, the decisions and the re-ratings of the chi
    // bộ that hand in their roll-up, and who was entered from paper.
    let (mut chi_bo, mut decided) = ([0_u64; 4], [0_u64; 4]);
    let (mut rerated, mut down, mut paper, mut in_rollups, mut capped) = (0, 0, 0, 0, 0);
    for m in province::members(&opts) {
        if !province::hands_in_rollup(&opts, m.unit) {
            continue;
        }
        in_rollups += 1;
        capped += usize::from(province::unit_cap(&opts, m.unit) == 25);
        let Some(d) = province::decided(&opts, &m, 2026) else {
            continue;
        };
        chi_bo[level_index(d.chi_bo)] += 1;
        decided[level_index(d.rerated.unwrap_or(d.decision))] += 1;
        rerated += u64::from(d.rerated.is_some());
        down += u64::from(d.rerated.is_some_and(|r| r > d.decision));
        paper += usize::from(d.from_paper);
    }
    assert!(in_rollups > 100 && in_rollups < 300, "{in_rollups} of 400");
    assert_eq!(
        rollup.stages.chi_bo.by_level, chi_bo,
        "the vote's most voted is the chi bộ's proposal"
    );
    assert_eq!(rollup.stages.decided.by_level, decided);
    assert_eq!(
        (rollup.stages.re_rated, rollup.stages.re_rated_down),
        (rerated, down)
    );
    assert!(
        down > 0 && rerated >= down && paper > 0,
        "{down} {rerated} {paper}"
    );

    // Every member once in the bundle, those of a roll-up with its stages and its unit's cap.
    assert_eq!(report.bundle.len(), 400);
    assert_eq!(rollup.counts.members, 400);
    let from_rollups: Vec<_> = report
        .bundle
        .iter()
        .filter(|l| l.source == "roll_up")
        .collect();
    assert_eq!(from_rollups.len(), in_rollups);
    assert_eq!(from_rollups.iter().filter(|l| l.from_paper).count(), paper);
    assert_eq!(
        from_rollups.iter().filter(|l| l.re_rated_down).count() as u64,
        down
    );
    assert_eq!(
        from_rollups.iter().filter(|l| l.cap_percent == 25).count(),
        capped
    );
    assert!(from_rollups
        .iter()
        .all(|l| l.unit == format!("{}/{}", l.dang_bo, l.chi_bo)
            && l.points_total.is_none()
            && l.file.as_deref().is_some_and(|f| f.ends_with("-2026.json"))));
    let files: Vec<_> = report
        .bundle
        .iter()
        .filter(|l| l.source == "file")
        .collect();
    assert!(files
        .iter()
        .all(|l| l.decided.is_none() && !l.re_rated && l.cap_percent == 20));
    // The summary says what the reports publish: the levels decided and the re-rated.
    let summary = rollup::summary(&report, &options(&[&dir], 2026));
    let at = summary
        .iter()
        .position(|l| l.starts_with("Theo quyết định của cấp ủy"))
        .expect("the levels decided in the summary");
    assert_eq!(
        summary[at + 1..at + 5],
        rollup.stages.decided.level_lines()[..]
    );
    assert_eq!(
        summary[at + 5],
        format!(
            "{rerated}/{} đảng viên được điều chỉnh mức xếp loại (xuống thấp hơn: {down}).",
            decided.iter().sum::<u64>()
        )
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_chi_bo_counted_from_its_roll_up_file_is_counted_once_and_last_years_folder_is_only_compared() {
    let dir = scratch("rollup-and-last-year");
    let (y25, y26) = (dir.join("2025"), dir.join("2026"));
    province::generate(&y25, &small(2025), 2).expect("generated");
    province::generate(&y26, &with_rollups(2026), 2).expect("generated");
    let report = run(&options(&[&y26, &y25], 2026));
    let rollup = report.rollup.as_ref().expect("a roll-up");
    assert_eq!(rollup.counts.members, 400, "each member once");
    assert_eq!(report.bundle.len(), 400);
    assert_eq!(report.refused, 0, "last year's folders are not refused");
    let compared = report
        .files
        .iter()
        .filter(|f| {
            f.status == "last_year"
                && f.text
                    .starts_with("Thư mục không có tài liệu nào của năm tổng hợp")
        })
        .count();
    let rollup_units = (0..24)
        .filter(|u| province::hands_in_rollup(&with_rollups(2026), *u))
        .count();
    assert_eq!(compared, rollup_units);

    // This year's files of a chi bộ that also sent its roll-up: the chi bộ is counted once, and
    // the second place is refused with where it was counted.
    let opts = with_rollups(2026);
    let member = province::members(&opts)
        .into_iter()
        .find(|m| {
            province::hands_in_rollup(&opts, m.unit)
                && province::member_file(&opts, m, 2026).is_some()
        })
        .expect("a member of a chi bộ that sent its roll-up");
    let (name, json) = province::member_file(&opts, &member, 2026).expect("a file");
    let folder = province::unit_dir(&y26, &member);
    fs::create_dir_all(&folder).expect("a folder");
    fs::write(folder.join(name), json).expect("written");
    let report = run(&options(&[&y26], 2026));
    assert_eq!(report.rollup.as_ref().map(|r| r.counts.members), Some(400));
    assert_eq!(report.refused, 1);
    assert!(report.files.iter().any(|f| f.status == "refused"
        && f.text.contains("đã được tính ở tệp")
        && f.text.contains("tong-hop-")));
    let _ = fs::remove_dir_all(&dir);
}
