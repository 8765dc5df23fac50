//! Installs the tools the build and the tests need, each only when missing or at the wrong version:
//! the wasm32 target, wasm-bindgen-cli at the exact version of Cargo.lock, wasm-opt
//! from the npm package `binaryen` (Debian's is too old), Debian's Chromium and chromedriver, and
//! the two other engines: Debian's Firefox ESR with geckodriver (crates.io), and WebKitGTK's
//! WebKitWebDriver with Xvfb and the GObject bindings of `e2e/webkit-shell.py`.

use std::path::PathBuf;

use sha2::Digest;
use std::process::Command;

use crate::{root, run, Result};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const NGINX: &str = "/usr/sbin/nginx";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const WEBKITDRIVER: &str = "/usr/bin/WebKitWebDriver";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// geckodriver: the one the check found on [`tool_path`] (cargo's bin folder first, where
/// `cargo install` puts it). Naming cargo's bin folder alone broke a run whose `CARGO_HOME` was
/// not where the geckodriver on PATH lay: the check said "ok", the test runner found no file.
pub fn geckodriver() -> PathBuf {
    std::env::split_paths(&tool_path())
        .map(|dir| dir.join("geckodriver"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| cargo_bin().join("geckodriver"))
}

/// PATH for child processes: cargo's bin folder and the npm tools first.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(tool: &str) -> Option<String> {
    let out = Command::new(tool)
        .arg("--version")
        .env("PATH", tool_path())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    })
}

/// Everything the release build needs (`cargo xtask dist`).
pub fn build_tools() -> Result {
    fetched_build_tools()?;
    compiled_build_tools()
}

/// The build tools that download: the wasm32 target and the npm packages (binaryen's wasm-opt;
/// Node from apt where it is missing).
pub fn fetched_build_tools() -> Result {
    target()?;
    wasm_opt()
}

/// The build tool compiled from source where missing: wasm-bindgen-cli (with its test runner).
pub fn compiled_build_tools() -> Result {
    wasm_bindgen()
}

/// What the test steps after the build need besides the build tools: the three engines and their
/// drivers, nginx, poppler, LibreOffice, and the Python packages (DuckDB, openxml-audit). Run on
/// a thread of its own beside the first builds (apt and PyPI wait on the network, the builds on
/// the processor); each part checks first and installs only what is missing. Anything that uses
/// apt runs here only, one after another, so two apt-get never wait on each other's lock.
pub fn test_tools() -> Result {
    browser()?;
    nginx()?;
    poppler()?;
    libreoffice()?;
    engines()?;
    openxml_audit()?;
    crate::analysis::duckdb().map(|_| ())
}

pub fn target() -> Result {
    let out = Command::new("rustup")
        .current_dir(root())
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: target wasm32-unknown-unknown");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// `cargo install <krate> --version <version> <flags>`, into cargo's bin folder.
fn cargo_install(krate: &str, version: &str, flags: &[&str]) -> Result {
    run(Command::new("cargo")
        .args(["install", krate, "--version", version])
        .args(flags))
}

/// The version of the `wasm-bindgen` crate in Cargo.lock, which the CLI must equal.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen()?;
    let want = format!("wasm-bindgen {version}");
    if version_of("wasm-bindgen").as_deref() == Some(want.as_str())
        && version_of("wasm-bindgen-test-runner").is_some_and(|v| v.ends_with(&version))
    {
        println!("ok: {want}");
        return Ok(());
    }
    // Not --locked: its lock file names a crate version the package registry this project's
    // machines reach does not have (measured on them, December 2026).
    cargo_install("wasm-bindgen-cli", &version, &["--force"])
}

fn wasm_opt() -> Result {
    npm_packages()?;
    match version_of("wasm-opt") {
        Some(v) => {
            println!("ok: {v}");
            Ok(())
        }
        None => Err("wasm-opt from npm binaryen does not run".into()),
    }
}

/// The npm packages of `package-lock.json` (binaryen, playwright-core, axe, ajv), installed with
/// `npm ci` when `node_modules` was not installed from this very lock file.
pub fn npm_packages() -> Result {
    let lock = std::fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp_path = root().join("node_modules/.tusoi-lock");
    let stamp = format!("{:x}", sha2::Sha256::digest(&lock));
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        println!("ok: npm packages of package-lock.json");
        return Ok(());
    }
    if version_of("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp_path, stamp).map_err(|e| format!("{}: {e}", stamp_path.display()))
}

/// Debian's poppler-utils (pdftotext, pdftoppm) for the print test.
pub fn poppler() -> Result {
    if PathBuf::from("/usr/bin/pdftotext").is_file() && PathBuf::from("/usr/bin/pdftoppm").is_file()
    {
        println!("ok: poppler-utils");
        return Ok(());
    }
    apt_install(&["poppler-utils"])
}

