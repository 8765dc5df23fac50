//! `tusoi-cli rollup --year 2026 [--out DIR] [--texts] [--strict] [--quiet] DIR…` and
//! `tusoi-cli generate --out DIR [--members N] [--units N] [--orgs N] [--year N] [--seed N]
//! [--year-end] [--rollups PERCENT]`.
//!
//! Exit codes: 0 done; 1 done, but `--strict` and a file was refused or set aside; 2 the command
//! line is wrong; 3 a folder could not be read or the results could not be written.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tusoi_cli::messages::{fill, CliMsg};
use tusoi_cli::progress::Progress;
use tusoi_cli::{format_bytes, peak_memory, province, rollup};

/// What the command line asked for.
struct Args {
    command: String,
    out: Option<PathBuf>,
    year: Option<u16>,
    texts: bool,
    strict: bool,
    quiet: bool,
    threads: Option<usize>,
    members: Option<usize>,
    units: Option<usize>,
    orgs: Option<usize>,
    seed: u64,
    year_end: bool,
    rollups: u8,
    cap: u64,
    passphrase_file: Option<PathBuf>,
    folders: Vec<PathBuf>,
}

fn number<T: std::str::FromStr>(option: &str, value: Option<String>) -> Result<T, String> {
    let value = value.unwrap_or_default();
    value
        .trim()
        .parse()
        .map_err(|_| fill(CliMsg::BadNumber, &[("option", option), ("value", &value)]))
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = raw.next().unwrap_or_default();
    if command != "rollup" && command != "generate" {
        return Err(CliMsg::Usage.text().to_owned());
    }
    let mut args = Args {
        command,
        out: None,
        year: None,
        texts: false,
        strict: false,
        quiet: false,
        threads: None,
        members: None,
        units: None,
        orgs: None,
        seed: 20_261_202,
        year_end: false,
        rollups: 0,
        cap: 20,
        passphrase_file: None,
        folders: Vec::new(),
    };
    while let Some(arg) = raw.next() {
        match arg.as_str() {
            "--out" => args.out = raw.next().map(PathBuf::from),
            "--year" => args.year = Some(number("--year", raw.next())?),
            "--texts" => args.texts = true,
            "--strict" => args.strict = true,
            "--quiet" => args.quiet = true,
            "--threads" => args.threads = Some(number("--threads", raw.next())?),
            "--members" => args.members = Some(number("--members", raw.next())?),
            "--units" => args.units = Some(number("--units", raw.next())?),
            "--orgs" => args.orgs = Some(number("--orgs", raw.next())?),
            "--seed" => args.seed = number("--seed", raw.next())?,
            "--cap" => {
                let value = raw.next();
                let cap = number("--cap", value.clone())?;
                if !tusoi_core::chibo::counts::QUOTA_CAPS.contains(&cap) {
                    return Err(fill(
                        CliMsg::BadCap,
                        &[("value", value.as_deref().unwrap_or_default())],
                    ));
                }
                args.cap = cap;
            }
            "--year-end" => args.year_end = true,
            "--rollups" => {
                let value = raw.next();
                let percent: u8 = number("--rollups", value.clone())?;
                if percent > 100 {
                    return Err(fill(
                        CliMsg::BadNumber,
                        &[
                            ("option", "--rollups"),
                            ("value", value.as_deref().unwrap_or_default()),
                        ],
                    ));
                }
                args.rollups = percent;
            }
            "--passphrase-file" => args.passphrase_file = raw.next().map(PathBuf::from),
            "-h" | "--help" => return Err(CliMsg::Usage.text().to_owned()),
            other if other.starts_with("--") => {
                return Err(format!(
                    "{}\n\n{}",
                    fill(CliMsg::UnknownOption, &[("option", other)]),
                    CliMsg::Usage.text()
                ))
            }
            _ => args.folders.push(PathBuf::from(arg)),
        }
    }
    Ok(args)
}

fn threads(args: &Args) -> usize {
    args.threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get().min(8)))
}

fn now() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    tusoi_core::base::time::rfc3339_from_millis(millis)
}

fn seconds(started: Instant) -> String {
    tusoi_core::base::number::format_fixed(started.elapsed().as_secs_f64(), 1)
}

/// The run's figures for the benchmark (`run.json`).
fn run_json(started: Instant, report: &rollup::Report, options: &rollup::Options) -> String {
    let value = serde_json::json!({
        "year": options.year,
        "summary": rollup::summary(report, options),
        "quota_units": report.quota_units,
        "quota_units_allowed": report.quota_units_allowed,
        "no_measurable": report.no_measurable,
        "seconds": started.elapsed().as_secs_f64(),
        "peak_memory_bytes": peak_memory(),
        "files_read": report.read,
        "members": report.bundle.len(),
        "units": report.units,
        "copy_groups": report.copies.len(),
        "refused": report.refused,
        "set_aside": report.set_aside,
        "steps": report.steps.iter().map(|(k, v)| serde_json::json!({"step": k, "seconds": v})).collect::<Vec<_>>(),
    });
    format!("{value:#}\n")
}

