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
        let prefix = root().join("target/e2e/nginx");
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
fn copy_dir(from: &Path, to: &Path) -> Result {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from)
        .map_err(|e| format!("{}: {e}", from.display()))?
        .flatten()
    {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
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
    // Not the member's build: no service worker, no home page rendered in (postbuild.rs).
    run(Command::new("trunk")
        .args([
            "build",
            "bench/counter/index.html",
            "--release",
            "--offline",
            "--locked",
            "--dist",
        ])
        .arg(&counter)
        .env(crate::postbuild::PAGE_BUILD, "1")
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
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
    "e2e/forms.test.mjs",
    "e2e/phones.test.mjs",
    "e2e/lock.test.mjs",
    "e2e/durability.test.mjs",
];

/// The journeys in Firefox ESR and WebKitGTK, through W3C WebDriver (`e2e/webdriver.mjs`).
pub const ENGINE_JOURNEYS: &[&str] = &["e2e/engines.test.mjs"];

/// Runs `default` (or the test files named on the command line) against `dist/`.
pub fn run_journeys(default: &[&str]) -> Result {
    setup::browser()?;
    setup::nginx()?;
    setup::poppler()?;
    setup::libreoffice()?;
    let openxml_audit = setup::openxml_audit()?;
    setup::npm_packages()?;
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
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-timeout=600000"])
        .args(&files)
        .env("E2E_BASE_URL", &base)
        .env("E2E_ARTIFACTS", &artifacts)
        .env("E2E_SITE", &site)
        .env("GECKODRIVER", setup::geckodriver())
        .env("E2E_OPENXML_AUDIT", &openxml_audit)
        .env(
            "E2E_SCHEMA",
            root().join("crates/core/schema/export.schema.json"),
        ))?;
    println!("e2e: screenshots in {}", artifacts.display());
    Ok(())
}
