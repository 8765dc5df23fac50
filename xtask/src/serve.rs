//! A small static file server for `cargo xtask serve`: GET and HEAD of the files under a folder, with
//! the MIME types a browser needs (`application/wasm` for streaming compilation). It serves what
//! the release build wrote and nothing else: no reload script, no rewrites.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::Result;

/// Serves `dir` on `address` until the process is stopped.
pub fn serve(dir: &Path, address: &str) -> Result {
    let listener =
        TcpListener::bind(address).map_err(|e| format!("cannot listen on {address}: {e}"))?;
    println!("\nTự soi is served on http://{address}/ (Ctrl+C to stop)");
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut line)?;
    // Of the headers, only the encodings the browser accepts change the answer.
    let (mut header, mut accepts) = (String::new(), String::new());
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("accept-encoding") {
                accepts = value.trim().to_ascii_lowercase();
            }
        }
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method == "HEAD",
        );
    }
    match resolve(dir, target) {
        Some(path) => {
            let (body, encoding) = encoded(&path, &accepts)?;
            let mime = mime(&path);
            let mime = match encoding {
                Some(e) => format!("{mime}\r\nContent-Encoding: {e}\r\nVary: Accept-Encoding"),
                None => format!("{mime}\r\nVary: Accept-Encoding"),
            };
            respond(&mut stream, "200 OK", &mime, &body, method == "HEAD")
        }
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"404",
            method == "HEAD",
        ),
    }
}

/// The file a request path names, or `None` for anything that leaves the folder.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = dir.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

/// The file's bytes as the build's `.br` or `.gz` copy beside it when the browser accepts that
/// encoding (brotli first), as `gzip_static` and `brotli_static` serve them; else as they are.
fn encoded(path: &Path, accepts: &str) -> std::io::Result<(Vec<u8>, Option<&'static str>)> {
    let accepted = |coding: &str| {
        accepts
            .split(',')
            .any(|part| part.split(';').next().map(str::trim) == Some(coding))
    };
    for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
        let copy = PathBuf::from(format!("{}.{ext}", path.display()));
        if accepted(coding) && copy.is_file() {
            return Ok((std::fs::read(copy)?, Some(coding)));
        }
    }
    Ok((std::fs::read(path)?, None))
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "webmanifest") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    mime: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_folder() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/index.html?v=1"),
            Some(dir.join("index.html"))
        );
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/missing.js"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_precompressed_copy_is_sent_only_to_a_browser_that_accepts_its_encoding() {
        let dir = std::env::temp_dir().join(format!("xtask-encoded-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let page = dir.join("index.html");
        std::fs::write(&page, "page").expect("write");
        std::fs::write(dir.join("index.html.br"), "br").expect("write");
        std::fs::write(dir.join("index.html.gz"), "gz").expect("write");
        let got = |accepts: &str| encoded(&page, accepts).expect("read");
        assert_eq!(got("gzip, deflate, br, zstd"), (b"br".to_vec(), Some("br")));
        assert_eq!(got("gzip"), (b"gz".to_vec(), Some("gzip")));
        assert_eq!(got(""), (b"page".to_vec(), None));
        assert_eq!(got("brotli-ish"), (b"page".to_vec(), None));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
