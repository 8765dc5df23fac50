//! The member's site in `dist/`, from its pages (`pages.rs`): the member's own page with the
//! workspace's under `chibo/` and the editor's under `soan/`, the addresses that moved, then:
//!
//! 1. the body of `index.html` becomes the home page as Yew renders it natively
//!    (`src/bin/prerender.rs`), inert, beside the hidden, empty `#app` the wasm renders into; the
//!    app swaps them when it is ready (`platform::dom::reveal_app`). See [`render_home`];
//! 2. `sw.js` is written from `sw/sw.js` with the list of every file of the build and a version
//!    that is the hash of their contents, so the service worker's precache list can never go stale
//!    (the pages' files are named after their content); the worker's code is minified, the list
//!    stays plain JSON.
//!
//! Scripts are minified with esbuild (npm, pinned in `package-lock.json`).

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{root, Result};

/// The folder of the site the chi bộ's workspace lives in (`chibo/index.html`).
pub const WORKSPACE: &str = "chibo";
/// Addresses that moved, each a folder of `moved/` copied as it is: `tong-hop/`, the workspace's
/// folder until December 2026, sends its links on to `chibo/`.
const MOVED: &str = "moved";
/// The folder of the site the member's app with every page lives in (`soan/index.html`, built
/// from `soan.html`): the editor and the print page, which the home page's wasm does not carry.
pub const EDITOR: &str = "soan";

/// Makes `dist` (the member's page, as `pages::build` wrote it) the member's site: the
/// workspace's page (`workspace`) under `chibo/`, fetched on first use, the editor's (`editor`)
/// under `soan/`, the addresses that moved, the home page rendered into `index.html` by the
/// program `prerender`, and `sw.js`.
pub fn finish(dist: &Path, workspace: &Path, editor: &Path, prerender: &Path) -> Result {
    copy_dir(workspace, &dist.join(WORKSPACE))?;
    copy_dir(editor, &dist.join(EDITOR))?;
    copy_dir(&root().join(MOVED), dist)?;
    render_home(dist, prerender)?;
    write_service_worker(dist)
}

