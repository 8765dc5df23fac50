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
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let gzip = gz
        .write_all(bytes)
        .and_then(|()| gz.finish())
        .map_or(0, |v| v.len() as u64);
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let brotli =
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map_or(0, |_| br.len() as u64);
    Sizes {
        raw: bytes.len() as u64,
        gzip,
        brotli,
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
    for name in &files {
        let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let s = measure(&bytes);
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
    println!("budget: brotli total {} of {} bytes", total.brotli, budget);
    if total.brotli > budget {
        return Err(format!(
            "the site is {} bytes brotli, over the budget of {budget}",
            total.brotli
        ));
    }
    Ok(total)
}

/// The budget is on the code and page of the site (issue 2: "wasm, JS, CSS, HTML"); icons and the
/// manifest are reported but not counted.
fn counts_for_budget(name: &str) -> bool {
    [".wasm", ".js", ".css", ".html"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// The files the site serves: wasm, JS, CSS, HTML and anything else Trunk put in `dist/`.
fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text_and_brotli_beats_gzip_on_it() {
        let text = "Hoàn thành tốt nhiệm vụ. ".repeat(400);
        let s = measure(text.as_bytes());
        assert_eq!(s.raw, text.len() as u64);
        assert!(s.gzip > 0 && s.gzip < s.raw / 10, "{s:?}");
        assert!(s.brotli > 0 && s.brotli <= s.gzip, "{s:?}");
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
