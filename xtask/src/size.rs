//! The size report of the release site: every file raw, gzip (level 9) and brotli (quality 11), and
//! the brotli total checked against the budget. Phones on slow intranets download all of it before
//! the first screen, so the budget fails the build, not just warns.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// One file's sizes in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The sizes of some bytes.
pub fn measure(bytes: &[u8]) -> Sizes {
    Sizes {
        raw: bytes.len() as u64,
        gzip: gzip(bytes).len() as u64,
        brotli: brotli(bytes).len() as u64,
    }
}

/// Gzip at level 9, as `.gz` files beside the site's files are written and measured.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    gz.write_all(bytes)
        .and_then(|()| gz.finish())
        .unwrap_or_default()
}

/// Brotli at quality 11 with a 4 MB window, as `.br` files are written and measured.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &bytes[..], &mut br, &params) {
        Ok(_) => br,
        Err(_) => Vec::new(),
    }
}

/// The kinds of file a server sends compressed; images are compressed already.
const COMPRESSIBLE: &[&str] = &[
    ".wasm",
    ".js",
    ".css",
    ".html",
    ".svg",
    ".webmanifest",
    ".json",
];

/// Writes `NAME.br` and `NAME.gz` beside every compressible file of the site, for servers that
/// send them as they are (`gzip_static`, `brotli_static`; `docs/deploying.md`): the phone gets
/// the smallest encoding and the server compresses nothing. They are the files the size report
/// measures, byte for byte. Returns how many files were compressed.
pub fn precompress(dist: &Path) -> Result<usize> {
    let mut names = Vec::new();
    collect(dist, dist, &mut names)?;
    let mut count = 0;
    for name in names
        .iter()
        .filter(|n| COMPRESSIBLE.iter().any(|e| n.ends_with(e)))
    {
        let path = dist.join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        for (encoded, ext) in [(brotli(&bytes), "br"), (gzip(&bytes), "gz")] {
            if encoded.is_empty() {
                return Err(format!("{name}: could not compress as {ext}"));
            }
            let target = dist.join(format!("{name}.{ext}"));
            std::fs::write(&target, encoded).map_err(|e| format!("{}: {e}", target.display()))?;
        }
        count += 1;
    }
    Ok(count)
}

/// A file's name without the content hash the build adds (`tusoi-c972e744c1afb0c7_bg.wasm` →
/// `tusoi_bg.wasm`), so a build can be compared with the baseline file by file.
pub fn stable_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(at) = rest.find('-') {
        let after = &rest[at + 1..];
        let hex = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str(&rest[..at]);
        // The hash is 16 hex digits (fewer in Trunk's names until December 2026, when it started
        // with zeros); a name part follows.
        let ends = after[hex..].starts_with(['.', '_']);
        if (12..=16).contains(&hex) && ends {
            rest = &after[hex..];
        } else {
            out.push('-');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The baseline's lines: `file<TAB>raw<TAB>gzip<TAB>brotli`, `#` for comments.
fn parse_baseline(text: &str) -> Vec<(String, Sizes)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let name = parts.next()?.to_owned();
            let mut number = || parts.next()?.trim().parse::<u64>().ok();
            Some((
                name,
                Sizes {
                    raw: number()?,
                    gzip: number()?,
                    brotli: number()?,
                },
            ))
        })
        .collect()
}

/// The baseline file of a measured site.
pub fn baseline_text(files: &[(String, Sizes)]) -> String {
    let mut text = String::from(
        "# Brotli sizes of the release site, the baseline `cargo xtask test` compares with.\n# Update with `cargo xtask size --write` after a change whose size is understood.\n# file\traw\tgzip\tbrotli\n",
    );
    for (name, s) in files {
        text.push_str(&format!("{name}\t{}\t{}\t{}\n", s.raw, s.gzip, s.brotli));
    }
    text
}