/// Debian's LibreOffice Writer, the real reader that turns the Word files into PDF in the print
/// test, with Liberation Serif (metric-compatible with Times New Roman, so pages break alike), and
/// Calc, which opens the workspace's CSV as a spreadsheet would, to be read back cell for cell.
pub fn libreoffice() -> Result {
    if PathBuf::from("/usr/bin/soffice").is_file()
        && PathBuf::from("/usr/lib/libreoffice/share/registry/calc.xcd").is_file()
        && PathBuf::from("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
            .is_file()
    {
        println!("ok: LibreOffice Writer and Calc");
        return Ok(());
    }
    apt_install(&[
        "--no-install-recommends",
        "libreoffice-writer",
        "libreoffice-calc",
        "fonts-liberation2",
    ])
}

/// A Python with `package` at `version` from PyPI, in a virtual environment of its own under
/// `target/tools/<package>`; `module` is what it is imported as. Returns the environment's
/// Python.
pub fn python_package(package: &str, module: &str, version: &str) -> Result<PathBuf> {
    let env = root().join("target/tools").join(package);
    let python = env.join("bin/python");
    let ready = |python: &std::path::Path| {
        Command::new(python)
            .args([
                "-c",
                &format!(
                    "import importlib.metadata as m, sys; import {module}; \
                     sys.exit(m.version('{package}') != '{version}')"
                ),
            ])
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.is_file() && ready(&python) {
        println!("ok: {package} {version} (Python)");
        return Ok(python);
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&env))?;
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("{package}=={version}"),
    ]))?;
    if !ready(&python) {
        return Err(format!(
            "{package} {version} did not install into {}",
            env.display()
        ));
    }
    Ok(python)
}

/// The OOXML validator every Word file the app writes must pass with no finding: `openxml-audit`
/// (PyPI), a port of the Open XML SDK's schema and semantic checks. Returns its command.
pub fn openxml_audit() -> Result<PathBuf> {
    let python = python_package("openxml-audit", "openxml_audit", OPENXML_AUDIT_VERSION)?;
    Ok(python.with_file_name("openxml-audit"))
}

const OPENXML_AUDIT_VERSION: &str = "0.8.0";

/// Debian's nginx for the end-to-end tests, with the module that sends the build's `.br` files.
pub const BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Debian's nginx and its `brotli_static` module for the end-to-end tests.
pub fn nginx() -> Result {
    if PathBuf::from(NGINX).is_file() && PathBuf::from(BROTLI_STATIC).is_file() {
        println!("ok: nginx with brotli_static");
        return Ok(());
    }
    apt_install(&["nginx", "libnginx-mod-http-brotli-static"])
}

/// Debian's Chromium and chromedriver for the browser tests.
pub fn browser() -> Result {
    if PathBuf::from(CHROMIUM).is_file() && PathBuf::from(CHROMEDRIVER).is_file() {
        println!(
            "ok: {}",
            version_of(CHROMIUM).unwrap_or_else(|| CHROMIUM.into())
        );
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Firefox ESR and geckodriver; WebKitGTK's driver (its MiniBrowser comes with it), Xvfb for its
/// window, and the Python GObject bindings of WebKitGTK for `e2e/webkit-shell.py`.
pub fn engines() -> Result {
    let python_gi = Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    let present = PathBuf::from(FIREFOX).is_file()
        && PathBuf::from(WEBKITDRIVER).is_file()
        && PathBuf::from("/usr/bin/Xvfb").is_file()
        && PathBuf::from("/usr/bin/xvfb-run").is_file()
        && PathBuf::from("/usr/bin/xauth").is_file()
        && python_gi;
    if present {
        println!(
            "ok: {}, WebKitGTK's WebKitWebDriver, Xvfb",
            version_of(FIREFOX).unwrap_or_else(|| FIREFOX.into())
        );
    } else {
        apt_install(&[
            "firefox-esr",
            "webkit2gtk-driver",
            "xvfb",
            "xauth",
            "python3-gi",
            "gir1.2-webkit2-4.1",
        ])?;
    }
    let want = format!("geckodriver {GECKODRIVER_VERSION}");
    // cargo's bin folder, where `cargo install` puts it, is on `tool_path`.
    if version_of("geckodriver").is_some_and(|v| v.starts_with(&want)) {
        println!("ok: {want}");
        return Ok(());
    }
    // Builds from source, once per machine, and unoptimised: it only relays WebDriver commands to
    // Firefox. 80 s against 123 s optimised, both measured on two cores while other builds ran
    // (6 December 2026).
    cargo_install("geckodriver", GECKODRIVER_VERSION, &["--locked", "--debug"])
}

fn apt_install(packages: &[&str]) -> Result {
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let sudo = uid.map_or(true, |u| u != "0") && version_of("sudo").is_some();
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update"]))?;
    let mut args = vec!["install", "-y"];
    args.extend_from_slice(packages);
    run(&mut apt(&args))
}
