//! `cargo xtask`: the project's set-up, build, serve and test in one Rust program, so that a fresh
//! machine needs nothing but cargo to start.
//!
//! - `cargo xtask serve`: install what is missing, build the release site, serve it on
//!   http://127.0.0.1:8080/.
//! - `cargo xtask check`: the everyday lane, a few minutes once built: fmt, the purity check of
//!   the core, then each configuration compiled once and linted by Clippy as it builds (`linted`):
//!   the native crates' tests (the core's layers, the shell's, a short fuzz run among them), the
//!   prerender (the shell natively with `ssr`), the browser suites for wasm32; and `cargo doc` with
//!   warnings denied. Installs nothing but the wasm32 target.
//! - `cargo xtask test`: install what tests need; the release build on a thread beside `check`,
//!   the analysts' bundle and the browser suites in three engines; the size report with its budget
//!   and its change against `docs/size-baseline.tsv`; then the end-to-end journeys against nginx
//!   (`e2e.rs`). Each step's time is printed at the end.
//! - `cargo xtask dist`: install what is missing and build the release site into `dist/`.
//! - `cargo xtask fuzz [inputs]`: a million (or `inputs`) mutated files through the core's import.
//! - `cargo xtask bench`: Lighthouse (mobile preset) against the release build served by nginx,
//!   the member's and the workspace's timings, and the province of seed 004 through `tusoi-cli`.
//! - `cargo xtask analysis`: two years of a generated province through `tusoi-cli`, and the DuckDB
//!   queries of `docs/analysis.md` on its bundles checked against the native roll-up.
//! - `cargo xtask e2e`: the release build and the end-to-end journeys only.
//! - `cargo xtask lanes [--gate]`: every journey in three lanes side by side against the `dist/`
//!   already built; `--gate`: the two lanes the gate runs after the killed-browser rounds.
//! - `cargo xtask size [--write]`: the size report of an existing `dist/` against the baseline;
//!   `--write` makes the report the new baseline.
//!
//! Every install step checks first and skips what is present, so a second run costs seconds.

mod analysis;
mod e2e;
mod pages;
mod serve;
mod setup;
mod site;
mod size;
#[cfg(test)]
mod shell_layers;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The brotli budget of the release site (wasm, JS, CSS, HTML), in bytes: what a phone on a slow
/// intranet downloads before the first screen.
const BROTLI_BUDGET: u64 = 170_000;