/// The change of each file's brotli size against the baseline, as lines to print, and the change
/// of the files counted in the budget.
pub fn compare(baseline: &str, files: &[(String, Sizes)]) -> (Vec<String>, i64) {
    let before = parse_baseline(baseline);
    let mut names: Vec<&str> = before
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(files.iter().map(|(n, _)| n.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    let find = |list: &[(String, Sizes)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, s)| s.brotli)
    };
    let mut lines = vec![format!(
        "{:<40} {:>10} {:>10} {:>9}",
        "file (brotli)", "baseline", "now", "change"
    )];
    let mut counted = 0i64;
    for name in names {
        let (was, now) = (find(&before, name), find(files, name));
        let change = now.unwrap_or(0) as i64 - was.unwrap_or(0) as i64;
        if counts_for_budget(name) {
            counted += change;
        }
        let show = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
        lines.push(format!(
            "{name:<40} {:>10} {:>10} {change:>+9}",
            show(was),
            show(now)
        ));
    }
    lines.push(format!(
        "{:<40} {:>32}",
        "change of the budgeted total",
        format!("{counted:+}")
    ));
    (lines, counted)
}

/// Every file of `dist/` under its stable name, with its sizes, sorted by name.
pub fn measure_site(dist: &Path) -> Result<Vec<(String, Sizes)>> {
    let mut names = Vec::new();
    collect(dist, dist, &mut names)?;
    let mut files = Vec::new();
    for name in names {
        files.push((stable_name(&name), sizes_of(dist, &name)?));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// A file's sizes: gzip and brotli are its `.gz` and `.br` copies where `precompress` wrote them
/// (the bytes the server sends), so the site is compressed once per build, not once per report;
/// a file without copies (an image) is compressed here.
fn sizes_of(dist: &Path, name: &str) -> Result<Sizes> {
    let path = dist.join(name);
    let copy = |ext: &str| std::fs::metadata(dist.join(format!("{name}.{ext}"))).map(|m| m.len());
    let raw = std::fs::metadata(&path)
        .map_err(|e| format!("{name}: {e}"))?
        .len();
    match (copy("gz"), copy("br")) {
        (Ok(gzip), Ok(brotli)) => Ok(Sizes { raw, gzip, brotli }),
        _ => {
            let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
            Ok(measure(&bytes))
        }
    }
}

/// Prints the report of `dist/` and fails when the brotli total passes the budget.
pub fn report(dist: &Path, budget: u64) -> Result<Sizes> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{} has no files: build the site first",
            dist.display()
        ));
    }
    println!("\nRelease site size ({}):", dist.display());
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let zero = || Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    let (mut total, mut all) = (zero(), zero());
    for name in files.iter().filter(|n| !is_apart(n)) {
        let s = sizes_of(dist, name)?;
        let counted = counts_for_budget(name);
        let mark = if counted { "" } else { "  (not in budget)" };
        println!(
            "{name:<48} {:>10} {:>10} {:>10}{mark}",
            s.raw, s.gzip, s.brotli
        );
        for sum in [Some(&mut all), counted.then_some(&mut total)]
            .into_iter()
            .flatten()
        {
            sum.raw += s.raw;
            sum.gzip += s.gzip;
            sum.brotli += s.brotli;
        }
    }
    let row = |label: &str, s: &Sizes| {
        println!("{label:<48} {:>10} {:>10} {:>10}", s.raw, s.gzip, s.brotli)
    };
    row("total (wasm, JS, CSS, HTML)", &total);
    row("total (every file)", &all);
    for (folder, label) in APART {
        let part = files
            .iter()
            .filter(|n| group_of(n) == Some(folder))
            .try_fold(zero(), |mut sum, name| {
                let s = sizes_of(dist, name)?;
                sum.raw += s.raw;
                sum.gzip += s.gzip;
                sum.brotli += s.brotli;
                Ok::<Sizes, String>(sum)
            })?;
        if part.raw > 0 {
            row(label, &part);
        }
    }
    println!(
        "budget: the member's first load is {} bytes brotli, of {} bytes",
        total.brotli, budget
    );
    if total.brotli > budget {
        return Err(format!(
            "the site is {} bytes brotli, over the budget of {budget}",
            total.brotli
        ));
    }
    Ok(total)
}

