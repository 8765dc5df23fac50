//! The Trunk `post_build` hook (`cargo xtask postbuild`), run on Trunk's staging folder before it
//! becomes `dist/`:
//!
//! 1. Trunk starts the wasm with an inline `<script type="module">`. The Content-Security-Policy
//!    (`script-src 'self' 'wasm-unsafe-eval'`) forbids inline script, so the script moves into a
//!    file named after its hash, and `index.html` loads that file instead.
//! 2. Every script is minified with esbuild (npm, pinned in `package-lock.json`): Trunk 0.21's
//!    own minifier fails on wasm-bindgen's glue. Saves about 2 kB of brotli of the budget.
//!    Their Subresource Integrity hashes in `index.html` are then recomputed.
//! 3. `sw.js` is written from `sw/sw.js` with the list of every file of the build and a version
//!    that is the hash of their contents, so the service worker's precache list can never go stale
//!    (Trunk hashes file names); the worker's code is minified, the list stays plain JSON.
//! 4. Before that, the body of `index.html` becomes the home page as Yew renders it natively
//!    (`src/bin/prerender.rs`), inert, beside the hidden, empty `#app` the wasm renders into; the
//!    app swaps them when it is ready (`platform::dom::reveal_app`). See [`prerender`].

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{cargo, root, Result};

/// The folder of the site the chi bộ's workspace lives in (`chibo/index.html`).
pub const WORKSPACE: &str = "chibo";
/// Addresses that moved, each a folder of `moved/` copied as it is: `tong-hop/`, the workspace's
/// folder until December 2026, sends its links on to `chibo/`.
const MOVED: &str = "moved";
/// The folder of the site the member's app with every page lives in (`soan/index.html`, built
/// from `soan.html`): the editor and the print page, which the home page's wasm does not carry.
pub const EDITOR: &str = "soan";

/// Set by `cargo xtask dist` for the build of a page of its own (the workspace, the editor's
/// page; the bench's counter): no service worker and no rendered home page of its own.
pub const PAGE_BUILD: &str = "TUSOI_PAGE_BUILD";
/// Set by `cargo xtask dist` for the member's build: where the workspace's build is, to be copied
/// under `chibo/` and listed in `sw.js` as fetched on first use.
pub const WORKSPACE_DIST: &str = "TUSOI_WORKSPACE_DIST";
/// Set by `cargo xtask dist` for the member's build: where the editor's page's build is, to be
/// copied under `soan/` and precached with the rest of the build.
pub const EDITOR_DIST: &str = "TUSOI_EDITOR_DIST";
/// Set by `cargo xtask dist`: the home page's renderer (`src/bin/prerender.rs`), built and linted
/// beside the pages' wasm; without it the hook builds and runs it with `cargo run`.
pub const PRERENDER: &str = "TUSOI_PRERENDER";
/// Set by `cargo xtask dist`: this xtask's own program, which `Trunk.toml`'s hook runs instead of
/// `cargo xtask` (that would build xtask again in the pages' target folder).
pub const XTASK: &str = "TUSOI_XTASK";

pub fn run_hook() -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .ok_or("TRUNK_STAGING_DIR is not set: run through trunk build")?;
    let staging = Path::new(&staging);
    let page_build = std::env::var_os(PAGE_BUILD).is_some();
    externalise_start_script(staging, !page_build)?;
    for entry in std::fs::read_dir(staging).map_err(|e| format!("{}: {e}", staging.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        // Trunk already minifies style sheets.
        if path.extension().is_some_and(|e| e == "js") {
            minify(&path)?;
        }
    }
    refresh_integrity(staging)?;
    if page_build {
        return Ok(());
    }
    for (variable, folder) in [(WORKSPACE_DIST, WORKSPACE), (EDITOR_DIST, EDITOR)] {
        if let Some(built) = std::env::var_os(variable) {
            copy_dir(Path::new(&built), &staging.join(folder))?;
        }
    }
    copy_dir(&root().join(MOVED), staging)?;
    prerender(staging)?;
    write_service_worker(staging)
}

