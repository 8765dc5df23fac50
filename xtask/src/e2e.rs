//! The end-to-end journeys (`e2e/*.test.mjs`, Node's test runner with playwright-core and Debian's
//! Chromium) against the release build in `dist/`, served by Debian's nginx on a free loopback port
//! under the sub-path `/apps/tusoi/`, with the config kept in `e2e/nginx.conf.in`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run, setup, Result};

/// The sub-path the site is served under, as on an intranet host.
const SUB_PATH: &str = "/apps/tusoi/";

/// nginx started from a private prefix; stopped when dropped, whatever the tests did.
struct Nginx {
    prefix: PathBuf,
}

impl Nginx {
    fn start(dist: &Path) -> Result<(Nginx, u16)> {
        Nginx::start_in(dist, "nginx")
    }

    /// A server of its own under `target/e2e/<name>`, so lanes can run side by side.
    fn start_in(dist: &Path, name: &str) -> Result<(Nginx, u16)> {
        let prefix = root().join("target/e2e").join(name);
        let _ = std::fs::remove_dir_all(&prefix);
        std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
        let port = free_port()?;
        let template = std::fs::read_to_string(root().join("e2e/nginx.conf.in"))
            .map_err(|e| format!("e2e/nginx.conf.in: {e}"))?;
        let conf = template
            .replace("@PREFIX@", &prefix.to_string_lossy())
            .replace("@PORT@", &port.to_string())
            .replace("@DIST@", &dist.to_string_lossy());
        let conf_path = prefix.join("nginx.conf");
        std::fs::write(&conf_path, conf).map_err(|e| format!("{}: {e}", conf_path.display()))?;
        let nginx = Nginx {
            prefix: prefix.clone(),
        };
        run(Command::new(setup::NGINX)
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&conf_path))?;
        Ok((nginx, port))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.prefix.join("nginx.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}

/// Replaces `to` with a copy of the folder `from`.
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result {
    let _ = std::fs::remove_dir_all(to);
    crate::site::copy_dir(from, to)
}

/// A loopback port nobody listens on now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// `cargo xtask bench` (and, with `short`, its short form in `cargo xtask test`): every speed
/// figure in one run (`bench/run.mjs`), written to `target/bench.json` and printed beside its
/// target: Lighthouse's mobile preset on a first and a repeat visit of the release build and of a
/// bare Yew counter (`bench/counter/`) built the same way, both served by nginx; the member's app
/// with 10 and 1,000 documents (100 in the short form); the chi bộ's roll-up of 155 and 10,000
/// files (155 in the short form). A benchmark: a slow figure never fails it.
pub fn bench(short: bool) -> Result {
    setup::nginx()?;
    setup::browser()?;
    setup::npm_packages()?;
    let bench = root().join("bench");
    if !bench.join("node_modules/.bin/lighthouse").is_file() {
        // `run` starts every command in the workspace root, so the folder goes in as `--prefix`.
        run(Command::new("npm").arg("--prefix").arg(&bench).args([
            "ci",
            "--no-audit",
            "--no-fund",
        ]))?;
    }
    let brotli = crate::size::first_load_brotli(&root().join("dist"))?;
    // The province first, natively: it needs no browser and must not share the cores with one.
    let province = crate::analysis::bench(short)?;
    let counter = root().join("target/bench/counter");
    // Not the member's build: no service worker, no home page rendered in (site.rs); its wasm in
    // the release site's target folder, beside the pages'.
    let site_target = root().join(crate::SITE_TARGET);
    crate::release_wasm(&["-p", "tusoi", "--bin", "counter"])?;
    crate::pages::build(
        &bench.join("counter/index.html"),
        &counter,
        &site_target.join(crate::WASM).join("release"),
        crate::pages::Start::AtOnce,
    )?;
    crate::size::precompress(&counter)?;
    let site = root().join("target/e2e/site");
    copy_dir(&root().join("dist"), &site)?;
    copy_dir(&counter, &site.join("bench-counter"))?;
    let (_nginx, port) = Nginx::start(&site)?;
    let url = format!("http://127.0.0.1:{port}{SUB_PATH}");
    let mut command = Command::new("node");
    command
        .arg(bench.join("run.mjs"))
        .args(["--site", &url])
        .args(["--counter", &format!("{url}bench-counter/")])
        .args(["--brotli", &brotli.to_string()])
        .arg("--province")
        .arg(&province)
        .arg("--out")
        .arg(root().join("target/bench.json"))
        .env("CHROME_PATH", setup::CHROMIUM);
    if short {
        command.arg("--short");
    }
    run(&mut command)
}

/// The journeys in Chromium, through playwright-core.
pub const CHROMIUM_JOURNEYS: &[&str] = &[
    "e2e/firstpaint.test.mjs",
    "e2e/journeys.test.mjs",
    "e2e/print.test.mjs",
    "e2e/yearly.test.mjs",
    "e2e/between.test.mjs",
    "e2e/chibo.test.mjs",
    "e2e/scan.test.mjs",
    "e2e/forms.test.mjs",
    "e2e/phones.test.mjs",
    "e2e/lock.test.mjs",
    "e2e/durability.test.mjs",
];

type Lane = (&'static str, &'static [&'static str]);

/// The killed-browser rounds: in the gate alone, before the lanes. Under the other lanes' load
/// on two cores, a kill during a lock switch once found the whole store gone at the next start
/// (Chromium resets a database it finds damaged), and that round is the test's to find, not the
/// load's to cause.
const DURABILITY: Lane = ("durability", &["e2e/durability.test.mjs"]);
const JOURNEYS: Lane = (
    "journeys",
    &[
        "e2e/journeys.test.mjs",
        "e2e/chibo.test.mjs",
        "e2e/phones.test.mjs",
        "e2e/lock.test.mjs",
    ],
);
const ENGINES: Lane = (
    "engines",
    &[
        "e2e/engines.test.mjs",
        "e2e/firstpaint.test.mjs",
        "e2e/forms.test.mjs",
        "e2e/print.test.mjs",
        "e2e/yearly.test.mjs",
        "e2e/between.test.mjs",
        "e2e/scan.test.mjs",
    ],
);

/// Every journey in three lanes side by side (`cargo xtask lanes`), each against a server and a
/// copy of `dist/` of its own (the update journey replaces its copy's sw.js), balanced by what
/// each file takes in the gate (a fresh machine's run, 6 December 2026: the journeys lane 312 s
/// with `between` (28 s) and before the QR journey, the engines lane 239 s; the killed-browser
/// rounds 209 s, alone).
pub const LANES: &[Lane] = &[DURABILITY, JOURNEYS, ENGINES];

/// The gate's journeys: the killed-browser rounds alone, then the two other lanes side by side.
pub const GATE_ALONE: &[&str] = DURABILITY.1;
pub const GATE_LANES: &[Lane] = &[JOURNEYS, ENGINES];

/// What the journeys need installed, and the path of the OOXML validator.
fn journey_tools() -> Result<PathBuf> {
    setup::browser()?;
    setup::nginx()?;
    setup::poppler()?;
    setup::libreoffice()?;
    let openxml_audit = setup::openxml_audit()?;
    setup::npm_packages()?;
    Ok(openxml_audit)
}

/// The journeys' runner: node's test runner over `files`, against `base`, serving `site`.
fn journeys_command(files: &[String], base: &str, site: &Path, openxml_audit: &Path) -> Command {
    let mut command = Command::new("node");
    command
        .args(["--test", "--test-concurrency=1", "--test-timeout=600000"])
        .args(files)
        .env("E2E_BASE_URL", base)
        .env("E2E_ARTIFACTS", root().join("target/e2e/artifacts"))
        .env("E2E_SITE", site)
        .env("GECKODRIVER", setup::geckodriver())
        .env("E2E_OPENXML_AUDIT", openxml_audit)
        .env(
            "E2E_SCHEMA",
            root().join("crates/core/schema/export.schema.json"),
        )
        .current_dir(root())
        .env("PATH", setup::tool_path());
    command
}

/// Runs [`LANES`] side by side; each lane's output is printed whole when it ends, and the lanes
/// that failed are named.
pub fn run_lanes(lanes: &[Lane]) -> Result {
    let openxml_audit = journey_tools()?;
    setup::engines()?;
    let failed: Vec<String> = std::thread::scope(|scope| {
        let lanes: Vec<_> = lanes
            .iter()
            .map(|(name, files)| {
                let openxml_audit = &openxml_audit;
                let lane = scope.spawn(move || -> Result {
                    let site = root().join(format!("target/e2e/site-{name}"));
                    copy_dir(&root().join("dist"), &site)?;
                    let (_nginx, port) = Nginx::start_in(&site, &format!("nginx-{name}"))?;
                    let base = format!("http://127.0.0.1:{port}{SUB_PATH}");
                    let files: Vec<String> = files.iter().map(|f| String::from(*f)).collect();
                    let started = std::time::Instant::now();
                    let out = journeys_command(&files, &base, &site, openxml_audit)
                        .output()
                        .map_err(|e| format!("cannot start node: {e}"))?;
                    println!(
                        "\n$ e2e lane {name} ({}), {:.1} s\n{}{}",
                        files.join(" "),
                        started.elapsed().as_secs_f64(),
                        String::from_utf8_lossy(&out.stdout),
                        String::from_utf8_lossy(&out.stderr)
                    );
                    if out.status.success() {
                        Ok(())
                    } else {
                        Err(format!("e2e lane {name} failed ({})", out.status))
                    }
                });
                (name, lane)
            })
            .collect();
        lanes
            .into_iter()
            .filter_map(|(name, lane)| match lane.join() {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e),
                Err(_) => Some(format!("e2e lane {name} panicked")),
            })
            .collect()
    });
    println!(
        "e2e: screenshots in {}",
        root().join("target/e2e/artifacts").display()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// Runs `default` (or the test files named on the command line) against `dist/`.
pub fn run_journeys(default: &[&str]) -> Result {
    let openxml_audit = journey_tools()?;
    // nginx serves a copy, so the update journey can put a new sw.js in place without touching dist/.
    let site = root().join("target/e2e/site");
    copy_dir(&root().join("dist"), &site)?;
    let (_nginx, port) = Nginx::start(&site)?;
    let base = format!("http://127.0.0.1:{port}{SUB_PATH}");
    println!("e2e: serving {} at {base}", site.display());
    let artifacts = root().join("target/e2e/artifacts");
    // Node 20 takes files, not globs; a developer may name some (`cargo xtask e2e e2e/x.test.mjs`).
    let mut files: Vec<String> = std::env::args()
        .skip(2)
        .filter(|a| a.ends_with(".test.mjs"))
        .collect();
    if files.is_empty() {
        files = default.iter().map(|f| String::from(*f)).collect();
    }
    if files.iter().any(|f| f.ends_with("engines.test.mjs")) {
        setup::engines()?;
    }
    run(&mut journeys_command(&files, &base, &site, &openxml_audit))?;
    println!("e2e: screenshots in {}", artifacts.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lanes drop no journey and run none twice: together they are every `e2e/*.test.mjs`.
    #[test]
    fn the_lanes_run_every_journey_once() {
        let mut in_lanes: Vec<&str> = LANES.iter().flat_map(|(_, f)| f.iter().copied()).collect();
        in_lanes.sort();
        let mut on_disk: Vec<String> = std::fs::read_dir(root().join("e2e"))
            .expect("e2e/")
            .flatten()
            .map(|e| format!("e2e/{}", e.file_name().to_string_lossy()))
            .filter(|f| f.ends_with(".test.mjs"))
            .collect();
        on_disk.sort();
        assert_eq!(in_lanes, on_disk);
        // Chromium's (`cargo xtask e2e`), and Firefox ESR's and WebKitGTK's.
        let mut known: Vec<&str> = CHROMIUM_JOURNEYS
            .iter()
            .copied()
            .chain(["e2e/engines.test.mjs"])
            .collect();
        known.sort();
        assert_eq!(in_lanes, known);
        // The gate's: the rounds alone, then the other lanes, the same files.
        let mut in_gate: Vec<&str> = GATE_ALONE
            .iter()
            .chain(GATE_LANES.iter().flat_map(|(_, f)| f.iter()))
            .copied()
            .collect();
        in_gate.sort();
        assert_eq!(in_gate, in_lanes);
    }
}