/// The member's first load in brotli bytes, read from the build's `.br` copies: the bytes the
/// report measures and the server sends, without compressing the site a second time.
pub fn first_load_brotli(dist: &Path) -> Result<u64> {
    let mut names = Vec::new();
    collect(dist, dist, &mut names)?;
    names
        .iter()
        .filter(|n| counts_for_budget(n))
        .try_fold(0, |sum, name| {
            let copy = dist.join(format!("{name}.br"));
            let len = std::fs::metadata(&copy)
                .map_err(|e| format!("{}: {e} (build with `cargo xtask dist`)", copy.display()))?
                .len();
            Ok(sum + len)
        })
}

/// The pages of the site that are not the first load, reported apart, each as a total: the
/// editor's page (`soan/`), which the service worker fetches once the home page's app has started
/// (ARCHITECTURE.md), the chi bộ's workspace (`chibo/`), fetched only when opened, and its old
/// address (`tong-hop/`), which only sends links on.
/// The workspace's QR scanner (`chibo/qr/`) is apart from the workspace's own first load: it is
/// fetched only when the scanner is opened.
const APART: [(&str, &str); 4] = [
    ("soan/", "soan/: the editor's page (not in budget)"),
    (
        "chibo/",
        "chibo/: chi bộ's workspace, its first load (not in budget)",
    ),
    (
        "chibo/qr/",
        "chibo/qr/: the workspace's QR scanner, when opened (not in budget)",
    ),
    (
        "tong-hop/",
        "tong-hop/: the workspace's old address (not in budget)",
    ),
];

