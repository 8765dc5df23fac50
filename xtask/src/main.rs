//! `cargo xtask`: the project's set-up, build, serve and test in one Rust program, so that a fresh
//! machine needs nothing but cargo to start.
//!
//! - `cargo xtask serve`: install what is missing, build the release site, serve it on
//!   http://127.0.0.1:8080/.
//! - `cargo xtask test`: install what tests need, then fmt, clippy (host and wasm32), the purity
//!   check of the core, native tests, browser tests in headless Chromium, the release build, the
//!   size report with its budget, and the end-to-end journeys against nginx (`e2e.rs`).
//! - `cargo xtask dist`: install what is missing and build the release site into `dist/`.
//! - `cargo xtask fuzz [inputs]`: a million (or `inputs`) mutated files through the core's import.
//! - `cargo xtask bench`: Lighthouse (mobile preset) against the release build served by nginx.
//! - `cargo xtask e2e`: the release build and the end-to-end journeys only.
//! - `cargo xtask size`: the size report of an existing `dist/`.
//! - `cargo xtask postbuild`: Trunk's post_build hook (see `postbuild.rs`), not for people.
//!
//! Every install step checks first and skips what is present, so a second run costs seconds.

mod e2e;
mod postbuild;
mod serve;
mod setup;
mod size;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The brotli budget of the release site (wasm, JS, CSS, HTML), in bytes (issue 2).
const BROTLI_BUDGET: u64 = 250_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_site(),
        Some("test") => test(),
        Some("dist") => dist(),
        Some("postbuild") => postbuild::run_hook(),
        Some("fuzz") => fuzz(args.get(1).map_or("1000000", String::as_str)),
        Some("bench") => dist().and_then(|()| e2e::lighthouse()),
        Some("e2e") => dist().and_then(|()| e2e::run_journeys()),
        Some("size") => size::report(&root().join("dist"), BROTLI_BUDGET).map(|_| ()),
        _ => {
            eprintln!("usage: cargo xtask <serve|test|dist|e2e|fuzz|bench|size>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// Runs a command from the workspace root, failing with its name when it fails.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}").replace('"', "");
    println!("\n$ {shown}");
    let status = cmd
        .current_dir(root())
        .env("PATH", setup::tool_path())
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn dist() -> Result {
    setup::build_tools()?;
    run(cargo().args(["fetch", "--locked"]))?;
    let dist = root().join("dist");
    run(Command::new("trunk")
        .args(["build", "--release", "--offline", "--locked"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    if !dist.join("index.html").is_file() {
        return Err("trunk build left no dist/index.html".into());
    }
    Ok(())
}

fn serve_site() -> Result {
    dist()?;
    size::report(&root().join("dist"), BROTLI_BUDGET)?;
    serve::serve(&root().join("dist"), "127.0.0.1:8080")
}

fn test() -> Result {
    setup::build_tools()?;
    setup::browser()?;
    let wasm = "wasm32-unknown-unknown";
    run(cargo().args(["fmt", "--all", "--check"]))?;
    check_core_is_pure()?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "-p",
        "tusoi",
        "--all-targets",
        "--target",
        wasm,
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args(["test", "-p", "tusoi-core", "-p", "xtask", "--locked"]))?;
    // A short fuzz run keeps the fuzzer working; `cargo xtask fuzz` runs the full million.
    fuzz("100000")?;
    run(cargo()
        .args([
            "test", "-p", "tusoi", "--tests", "--target", wasm, "--locked",
        ])
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("tests/webdriver.json"),
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "60"))?;
    dist()?;
    size::report(&root().join("dist"), BROTLI_BUDGET)?;
    e2e::run_journeys()?;
    println!("\nxtask test: all steps passed");
    Ok(())
}

/// Runs the import fuzzer (`crates/fuzz`) with an optimised, unwinding build.
fn fuzz(inputs: &str) -> Result {
    run(cargo().args([
        "run",
        "--profile",
        "fuzz",
        "-p",
        "tusoi-fuzz",
        "--locked",
        "--",
        inputs,
    ]))
}

/// The core must not depend on the browser (ARCHITECTURE.md, invariant 1).
fn check_core_is_pure() -> Result {
    const FORBIDDEN: &[&str] = &["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"];
    println!("\n$ cargo tree -p tusoi-core (purity check)");
    let out = cargo()
        .current_dir(root())
        .args([
            "tree",
            "-p",
            "tusoi-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--locked",
        ])
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let bad = forbidden_dependencies(&tree, FORBIDDEN);
    if bad.is_empty() {
        println!("tusoi-core depends on none of {FORBIDDEN:?}");
        Ok(())
    } else {
        Err(format!("tusoi-core must stay pure, but depends on {bad:?}"))
    }
}

/// The crates of a `cargo tree --prefix none --format {p}` listing whose name is or starts with a
/// forbidden name (`gloo` catches `gloo-timers` too).
fn forbidden_dependencies(tree: &str, forbidden: &[&str]) -> Vec<String> {
    let mut bad: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| {
            forbidden
                .iter()
                .any(|f| name == f || name.starts_with(&format!("{f}-")))
        })
        .map(str::to_owned)
        .collect();
    bad.sort();
    bad.dedup();
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purity_check_catches_browser_crates_and_their_families() {
        let tree = "tusoi-core v0.1.0 (/x)\nserde v1.0.0\ngloo-timers v0.3.0\nweb-sys v0.3.107\nwasm-bindgen-shared v0.2.130\nyewdux v0.1\n";
        let forbidden = ["yew", "web-sys", "wasm-bindgen", "gloo"];
        assert_eq!(
            forbidden_dependencies(tree, &forbidden),
            ["gloo-timers", "wasm-bindgen-shared", "web-sys"]
        );
        assert!(forbidden_dependencies("tusoi-core v0.1.0\nserde v1\n", &forbidden).is_empty());
    }
}