/// The committed baseline of the size report.
const SIZE_BASELINE: &str = "docs/size-baseline.tsv";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_site(),
        Some("test") => test(),
        Some("check") => {
            let mut steps = Steps::default();
            check(&mut steps).map(|()| steps.print())
        }
        Some("dist") => dist(),
        Some("fuzz") => fuzz(
            args.get(1).map_or("1000000", String::as_str),
            args.get(2).map(String::as_str),
        ),
        Some("bench") => {
            dist().and_then(|()| e2e::bench(args.get(1).is_some_and(|a| a == "--short")))
        }
        // `--no-build`: against the `dist/` already built, while mending a journey.
        Some("e2e") if args.iter().any(|a| a == "--no-build") => {
            e2e::run_journeys(e2e::CHROMIUM_JOURNEYS)
        }
        Some("e2e") => dist().and_then(|()| e2e::run_journeys(e2e::CHROMIUM_JOURNEYS)),
        // Every journey in three lanes side by side, against the `dist/` already built; with
        // `--gate`, the two lanes the gate runs after the killed-browser rounds.
        Some("lanes") if args.iter().any(|a| a == "--gate") => e2e::run_lanes(e2e::GATE_LANES),
        Some("lanes") => e2e::run_lanes(e2e::LANES),
        Some("size") => size_report(args.get(1).is_some_and(|a| a == "--write")),
        Some("analysis") => analysis::cli().and_then(|cli| analysis::check(&cli)),
        // The browser suites alone, in the three engines at once.
        Some("browser") => browser_test_wasms().and_then(|w| browser_tests_in_engines(&w)),
        _ => {
            eprintln!(
                "usage: cargo xtask <check|test|serve|dist|e2e [--no-build] [files]|lanes|fuzz [inputs] [seed]|bench|size [--write]|analysis|browser>"
            );
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

pub(crate) fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Where the release site's cargo builds go: a folder of their own, so that `cargo xtask test`
/// builds the site beside the other steps' builds instead of waiting for cargo's lock on
/// `target/`. Nothing is lost: only the site is built in release for wasm32.
pub(crate) const SITE_TARGET: &str = "target/site";

fn dist() -> Result {
    setup::build_tools()?;
    let prerender = compile_site()?;
    finish_site(&prerender)
}

/// What the release site compiles without wasm-bindgen: the pages' wasm (each `data-bin` of the
/// pages' sources), the QR scanner's, and the home page's renderer natively; returns the
/// renderer's path. The gate runs this beside the compiling of wasm-bindgen-cli on a machine that
/// lacks it.
fn compile_site() -> Result<PathBuf> {
    run(cargo().args(["fetch", "--locked"]))?;
    std::thread::scope(|scope| {
        // Natively, in `target/`: beside the wasm builds, which share `SITE_TARGET`'s lock.
        let prerender = scope.spawn(build_prerender);
        // The `data-bin` of each page (not `--bins`: the counter is the benchmark's), then the
        // scanner, whose `web-sys` features differ.
        let wasm = release_wasm(&[
            "-p",
            "tusoi",
            "--bin",
            "tusoi",
            "--bin",
            "tusoi-soan",
            "--bin",
            "tusoi-chibo",
        ])
        .and_then(|()| release_wasm(&["-p", "tusoi-scan", "--lib"]));
        let prerender = prerender
            .join()
            .map_err(|_| "the prerender's build thread panicked".to_owned())?;
        both(wasm, prerender)
    })
}

/// `cargo build` of `what` for wasm32 in release, in `SITE_TARGET` (the site's pages and scanner,
/// the benchmark's counter).
pub(crate) fn release_wasm(what: &[&str]) -> Result {
    run(cargo()
        .arg("build")
        .args(what)
        .args(["--release", "--target", WASM, "--locked"])
        .env("CARGO_TARGET_DIR", root().join(SITE_TARGET)))
}

/// `second`'s value when both succeeded; when both failed, an error that names both failures
/// (work done side by side, where the first failure alone would hide the second).
fn both<T>(first: Result, second: Result<T>) -> Result<T> {
    match (first, second) {
        (Err(first), Err(second)) => Err(format!("{first}; {second}")),
        (first, second) => first.and(second),
    }
}

/// The release site from what `compile_site` built: the three pages (`pages.rs`: wasm-bindgen,
/// wasm-opt, names after content), the workspace's and the editor's under the member's with the
/// home page rendered by `prerender` and sw.js (`site.rs`), the scanner bound and shrunk, and a
/// `.br` and `.gz` beside every file of `dist/`.
fn finish_site(prerender: &Path) -> Result {
    let wasm_dir = root().join(SITE_TARGET).join(WASM).join("release");
    let dist = root().join("dist");
    let workspace = root().join("target/page-workspace");
    let editor = root().join("target/page-editor");
    let scanner = root().join("target/scanner");
    // The pages and the scanner at once: their wasm-opt runs, each on one core, overlap.
    std::thread::scope(|scope| {
        let wasm_dir = &wasm_dir;
        let mut jobs = vec![scope.spawn(|| bind_scanner(wasm_dir, &scanner))];
        jobs.extend(
            [
                ("chibo.html", &workspace, pages::Start::AtOnce),
                ("soan.html", &editor, pages::Start::AtOnce),
                ("index.html", &dist, pages::Start::AfterPaint),
            ]
            .map(|(source, out, start)| {
                scope.spawn(move || pages::build(&root().join(source), out, wasm_dir, start))
            }),
        );
        jobs.into_iter().try_for_each(|job| {
            job.join()
                .map_err(|_| "a page's build thread panicked".to_owned())?
        })
    })?;
    e2e::copy_dir(&scanner, &workspace.join(SCANNER_DIR))?;
    site::finish(&dist, &workspace, &editor, prerender)?;
    let count = size::precompress(&dist)?;
    println!("wrote .br and .gz beside {count} files of dist/");
    Ok(())
}

/// `cmd` with Clippy's lints on the workspace's own crates while it builds them: clippy-driver
/// (rustc with Clippy's lints) as cargo's workspace wrapper, warnings denied, as `cargo clippy`
/// sets it up for a check. The gate then compiles each configuration once, linted, instead of a
/// `cargo clippy` check beside each build (the dependencies are compiled by plain rustc as before).
fn linted(cmd: &mut Command) -> Result<&mut Command> {
    let out = Command::new("rustc")
        .args(["--print", "sysroot"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("rustc --print sysroot: {e}"))?;
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let driver = Path::new(&sysroot).join("bin/clippy-driver");
    if !out.status.success() || !driver.is_file() {
        return Err(format!(
            "no clippy-driver in {sysroot}/bin: `rustup component add clippy` (rust-toolchain.toml lists it)"
        ));
    }
    Ok(cmd.env("RUSTC_WORKSPACE_WRAPPER", driver).env(
        "CLIPPY_ARGS",
        "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
    ))
}

/// The home page's renderer (`src/bin/prerender.rs`, the shell natively with `ssr`), built and
/// linted in `target/`, where the native tests' dependencies are; returns the program's path.
fn build_prerender() -> Result<PathBuf> {
    run(linted(&mut cargo())?.args([
        "build",
        "-p",
        "tusoi",
        "--features",
        "ssr",
        "--bin",
        "prerender",
        "--locked",
    ]))?;
    Ok(root().join("target/debug/prerender"))
}

/// Where the workspace's QR scanner lives in its folder: `chibo/qr/`, fetched only when the
/// scanner is opened and kept by the service worker with the workspace's other files.
const SCANNER_DIR: &str = "qr";

/// The workspace's QR scanner (`crates/scan`): its wasm, built for size by `compile_site`, bound
/// by wasm-bindgen as an ES module, shrunk by wasm-opt, with `start.js`, which the workspace adds
/// to its page.
fn bind_scanner(wasm_dir: &Path, out: &Path) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    pages::bind(
        &wasm_dir.join("tusoi_scan.wasm"),
        "tusoi_scan",
        "z",
        // The features rustc's wasm32 target uses, as the pages' own builds list them (chibo.html).
        &[
            "--low-memory-unused",
            "--converge",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-reference-types",
            "--enable-multivalue",
            "--enable-sign-ext",
        ],
        out,
    )?;
    std::fs::copy(root().join("crates/scan/start.js"), out.join("start.js"))
        .map_err(|e| format!("crates/scan/start.js: {e}"))?;
    for js in ["start.js", "tusoi_scan.js"] {
        site::minify(&out.join(js))?;
    }
    Ok(())
}

fn serve_site() -> Result {
    dist()?;
    size::report(&root().join("dist"), BROTLI_BUDGET)?;
    serve::serve(&root().join("dist"), "127.0.0.1:8080")
}

/// The time each step of a run took, printed at the end so slow steps show.
#[derive(Debug, Default)]
struct Steps(Vec<(String, std::time::Duration)>);

impl Steps {
    fn time<T>(&mut self, name: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
        let start = std::time::Instant::now();
        let result = step();
        self.0.push((name.to_owned(), start.elapsed()));
        result
    }

    fn print(&self) {
        println!("\nsteps:");
        let mut total = 0.0;
        for (name, took) in &self.0 {
            total += took.as_secs_f64();
            println!("  {name:<34} {:>7.1} s", took.as_secs_f64());
        }
        println!("  {:<34} {total:>7.1} s", "total of the steps");
    }
}

pub(crate) const WASM: &str = "wasm32-unknown-unknown";

/// The everyday lane: everything that needs no browser and no release build. Each configuration
/// is compiled once, linted by Clippy as it builds (`linted`): the native crates with their tests,
/// the shell natively with `ssr` (the prerender), the shell for wasm32 with its browser suites.
fn check(steps: &mut Steps) -> Result {
    first_checks(steps)?;
    native_tests(steps)?;
    steps.time("prerender (build, linted)", || build_prerender().map(drop))?;
    steps.time("browser tests (build, linted)", browser_test_wasms)?;
    doc(steps)
}

/// What fails fast: the wasm32 target, formatting, the core's purity.
fn first_checks(steps: &mut Steps) -> Result {
    steps.time("target wasm32", setup::target)?;
    steps.time("fmt", || run(cargo().args(["fmt", "--all", "--check"])))?;
    steps.time("purity of the core", check_core_is_pure)
}

/// Every native crate's tests, built linted. The core's layers (`crates/core/tests/layers.rs`),
/// the shell's (`xtask/src/shell_layers.rs`) and the fuzzer's short run
/// (`crates/fuzz/tests/short_run.rs`) are among them, and they build `tusoi-cli`, which the
/// analysts' bundle runs (`target/debug/tusoi-cli`). The shell is a wasm app: it is linted by its
/// two builds, the browser suites' for wasm32 and the prerender's natively.
fn native_tests(steps: &mut Steps) -> Result {
    steps.time("native tests (built linted)", || {
        run(linted(&mut cargo())?.args([
            "test",
            "--workspace",
            "--exclude",
            "tusoi",
            "--all-targets",
            "--all-features",
            "--locked",
        ]))
    })
}

/// `cargo doc` of the core and the shell, warnings denied.
fn doc(steps: &mut Steps) -> Result {
    steps.time("cargo doc", || {
        run(cargo()
            .args([
                "doc",
                "--no-deps",
                "-p",
                "tusoi-core",
                "-p",
                "tusoi",
                "--locked",
            ])
            .env("RUSTDOCFLAGS", "-D warnings"))
    })
}

/// `tusoi-cli` as the native tests built it (the dev profile, every feature).
fn tested_cli() -> PathBuf {
    root().join("target/debug/tusoi-cli")
}

fn test() -> Result {
    let started = std::time::Instant::now();
    let mut steps = Steps::default();
    steps.time("install build tools (fetched)", setup::fetched_build_tools)?;
    // What the browsers' and readers' steps need (apt, PyPI, geckodriver) installs beside the
    // builds, which wait for it only when they need it; on a machine that has it all, this
    // checks and ends at once. In a scope, so that a failing step still lets apt finish.
    let result = std::thread::scope(|scope| {
        let installs = scope.spawn(setup::test_tools);
        after_installs_started(&mut steps, installs)
    });
    steps.print();
    // Some steps run at once, so the wall clock is less than their sum.
    println!(
        "  {:<34} {:>7.1} s",
        "wall clock",
        started.elapsed().as_secs_f64()
    );
    result?;
    println!("\nxtask test: all steps passed");
    Ok(())
}

fn after_installs_started(
    steps: &mut Steps,
    installs: std::thread::ScopedJoinHandle<'_, Result>,
) -> Result {
    // The release site builds from the start, in a target folder of its own (`SITE_TARGET`), on a
    // thread beside the checks; where wasm-bindgen-cli is missing (a fresh machine), it compiles
    // beside the site's Rust, which does not need it. Until the journeys, both keep the
    // two cores busy: the gate's run is as long as the processors' work. The journeys then run
    // with nothing beside them: running the two lanes beside the checks' tail (at the lowest
    // priority) made them 283 s → 429 s and the whole run 944 s → about 1.120 s (7 December 2026).
    std::thread::scope(|scope| {
        let (tools_ready, runner) = std::sync::mpsc::channel::<()>();
        let site = scope.spawn(move || {
            let mut steps = Steps::default();
            // The site's Rust compiles beside wasm-bindgen-cli's compiling where it is missing,
            // since it does not need it; with it present it is the release build's first part.
            let built = steps
                .time("site compiled; build tools installed beside", || {
                    std::thread::scope(|scope| {
                        let compiled = scope.spawn(compile_site);
                        let tools = setup::compiled_build_tools().inspect(|()| {
                            let _ = tools_ready.send(());
                        });
                        let prerender = compiled
                            .join()
                            .map_err(|_| "the site's build thread panicked".to_owned())?;
                        both(tools, prerender)
                    })
                })
                .and_then(|prerender| {
                    steps.time("release build (beside the checks)", || {
                        finish_site(&prerender)
                    })
                })
                .and_then(|()| steps.time("size report", || size_report(false)));
            (steps, built)
        });
        let checked = the_checks(
            steps,
            || {
                installs
                    .join()
                    .map_err(|_| "the installs' thread panicked".to_owned())?
            },
            || {
                runner
                    .recv()
                    .map_err(|_| "wasm-bindgen-cli was not installed (see above)".to_owned())
            },
        );
        let (site_steps, built) = site
            .join()
            .map_err(|_| "the release build's thread panicked".to_owned())?;
        steps.0.extend(site_steps.0);
        both(built, checked)
    })?;
    // The killed-browser rounds alone (three lanes on two cores once made a kill during a lock
    // switch find the store gone), then the other journeys in two lanes side by side.
    steps.time("end-to-end: killed-browser rounds (alone)", || {
        e2e::run_journeys(e2e::GATE_ALONE)
    })?;
    steps.time("end-to-end: the other journeys (two lanes)", || {
        e2e::run_lanes(e2e::GATE_LANES)
    })?;
    // The benchmark is `cargo xtask bench`'s: it measures, it cannot fail, and it would add a
    // Lighthouse install, a province and a fourth release wasm to every run.
    Ok(())
}

/// The gate's checks, beside the release build: `check` (but the prerender, which the release
/// build makes, linted), the browser suites in the three engines and the analysts' bundle.
fn the_checks(
    steps: &mut Steps,
    wait_for_installs: impl FnOnce() -> Result,
    wait_for_runner: impl FnOnce() -> Result,
) -> Result {
    first_checks(steps)?;
    native_tests(steps)?;
    let wasms = steps.time("browser tests (build, linted)", browser_test_wasms)?;
    doc(steps)?;
    steps.time("wait for the installs", wait_for_installs)?;
    // The level above: two years of a generated province through tusoi-cli, queried by DuckDB.
    steps.time("analysts' bundle (DuckDB)", || {
        analysis::check(&tested_cli())
    })?;
    // The browser suites (storage, autosave, upgrade, import, no IndexedDB, workspaces) in each
    // engine: the same wasm, built once, driven by wasm-bindgen-test-runner in the three engines
    // at once (each waits on its browser far more than on the processor). The runner comes with
    // wasm-bindgen-cli, which the release build's thread installs where it is missing.
    steps.time("browser tests (three engines at once)", || {
        wait_for_runner()?;
        browser_tests_in_engines(&wasms)
    })
}

/// The browser suites: `tests/*.rs` for wasm32 (the shell has no unit tests of its own: its pure
/// parts are tested in these suites too).
fn browser_test_args() -> [&'static str; 10] {
    // The bins and the suites, and the library they build on: what `cargo clippy --all-targets`
    // checked, but the library's and the bins' unit-test harnesses, which would compile the shell
    // again with `cfg(test)` for nothing (the shell has no unit tests; `no_unit_tests_in_the_shell`).
    [
        "test", "-p", "tusoi", "--bins", "--test", "*", "--target", WASM, "--locked", "--no-run",
    ]
}

/// The browser suites' wasm files, built (debug, so Yew checks its hooks' order) with every other
/// target of the shell for wasm32, linted.
fn browser_test_wasms() -> Result<Vec<PathBuf>> {
    let mut cmd = cargo();
    linted(&mut cmd)?
        .args(browser_test_args())
        .arg("--message-format=json");
    println!("\n$ {cmd:?}");
    let out = cmd
        .current_dir(root())
        .env("PATH", setup::tool_path())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot build the browser tests: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "building the browser tests failed ({})",
            out.status
        ));
    }
    // The suites of `tests/` only: the bins cargo builds beside them, and the lib's and the bins'
    // unit-test harnesses, hold no browser test (the shell's unit tests run natively), and each
    // costs a start of the runner in every engine.
    let wasms: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|line| line.contains("\"kind\":[\"test\"]") && line.contains("\"test\":true"))
        .filter_map(|line| line.split("\"executable\":\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(PathBuf::from)
        .collect();
    if wasms.is_empty() {
        return Err("cargo built no browser test".into());
    }
    Ok(wasms)
}

/// An engine's lane: its name, the runner's environment, and whether it needs a display.
type Lane = (&'static str, Vec<(&'static str, std::ffi::OsString)>, bool);