/// The budget is on the code and page of the member's first load (wasm, JS, CSS, HTML): what a
/// member's phone downloads before the first screen works, the home page's files. Icons and the
/// manifest are reported but not counted, and the pages in [`APART`] are reported apart.
fn counts_for_budget(name: &str) -> bool {
    !is_apart(name)
        && [".wasm", ".js", ".css", ".html"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn is_apart(name: &str) -> bool {
    group_of(name).is_some()
}

/// The most specific folder of [`APART`] a file is in.
fn group_of(name: &str) -> Option<&'static str> {
    APART
        .iter()
        .map(|(folder, _)| *folder)
        .filter(|folder| name.starts_with(folder))
        .max_by_key(|folder| folder.len())
}

/// The files the site serves: wasm, JS, CSS, HTML and anything else the build put in `dist/`; not
/// the `.br` and `.gz` copies of them, which are other encodings of the same files.
fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().into_owned();
            if !(rel.ends_with(".br") || rel.ends_with(".gz")) {
                out.push(rel);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precompressed_copies_decode_to_their_file_are_the_sizes_reported_and_are_not_counted_again()
    {
        let dir = std::env::temp_dir().join(format!("tusoi-precompress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("icons")).expect("temp dir");
        let page = "<p>Bản nháp của tôi</p>".repeat(200);
        std::fs::write(dir.join("index.html"), &page).expect("write");
        std::fs::write(dir.join("icons/a.png"), [137u8, 80, 78, 71]).expect("write");
        assert_eq!(
            precompress(&dir).expect("precompress"),
            1,
            "the page, not the image"
        );
        let br = std::fs::read(dir.join("index.html.br")).expect("the .br copy");
        let gz = std::fs::read(dir.join("index.html.gz")).expect("the .gz copy");
        assert!(!dir.join("icons/a.png.br").exists());
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).expect("brotli decodes");
        assert_eq!(decoded, page.as_bytes());
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .expect("gzip decodes");
        assert_eq!(decoded, page);
        let s = measure(page.as_bytes());
        assert_eq!((s.brotli, s.gzip), (br.len() as u64, gz.len() as u64));
        assert_eq!(first_load_brotli(&dir).expect("the copies"), s.brotli);
        let mut names = Vec::new();
        collect(&dir, &dir, &mut names).expect("collect");
        names.sort();
        assert_eq!(names, ["icons/a.png", "index.html"]);
        // The report reads the copies it sends rather than compressing again: a copy one byte
        // longer is measured one byte longer; the image, without copies, is compressed here.
        std::fs::write(dir.join("index.html.br"), [&br[..], &[0]].concat()).expect("write");
        let site = measure_site(&dir).expect("measure");
        assert_eq!(
            site[1],
            (
                "index.html".into(),
                Sizes {
                    brotli: s.brotli + 1,
                    ..s
                }
            )
        );
        assert_eq!(site[0].1, measure(&[137u8, 80, 78, 71]));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn compression_shrinks_repetitive_text_and_brotli_beats_gzip_on_it() {
        let text = "Hoàn thành tốt nhiệm vụ. ".repeat(400);
        let s = measure(text.as_bytes());
        assert_eq!(s.raw, text.len() as u64);
        assert!(s.gzip > 0 && s.gzip < s.raw / 10, "{s:?}");
        assert!(s.brotli > 0 && s.brotli <= s.gzip, "{s:?}");
    }

    #[test]
    fn stable_names_drop_the_content_hash_only() {
        assert_eq!(
            stable_name("tusoi-c972e744c1afb0c7_bg.wasm"),
            "tusoi_bg.wasm"
        );
        assert_eq!(stable_name("app-823f82254365d13a.css"), "app.css");
        assert_eq!(stable_name("boot-12f8728bc267657f.js"), "boot.js");
        // A hash whose leading zero Trunk left out (the baseline's names until December 2026).
        assert_eq!(stable_name("tusoi-543043a4b1d7d7f.js"), "tusoi.js");
        assert_eq!(
            stable_name("chibo/tusoi-chibo-2938135d269da2a6_bg.wasm"),
            "chibo/tusoi-chibo_bg.wasm"
        );
        assert_eq!(stable_name("icons/icon-192.png"), "icons/icon-192.png");
        assert_eq!(stable_name("sw.js"), "sw.js");
    }

    #[test]
    fn the_baseline_comparison_gives_each_files_change_and_the_budgeted_total() {
        let sizes = |brotli| Sizes {
            raw: brotli * 3,
            gzip: brotli * 2,
            brotli,
        };
        let baseline = baseline_text(&[
            ("app.css".into(), sizes(100)),
            ("tusoi_bg.wasm".into(), sizes(1000)),
            ("icon.svg".into(), sizes(50)),
        ]);
        let now = [
            ("app.css".to_owned(), sizes(90)),
            ("tusoi_bg.wasm".to_owned(), sizes(1200)),
            ("new.js".to_owned(), sizes(5)),
        ];
        let (lines, counted) = compare(&baseline, &now);
        assert_eq!(counted, -10 + 200 + 5, "the svg is not in the budget");
        assert!(lines
            .iter()
            .any(|l| l.starts_with("tusoi_bg.wasm") && l.ends_with("+200")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("icon.svg") && l.ends_with("-50")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("new.js") && l.contains(" - ")));
    }

    #[test]
    fn report_fails_over_budget() {
        let dir = std::env::temp_dir().join(format!("xtask-size-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        // Random-looking bytes do not compress, so the brotli size stays near 4 kB.
        let mut state = 0x2545_f491_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        std::fs::write(dir.join("sub/app.wasm"), &bytes).unwrap();
        // Not code: reported, not counted.
        std::fs::write(dir.join("icon.png"), &bytes).unwrap();
        assert!(report(&dir, 1_000).is_err());
        let total = report(&dir, 1_000_000).unwrap();
        assert_eq!(total.raw, 4096);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