/// The first line of a passphrase file, as typed (only the line's end is taken off): a file, so
/// the passphrase is in neither the shell's history nor the process list.
fn read_passphrase(path: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        fill(
            CliMsg::PassphraseFile,
            &[
                ("path", &path.display().to_string()),
                ("reason", &e.to_string()),
            ],
        )
    })?;
    let line = text.lines().next().unwrap_or_default();
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.is_empty() {
        return Err(fill(
            CliMsg::PassphraseFile,
            &[
                ("path", &path.display().to_string()),
                ("reason", "dòng đầu trống"),
            ],
        ));
    }
    Ok(line.to_owned())
}

fn rollup_command(args: &Args) -> Result<bool, (u8, String)> {
    let started = Instant::now();
    let year = args.year.ok_or((2, CliMsg::NoYear.text().to_owned()))?;
    if args.folders.is_empty() {
        return Err((2, CliMsg::NoFolder.text().to_owned()));
    }
    let options = rollup::Options {
        roots: args.folders.clone(),
        year,
        texts: args.texts,
        threads: threads(args),
        now: now(),
        cap_percent: args.cap,
        passphrase: args
            .passphrase_file
            .as_deref()
            .map(read_passphrase)
            .transpose()
            .map_err(|e| (3, e))?,
    };
    let mut progress = Progress::new(CliMsg::Reading.text(), !args.quiet);
    let report =
        rollup::run(&options, &mut |done, total| progress.tick(done, total)).map_err(|e| (3, e))?;
    progress.finish();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("tong-hop-{year}")));
    rollup::write(&report, &out).map_err(|e| (3, e))?;
    std::fs::write(out.join("run.json"), run_json(started, &report, &options)).map_err(|e| {
        (
            3,
            fill(
                CliMsg::CannotWrite,
                &[
                    ("path", &out.join("run.json").display().to_string()),
                    ("reason", &e.to_string()),
                ],
            ),
        )
    })?;
    for line in rollup::summary(&report, &options) {
        println!("{line}");
    }
    for f in report.files.iter().filter(|f| f.status == "refused") {
        eprintln!("{}: {}", f.path, f.text);
    }
    println!(
        "{}",
        fill(CliMsg::Wrote, &[("path", &out.display().to_string())])
    );
    println!(
        "{}",
        fill(
            CliMsg::TimeAndMemory,
            &[
                ("seconds", &seconds(started)),
                (
                    "memory",
                    &peak_memory().map_or("?".to_owned(), format_bytes)
                ),
            ],
        )
    );
    let problems = report.refused + report.set_aside > 0;
    if args.strict && problems {
        eprintln!("{}", CliMsg::Strict.text());
        return Ok(false);
    }
    Ok(true)
}

fn generate_command(args: &Args) -> Result<bool, (u8, String)> {
    let started = Instant::now();
    let out = args
        .out
        .clone()
        .ok_or((2, CliMsg::Usage.text().to_owned()))?;
    let base = province::Options::province(args.year.unwrap_or(2026), args.seed);
    let options = province::Options {
        members: args.members.unwrap_or(base.members),
        units: args.units.unwrap_or(base.units),
        orgs: args.orgs.unwrap_or(base.orgs),
        year_end: args.year_end,
        rollups: args.rollups,
        ..base
    };
    let written = province::generate(&out, &options, threads(args)).map_err(|e| {
        (
            3,
            fill(
                CliMsg::CannotWrite,
                &[
                    ("path", &out.display().to_string()),
                    ("reason", &e.to_string()),
                ],
            ),
        )
    })?;
    println!(
        "{}",
        fill(
            CliMsg::Generated,
            &[
                (
                    "members",
                    &tusoi_core::base::number::format_count(written.members as u64)
                ),
                (
                    "units",
                    &tusoi_core::base::number::format_count(options.units as u64)
                ),
                (
                    "files",
                    &tusoi_core::base::number::format_count(written.files as u64)
                ),
                ("size", &format_bytes(written.bytes)),
                ("path", &out.display().to_string()),
                ("seconds", &seconds(started)),
            ],
        )
    );
    Ok(true)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(text) => {
            eprintln!("{text}");
            return ExitCode::from(2);
        }
    };
    let result = if args.command == "rollup" {
        rollup_command(&args)
    } else {
        generate_command(&args)
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err((code, text)) => {
            eprintln!("{text}");
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn the_cap_is_twenty_or_twenty_five_and_anything_else_is_refused_with_why() {
        assert_eq!(args(&["rollup", "--cap", "25", "d"]).map(|a| a.cap), Ok(25));
        assert_eq!(args(&["rollup", "d"]).map(|a| a.cap), Ok(20));
        for bad in ["30", "0"] {
            let refused = args(&["rollup", "--cap", bad, "d"]).map(|a| a.cap);
            assert!(
                matches!(&refused, Err(m) if m.starts_with("--cap chỉ nhận 20 hoặc 25") && m.contains(&format!("«{bad}»"))),
                "{bad}: {refused:?}"
            );
        }
        let not_a_number = args(&["rollup", "--cap", "20,5", "d"]).map(|a| a.cap);
        assert!(
            matches!(&not_a_number, Err(m) if m.contains("phải là một số")),
            "{not_a_number:?}"
        );
    }
}