fn copy_dir(from: &Path, to: &Path) -> Result {
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

/// Trunk writes a Subresource Integrity hash (`integrity=sha384-…`) for each file it links; the
/// minified scripts need theirs recomputed, or the browser refuses to run them.
fn refresh_integrity(staging: &Path) -> Result {
    let path = staging.join("index.html");
    let mut html =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut from = 0;
    while let Some(at) = html[from..].find("integrity=") {
        let at = from + at;
        // The `href` of the same tag, before or after the attribute.
        let tag_start = html[..at].rfind('<').unwrap_or(0);
        let tag_end = at + html[at..].find('>').unwrap_or(html.len() - at);
        let tag = &html[tag_start..tag_end];
        let href = tag
            .split_whitespace()
            .find_map(|a| a.strip_prefix("href="))
            .map(|h| h.trim_matches('"').trim_start_matches("./").to_owned());
        let value_start = at + "integrity=".len();
        let quoted = html[value_start..].starts_with('"');
        let value_start = value_start + usize::from(quoted);
        let value_end = value_start
            + html[value_start..]
                .find(|c: char| c == '"' || c == '>' || c.is_whitespace())
                .unwrap_or(0);
        if let Some(href) = href {
            let bytes = std::fs::read(staging.join(&href)).map_err(|e| format!("{href}: {e}"))?;
            let digest = format!("sha384-{}", base64(&sha2::Sha384::digest(&bytes)));
            html.replace_range(value_start..value_end, &digest);
        }
        from = value_start;
    }
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// Standard base64 with padding, for the integrity hashes.
fn base64(bytes: &[u8]) -> String {
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

/// Moves the inline module script of `index.html` into `boot-<hash>.js`. With `after_paint` (the
/// member's build, whose page is in `index.html`), the wasm is fetched only once the page has
/// painted, and Trunk's `<link rel=preload>` of it goes: on a slow link the page's own bytes then
/// do not share the line with 240 kB of wasm, and the first paint is the largest (LCP).
fn externalise_start_script(staging: &Path, after_paint: bool) -> Result {
    let path = staging.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Some((mut html, mut script)) = split_inline_module(&html) else {
        return Err(
            "index.html has no inline module script to move: did Trunk change its output?".into(),
        );
    };
    if after_paint {
        script = start_after_paint(&script)?;
        html = without_wasm_preload(&html);
    }
    let name = format!("boot-{}.js", &sha256_hex(script.as_bytes())[..16]);
    std::fs::write(staging.join(&name), script).map_err(|e| format!("{name}: {e}"))?;
    let html = html.replace(
        INLINE_MARKER,
        &format!("<script type=\"module\" src=\"./{name}\"></script>"),
    );
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

const INLINE_MARKER: &str = "<!--tusoi-boot-->";

/// Waits until the browser reports the first contentful paint (the prerendered page, on screen)
/// before the start script asks for the wasm; where paint timing is not reported, for a task after
/// the next animation frame. At most a second, since a page opened in the background paints nothing.
///
/// A task after the frame was not enough: the frame is presented a few milliseconds after it is
/// drawn, and a wasm request made in between counts, for Lighthouse's simulation, as needed by the
/// largest paint, whose simulated time then includes the download (LCP 2,3 s instead of 1,1 s in
/// one run of three; docs/performance.md, "First paint").
const AFTER_PAINT: &str = "await new Promise((r) => { setTimeout(r, 1000); if (self.PerformanceObserver?.supportedEntryTypes?.includes(\"paint\")) new PerformanceObserver((l, o) => { if (l.getEntriesByName(\"first-contentful-paint\").length) { o.disconnect(); setTimeout(r); } }).observe({ type: \"paint\", buffered: true }); else requestAnimationFrame(() => setTimeout(r)); });\n";

fn start_after_paint(script: &str) -> Result<String> {
    let at = script.find("const wasm = await init(").ok_or(
        "Trunk's start script has no `const wasm = await init(`: did Trunk change its output?",
    )?;
    Ok(format!("{}{AFTER_PAINT}{}", &script[..at], &script[at..]))
}

/// The page without the `<link rel=preload>` of its wasm.
fn without_wasm_preload(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if !(tag.contains("rel=preload") && tag.contains(".wasm")) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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
fn prerender(staging: &Path) -> Result {
    let out = match std::env::var_os(PRERENDER) {
        Some(built) => std::process::Command::new(built).output(),
        None => cargo()
            .args(["run", "--quiet", "--offline", "--locked", "-p", "tusoi"])
            .args(["--features", "ssr", "--bin", "prerender"])
            .current_dir(root())
            .output(),
    }
    .map_err(|e| format!("prerender: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the home page's render at build time failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let page = String::from_utf8(out.stdout).map_err(|e| format!("prerender: {e}"))?;
    let path = staging.join("index.html");
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

/// `index.html` with its body replaced by the rendered page (see [`prerender`]) and the inline
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

/// Splits the first inline `<script type=module>` (quoted or not, as minified) out of a page:
/// the page with a marker where it was, and the script's text.
fn split_inline_module(html: &str) -> Option<(String, String)> {
    let open = ["<script type=module>", "<script type=\"module\">"]
        .iter()
        .filter_map(|tag| html.find(tag).map(|at| (at, tag.len())))
        .min()?;
    let body_start = open.0 + open.1;
    let body_len = html[body_start..].find("</script>")?;
    let script = html[body_start..body_start + body_len].to_owned();
    let rest = &html[body_start + body_len + "</script>".len()..];
    Some((format!("{}{INLINE_MARKER}{rest}", &html[..open.0]), script))
}

/// Writes `sw.js`: the build's file list, then the worker's code.
fn write_service_worker(staging: &Path) -> Result {
    let mut files = Vec::new();
    collect(staging, staging, &mut files)?;
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
    let path = staging.join("sw.js");
    std::fs::copy(root().join("sw/sw.js"), &path).map_err(|e| format!("sw/sw.js: {e}"))?;
    minify(&path)?;
    let code = std::fs::read_to_string(&path).map_err(|e| format!("sw.js: {e}"))?;
    let worker = format!(
        "// Written by cargo xtask postbuild; do not edit. The code below is sw/sw.js, minified.\nconst BUILD = {{\n  \"version\": \"{version}\",\n  \"files\": [\n{}\n  ],\n  \"workspace\": [\n{}\n  ]\n}};\n{code}",
        list.join(",\n"),
        lazy.join(",\n")
    );
    std::fs::write(&path, worker).map_err(|e| format!("sw.js: {e}"))?;
    println!(
        "postbuild: sw.js precaches {} files, {} more when the workspace is opened, build {version}",
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
    fn the_wasm_is_asked_for_after_a_paint_and_not_preloaded() {
        let script = "import init, * as bindings from './tusoi-1.js';\nconst wasm = await init({ module_or_path: './tusoi-1_bg.wasm' });\n";
        let out = start_after_paint(script).expect("Trunk's script");
        assert_eq!(
            out,
            format!("import init, * as bindings from './tusoi-1.js';\n{AFTER_PAINT}const wasm = await init({{ module_or_path: './tusoi-1_bg.wasm' }});\n")
        );
        assert!(start_after_paint("init()").is_err());
        let html = "<head><link crossorigin href=./tusoi-1.js rel=modulepreload><link as=fetch href=./tusoi-1_bg.wasm rel=preload type=application/wasm></head>";
        assert_eq!(
            without_wasm_preload(html),
            "<head><link crossorigin href=./tusoi-1.js rel=modulepreload></head>"
        );
    }

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

    #[test]
    fn the_inline_module_script_is_split_out_quoted_or_minified() {
        for page in [
            "<head><script type=module>import init from './a.js';\nawait init();</script><link rel=x></head>",
            "<head><script type=\"module\">import init from './a.js';\nawait init();</script><link rel=x></head>",
        ] {
            let (html, script) = split_inline_module(page).unwrap();
            assert_eq!(script, "import init from './a.js';\nawait init();");
            assert_eq!(html, format!("<head>{INLINE_MARKER}<link rel=x></head>"));
        }
        assert_eq!(
            split_inline_module("<script src=\"./register.js\" defer></script>"),
            None
        );
    }
}
