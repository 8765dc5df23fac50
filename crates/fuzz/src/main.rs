//! Feeds mutated export files to `tusoi_core::workflow::export::parse_import`, mutated sealed
//! files (`workflow::sealed`) to the envelope's reader and the decryption, mutated keyrings of the
//! lock at rest (`workflow::lock`: the keyring's reader, then each slot opened with the seeds' key
//! and a record's locked field read), and mutated ZIP
//! archives of them (`chibo::archive`, the workspace's intake) to the archive reader and inflate,
//! and fails on any panic.
//!
//! cargo-fuzz needs a nightly toolchain, which cannot be installed here, so this is a plain
//! mutation fuzzer on stable: it starts from the hostile corpus and the golden files, applies
//! random byte- and token-level mutations (flips, inserts, deletions, duplications, JSON tokens,
//! truncation, splices of two files), and checks that every input gives `Ok` or an `ImportError`
//! with a message. A panicking input is written to `target/fuzz-crashes/crash-*.bin`.
//!
//! Usage: `tusoi-fuzz [inputs] [seed]` (defaults: 1,000,000 inputs, seed from the clock), or
//! `tusoi-fuzz replay <crash file>` to see one crash's panic.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tusoi_core::forms::template::Forms;

use tusoi_core::workflow::export::parse_import;
use tusoi_core::workflow::lock::{decode_locked, Keyring, DATA_KEY_CONTENT, KEYRING_FORMAT};
use tusoi_core::workflow::sealed::{is_sealed, parse_sealed};
use tusoi_core::workflow::sealed_native as native;

/// The passphrase of the sealed seeds; their key is derived once, so a mutated file costs a
/// decryption, not 600,000 rounds of PBKDF2.
const PASSPHRASE: &str = "fuzz: mật khẩu";

/// An input through the reader it is for: a sealed file is opened with the seeds' key and what is
/// inside imported; anything else is imported as it is.
fn read(input: &[u8], key: &[u8; 32]) -> Result<usize, String> {
    if tusoi_core::base::zip::is_zip(input) {
        let mut documents = 0;
        let mut why = String::new();
        for (_, bytes) in tusoi_core::chibo::archive::unpack("fuzz.zip", input.to_vec()) {
            match bytes.and_then(|b| read(&b, key)) {
                Ok(n) => documents += n,
                Err(message) => why = message,
            }
        }
        return if documents > 0 {
            Ok(documents)
        } else {
            Err(why)
        };
    }
    if let Some(text) = std::str::from_utf8(input)
        .ok()
        .filter(|t| t.contains(KEYRING_FORMAT))
    {
        // A keyring the store would read: refused as damaged, or each slot (a sealed file of a
        // data key) opened; then a record's field under that key, as the store reads one.
        let keyring = Keyring::parse(text).map_err(|_| "keyring refused".to_owned())?;
        for slot in [&keyring.passphrase, &keyring.recovery] {
            let data_key = native::decrypt(slot, key).map_err(|e| e.message())?;
            let _ = decode_locked(&String::from_utf8_lossy(&data_key));
        }
        // One thing read (a ZIP of keyrings counts as read, not as refused without a message).
        return Ok(1);
    }
    if is_sealed(input) {
        let file = parse_sealed(input).map_err(|e| e.message())?;
        let plain = native::decrypt(&file, key).map_err(|e| e.message())?;
        return parse_import(&plain, &mut Forms::default())
            .map(|d| d.len())
            .map_err(|e| e.message());
    }
    parse_import(input, &mut Forms::default())
        .map(|d| d.len())
        .map_err(|e| e.message())
}

/// xorshift64*: small, fast, and reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        // Inputs are far below 2^32, so the modulo bias is irrelevant here.
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"null",
    b"true",
    b"false",
    b"-1",
    b"0",
    b"1e999",
    b"-0.0",
    b"18446744073709551616",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\"documents\"",
    b"\"schema_version\"",
    b"\"format\"",
    b"\"tusoi-export\"",
    b"\"HD43-2025/2B\"",
    b"\xef\xbb\xbf",
    b"\"<script>alert(1)</script>\"",
    b"\"\xe1\xbb\xb1\"",
    b"\xff",
    b"\\",
    b"\"points\"",
    b"NaN",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    // Half the inputs differ from a seed by one mutation, so many get past the JSON parser.
    let rounds = if rng.below(2) == 0 {
        1
    } else {
        1 + rng.below(8)
    };
    for _ in 0..rounds {
        let len = data.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.below(256) as u8;
            }
            2 => {
                let at = rng.below(len + 1);
                let bytes: Vec<u8> = (0..=rng.below(16)).map(|_| rng.below(256) as u8).collect();
                data.splice(at..at, bytes);
            }
            3 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(64)).min(len);
                data.drain(from..to);
            }
            4 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(256)).min(len);
                let copy = data[from..to].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, copy);
            }
            5 => {
                let at = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())].to_vec();
                data.splice(at..at, token);
            }
            6 => data.truncate(rng.below(len + 1)),
            7 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            _ => {
                // Deep nesting at a random place.
                let at = rng.below(len + 1);
                let depth = 1 + rng.below(300);
                let mut nest = vec![b'['; depth];
                nest.extend(std::iter::repeat_n(b']', depth));
                data.splice(at..at, nest);
            }
        }
    }
    data
}

fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["crates/core/tests/corpus", "crates/core/tests/fixtures"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            for entry in entries.flatten() {
                if entry
                    .path()
                    .extension()
                    .is_some_and(|e| e == "json" || e == "zip")
                {
                    if let Ok(bytes) = std::fs::read(entry.path()) {
                        out.push(bytes);
                    }
                }
            }
        }
    }
    out
}

fn main() {
    if let (Some("replay"), Some(path)) =
        (std::env::args().nth(1).as_deref(), std::env::args().nth(2))
    {
        // One crash file again, with the panic's message: `tusoi-fuzz replay <file>`.
        let salt = *b"fuzz-salt-16byte";
        let key = native::derive(PASSPHRASE, &salt, tusoi_core::workflow::sealed::ITERATIONS);
        let input = std::fs::read(&path).unwrap_or_default();
        println!("{:?}", read(&input, &key));
        return;
    }
    let mut args = std::env::args().skip(1);
    let count: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| {
                u64::try_from(d.as_nanos() % u128::from(u64::MAX)).unwrap_or(1)
            })
            | 1
    });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = seeds(&root);
    assert!(
        !seeds.is_empty(),
        "no seed files found under crates/core/tests"
    );
    // Sealed seeds: each export seed that imports, sealed; as many as the plain ones that import.
    let salt = *b"fuzz-salt-16byte";
    let key = native::derive(PASSPHRASE, &salt, tusoi_core::workflow::sealed::ITERATIONS);
    let mut seeds = seeds;
    let sealed: Vec<Vec<u8>> = seeds
        .iter()
        .filter(|s| parse_import(s, &mut Forms::default()).is_ok())
        .map(|s| {
            native::seal(
                s,
                "tusoi-export",
                PASSPHRASE,
                &salt,
                b"fuzz-iv-12by",
                "2026-12-02T00:00:00.000Z",
            )
            .to_json()
            .into_bytes()
        })
        .collect();
    assert!(
        sealed.iter().all(|s| read(s, &key).is_ok()),
        "the sealed seeds open"
    );
    let sealed_seeds = sealed.len();
    // A keyring seed: the same key sealed as both slots, as the lock at rest stores it.
    let slot = |iv: &[u8; 12]| {
        native::seal(
            &[7u8; 32],
            DATA_KEY_CONTENT,
            PASSPHRASE,
            &salt,
            iv,
            "2026-12-03T00:00:00.000Z",
        )
    };
    let keyring = Keyring::new(slot(b"fuzz-iv-key1"), slot(b"fuzz-iv-key2"), 5).to_json();
    assert!(
        read(keyring.as_bytes(), &key).is_ok(),
        "the keyring seed opens"
    );
    let mut sealed = sealed;
    sealed.push(keyring.into_bytes());
    // Archive seeds: besides the committed deflated ones, each importable seed stored in a ZIP.
    let zipped: Vec<Vec<u8>> = seeds
        .iter()
        .chain(&sealed)
        .filter(|s| read(s, &key).is_ok())
        .map(|s| {
            let mut zip = tusoi_core::base::zip::Zip::new();
            zip.add("thành viên.json", s);
            zip.finish()
        })
        .collect();
    let zip_seeds = zipped.len()
        + seeds
            .iter()
            .filter(|s| tusoi_core::base::zip::is_zip(s))
            .count();
    seeds.extend(sealed);
    seeds.extend(zipped);
    let crash_dir = root.join("target/fuzz-crashes");
    // A panic is reported through the crash files and the count below, not the default hook.
    panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(seed);
    let (mut ok, mut refused, mut crashes) = (0u64, 0u64, 0u64);
    let start = Instant::now();
    for i in 0..count {
        let input = mutate(&mut rng, &seeds);
        let result = panic::catch_unwind(AssertUnwindSafe(|| read(&input, &key)));
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(message)) if !message.is_empty() => refused += 1,
            _ => {
                crashes += 1;
                let _ = std::fs::create_dir_all(&crash_dir);
                let path = crash_dir.join(format!("crash-{seed}-{i}.bin"));
                let _ = std::fs::write(&path, &input);
                eprintln!("panic on input {i}: written to {}", path.display());
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {count} inputs from {} seeds ({sealed_seeds} of them sealed, {zip_seeds} ZIP archives) (seed {seed}) in {secs:.1} s: {ok} imported, {refused} refused with a message, {crashes} panics",
        seeds.len()
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}
