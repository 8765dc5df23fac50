//! The level above the chi bộ: `tusoi-cli` on a generated province. `check` is the test step that
//! runs the DuckDB queries of `docs/analysis.md` on two years' bundles and compares every figure
//! with the native roll-up (`crates/cli/tests/duckdb_check.py`); `bench` rolls up the province of
//! seed 004 (or a small one for `--short`) and returns its `run.json` for the benchmark's report.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, Result};

/// The DuckDB release the queries are checked with (PyPI wheel).
const DUCKDB_VERSION: &str = "2.0.1";

/// A Python with DuckDB, in a virtual environment of its own under `target/tools/`.
pub fn duckdb() -> Result<PathBuf> {
    crate::setup::python_package("duckdb", "duckdb", DUCKDB_VERSION)
}

/// The command, built with the `cli` profile: the optimised build `cargo xtask analysis`, the
/// fuzzer's long run and the benchmark share (the same core, the same features). The gate runs the
/// build its native tests made instead (`target/debug/tusoi-cli`): 3.000 members a year take
/// seconds either way, and an optimised build would cost the gate a minute and a half.
pub fn cli() -> Result<PathBuf> {
    run(cargo().args(["build", "--locked", "-p", "tusoi-cli", "--profile", "cli"]))?;
    Ok(root().join("target/cli/tusoi-cli"))
}

fn generate(
    cli: &Path,
    out: &Path,
    members: usize,
    units: usize,
    orgs: usize,
    year: u16,
    rollups: u8,
) -> Result {
    let _ = std::fs::remove_dir_all(out);
    run(Command::new(cli)
        .arg("generate")
        .arg("--out")
        .arg(out)
        .args(["--members", &members.to_string()])
        .args(["--units", &units.to_string()])
        .args(["--orgs", &orgs.to_string()])
        .args(["--year", &year.to_string()])
        .args(["--rollups", &rollups.to_string()]))
}

fn rollup(cli: &Path, year: u16, out: &Path, roots: &[&Path]) -> Result {
    let mut command = Command::new(cli);
    command
        .args(["rollup", "--quiet", "--year", &year.to_string(), "--out"])
        .arg(out);
    for r in roots {
        command.arg(r);
    }
    run(&mut command)
}

/// Two years of a generated province rolled up, and DuckDB's figures on the bundles checked
/// against the native roll-up. This year, two chi bộ in five hand in their roll-up file after the
/// meeting (the levels decided, re-ratings, paper reviews) instead of their members' files.
pub fn check(cli: &Path) -> Result {
    let python = duckdb()?;
    let dir = root().join("target/analysis");
    let (y25, y26) = (dir.join("2025"), dir.join("2026"));
    generate(cli, &y25, 3_000, 150, 50, 2025, 0)?;
    generate(cli, &y26, 3_000, 150, 50, 2026, 40)?;
    let (out25, out26) = (dir.join("tong-hop-2025"), dir.join("tong-hop-2026"));
    rollup(cli, 2025, &out25, &[&y25])?;
    rollup(cli, 2026, &out26, &[&y26, &y25])?;
    run(Command::new(python)
        .arg(root().join("crates/cli/tests/duckdb_check.py"))
        .arg(root().join("docs/analysis.md"))
        .arg(&out26)
        .arg(&out25))
}

/// The province of seed 004 (64,089 members, 3,317 chi bộ, 1,148 đảng bộ), or 3,000 members for
/// the short form, rolled up by the fast build; returns the path of its `run.json`.
pub fn bench(short: bool) -> Result<PathBuf> {
    let cli = cli()?;
    let (members, units, orgs) = if short {
        (3_000, 155, 52)
    } else {
        (64_089, 3_317, 1_148)
    };
    let dir = root().join("target/bench-province");
    let tree = dir.join(format!("{members}"));
    generate(&cli, &tree, members, units, orgs, 2026, 0)?;
    let out = dir.join("tong-hop");
    rollup(&cli, 2026, &out, &[&tree])?;
    // The files take 740 MB for the whole province; generating them again takes seconds.
    let _ = std::fs::remove_dir_all(&tree);
    Ok(out.join("run.json"))
}