/// Every suite in Chromium, Firefox ESR and WebKitGTK, the three engines at once, each one suite
/// after another; each engine's output is printed whole when it ends, and any failure fails.
fn browser_tests_in_engines(wasms: &[PathBuf]) -> Result {
    let lanes: Vec<Lane> = vec![
        (
            "Chromium",
            vec![
                ("CHROMEDRIVER", setup::CHROMEDRIVER.into()),
                (
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    root().join("tests/webdriver.json").into(),
                ),
            ],
            false,
        ),
        (
            "Firefox ESR",
            vec![
                ("GECKODRIVER", setup::geckodriver().into()),
                (
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    root().join("tests/webdriver-firefox.json").into(),
                ),
            ],
            false,
        ),
        // The runner drives WebKitWebDriver as a safaridriver, with no capabilities, so the
        // driver starts its default browser, MiniBrowser, which needs a display.
        (
            "WebKitGTK",
            vec![("SAFARIDRIVER", setup::WEBKITDRIVER.into())],
            true,
        ),
    ];
    let results: Vec<(String, Result)> = std::thread::scope(|scope| {
        let running: Vec<_> = lanes
            .iter()
            .map(|(engine, env, display)| {
                scope.spawn(move || {
                    let mut log = String::new();
                    for wasm in wasms {
                        let mut cmd = if *display {
                            let mut c = Command::new("xvfb-run");
                            c.args(["-a", "wasm-bindgen-test-runner"]);
                            c
                        } else {
                            Command::new("wasm-bindgen-test-runner")
                        };
                        cmd.arg(wasm)
                            .current_dir(root())
                            .env("PATH", setup::tool_path())
                            .env("WASM_BINDGEN_TEST_TIMEOUT", "60");
                        for (k, v) in env {
                            cmd.env(k, v);
                        }
                        let name = wasm
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                        log.push_str(&format!("\n$ [{engine}] wasm-bindgen-test-runner {name}\n"));
                        match cmd.output() {
                            Ok(out) => {
                                log.push_str(&String::from_utf8_lossy(&out.stdout));
                                log.push_str(&String::from_utf8_lossy(&out.stderr));
                                if !out.status.success() {
                                    return (log, Err(format!("{engine}: {name} failed")));
                                }
                            }
                            Err(e) => {
                                return (log, Err(format!("{engine}: cannot run the runner: {e}")))
                            }
                        }
                    }
                    (log, Ok(()))
                })
            })
            .collect();
        running
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| (String::new(), Err("a lane panicked".into())))
            })
            .collect()
    });
    let mut failed = Vec::new();
    for (log, result) in results {
        println!("{log}");
        if let Err(e) = result {
            failed.push(e);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// The size report of `dist/` with its budget, and each file's change against the baseline;
/// `write` makes this build the new baseline.
fn size_report(write: bool) -> Result {
    let dist = root().join("dist");
    size::report(&dist, BROTLI_BUDGET)?;
    let files = size::measure_site(&dist)?;
    let baseline = root().join(SIZE_BASELINE);
    if write {
        std::fs::write(&baseline, size::baseline_text(&files))
            .map_err(|e| format!("{}: {e}", baseline.display()))?;
        println!("wrote {SIZE_BASELINE}");
        return Ok(());
    }
    match std::fs::read_to_string(&baseline) {
        Ok(text) => {
            println!("\nAgainst {SIZE_BASELINE}:");
            for line in size::compare(&text, &files).0 {
                println!("{line}");
            }
        }
        Err(e) => println!("no baseline to compare with ({SIZE_BASELINE}: {e})"),
    }
    Ok(())
}

/// Runs the import fuzzer (`crates/fuzz`) with an optimised, unwinding build; without a seed it
/// takes one from the clock and prints it.
fn fuzz(inputs: &str, seed: Option<&str>) -> Result {
    let mut args = vec![
        "run",
        "--profile",
        "cli",
        "-p",
        "tusoi-fuzz",
        "--locked",
        "--",
        inputs,
    ];
    args.extend(seed);
    run(cargo().args(args))
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

    /// The gate lints the shell for wasm32 through its bins and browser suites only
    /// (`browser_test_args`), not through unit-test harnesses: that holds while `src/` has no
    /// code compiled only for tests.
    #[test]
    fn no_unit_tests_in_the_shell() {
        fn walk(dir: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src/").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    if text.contains("cfg(test)") || text.contains("#[test]") {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(&root().join("src"), &mut found);
        assert!(
            found.is_empty(),
            "test-only code in the shell, which the gate would not lint: {found:?}"
        );
    }

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