/// Copies the folder `from` into `to`, over what `to` already holds (the moved addresses go into
/// `dist/` beside the member's files).
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Standard base64 with padding, for the integrity hashes.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Minifies a script in place with esbuild (whitespace, names of locals, syntax; no bundling, so
/// modules stay modules and classic scripts stay classic).
pub fn minify(path: &Path) -> Result {
    let esbuild = root().join("node_modules/.bin/esbuild");
    let status = std::process::Command::new(&esbuild)
        .arg(path)
        .args(["--minify", "--allow-overwrite", "--log-level=warning"])
        .arg(format!("--outfile={}", path.display()))
        .status()
        .map_err(|e| format!("{}: {e} (npm ci installs it)", esbuild.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("esbuild could not minify {}", path.display()))
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Puts the home page, rendered by the app's own components at build time, into the body of
/// `index.html`, so the first paint is the page rather than a loading line (LCP before the wasm):
///
/// - inside `<div id="prerendered" inert>`: seen, not clickable, until the app has started; its
///   `id` and `for` attributes are dropped so the live page's ids stay unique;
/// - a script of one line first, allowed by its hash in the Content-Security-Policy, marks a
///   URL that opens another page (`#/doc/…`), so that page's start shows no home page meanwhile,
///   and says so on the page if the app fails to start;
/// - then `<div id="app" hidden>`, where the wasm renders.
fn render_home(dist: &Path, prerender: &Path) -> Result {
    let out = std::process::Command::new(prerender)
        .output()
        .map_err(|e| format!("{}: {e}", prerender.display()))?;
    if !out.status.success() {
        return Err(format!(
            "the home page's render at build time failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let page = String::from_utf8(out.stdout).map_err(|e| format!("prerender: {e}"))?;
    let path = dist.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let html = with_prerendered_body(&html, &page)?;
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// Run before the body is parsed: a link to a document, its print page or the settings (`#/doc/…`,
/// `#/in/…`, `#/cai-dat`, as bookmarks and older versions have them) goes on at once to the
/// editor's page, `soan/`, before the home page's wasm is fetched; marks `<html>` as opening another page than the home page;
/// and, until the app has started (`window.wasmBindings`, set by the start script), turns a
/// script that fails to load or run (the wasm not fetched, not compiled, an old browser) into
/// the copy's `.start-failed` line, from the app's messages, instead of "starting" for ever.
/// The routes it sends to `soan/` are those `tusoi::app::HomePages` lacks: change the two together.
const DEEP_LINK_SCRIPT: &str = r#"/^#\/*((doc|in|sao-chep|doi-ten|nam-sau)\/.|cai-dat$|nhap$)/.test(location.hash)?location.replace('soan/'+location.hash):/^#\/*thung-rac$/.test(location.hash)&&document.documentElement.classList.add('deep');const f=e=>{if(window.wasmBindings||(e.target&&e.target!==window&&e.target.tagName!=='SCRIPT'))return;const p=document.getElementById('prerendered');p?.querySelector('.starting')?.remove();p?.querySelector('.start-failed')?.removeAttribute('hidden')};addEventListener('error',f,true);addEventListener('unhandledrejection',f)"#;

/// `index.html` with its body replaced by the rendered page (see [`render_home`]) and the inline
/// script's hash added to the page's Content-Security-Policy.
pub fn with_prerendered_body(html: &str, page: &str) -> Result<String> {
    let start = html.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    let end = html.rfind("</body>").ok_or("index.html has no </body>")?;
    let csp = "script-src 'self'";
    if !html.contains(csp) {
        return Err(format!(
            "index.html's Content-Security-Policy has no `{csp}`"
        ));
    }
    let hash = format!(
        "'sha256-{}'",
        base64(&Sha256::digest(DEEP_LINK_SCRIPT.as_bytes()))
    );
    let body = format!(
        "<script>{DEEP_LINK_SCRIPT}</script><div id=\"prerendered\" inert>{}</div><div id=\"app\" hidden></div>",
        without_ids(page)
    );
    Ok(
        format!("{}{body}{}", &html[..start], &html[end..]).replacen(
            csp,
            &format!("{csp} {hash}"),
            1,
        ),
    )
}

/// The page without its `id="…"` and `for="…"` attributes (Yew's renderer quotes every value).
fn without_ids(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    loop {
        let next = [" id=\"", " for=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|at| (at, a.len())))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let value = &rest[at + len..];
        rest = value.find('"').map_or("", |q| &value[q + 1..]);
    }
}

/// Writes `sw.js`: the build's file list, then the worker's code.
fn write_service_worker(dist: &Path) -> Result {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.retain(|(path, _)| path != "sw.js");
    files.sort();
    // The version is the hash of every file's path and content, so any change of any file makes a
    // new sw.js, which is what makes browsers install the new build. The list itself needs only the
    // paths.
    let hashed: Vec<String> = files
        .iter()
        .map(|(path, hash)| format!("{path} {hash}"))
        .collect();
    let version = &sha256_hex(hashed.join("\n").as_bytes())[..16];
    // The workspace's files are not fetched at install: a member never opens it. They are
    // fetched, all of them, the first time the workspace is opened, and kept for offline use.
    let in_workspace = |path: &str| path.starts_with(&format!("{WORKSPACE}/"));
    let list: Vec<String> = files
        .iter()
        .filter(|(path, _)| !in_workspace(path))
        .map(|(path, _)| format!("    {path:?}"))
        .collect();
    let lazy: Vec<String> = files
        .iter()
        .filter(|(path, _)| in_workspace(path))
        .map(|(path, _)| format!("    {path:?}"))
        .collect();
    // The worker's code is minified; the build list stays plain JSON, which tests read and edit.
    let path = dist.join("sw.js");
    std::fs::copy(root().join("sw/sw.js"), &path).map_err(|e| format!("sw/sw.js: {e}"))?;
    minify(&path)?;
    let code = std::fs::read_to_string(&path).map_err(|e| format!("sw.js: {e}"))?;
    let worker = format!(
        "// Written by cargo xtask dist; do not edit. The code below is sw/sw.js, minified.\nconst BUILD = {{\n  \"version\": \"{version}\",\n  \"files\": [\n{}\n  ],\n  \"workspace\": [\n{}\n  ]\n}};\n{code}",
        list.join(",\n"),
        lazy.join(",\n")
    );
    std::fs::write(&path, worker).map_err(|e| format!("sw.js: {e}"))?;
    println!(
        "sw.js precaches {} files, {} more when the workspace is opened, build {version}",
        list.len(),
        lazy.len()
    );
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result {
    for entry in std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.push((rel.to_string_lossy().replace('\\', "/"), sha256_hex(&bytes)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rendered_home_page_replaces_the_body_inert_without_ids_and_its_script_is_allowed_by_hash(
    ) {
        let html = "<html><head><meta content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'\" http-equiv=Content-Security-Policy></head><body><div id=app>Đang mở</div></body></html>";
        let page = r#"<h1>Bản nháp của tôi</h1><label for="create-year">Năm</label><select id="create-year"><option value="2026">2026</option></select>"#;
        let out = with_prerendered_body(html, page).expect("a page with a body and a CSP");
        assert!(!out.contains("Đang mở"), "the old body is gone");
        assert!(out.contains(r#"<div id="prerendered" inert><h1>Bản nháp của tôi</h1><label>Năm</label><select><option value="2026">2026</option></select></div><div id="app" hidden></div></body>"#), "{out}");
        let hash = base64(&Sha256::digest(DEEP_LINK_SCRIPT.as_bytes()));
        assert!(out.contains(&format!(
            "script-src 'self' 'sha256-{hash}' 'wasm-unsafe-eval'"
        )));
        assert!(out.contains(&format!("<body><script>{DEEP_LINK_SCRIPT}</script>")));
        assert!(
            with_prerendered_body("<body></body>", page).is_err(),
            "no CSP to allow the script"
        );
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
