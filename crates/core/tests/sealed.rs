//! Sealed files ("Xuất có mật khẩu") natively, with the RustCrypto crates doing what WebCrypto does
//! in the browser: the round trip, a wrong passphrase, truncation, every field changed one at a
//! time, an unknown KDF or cipher, parameters that cannot be right, a newer version.
#![cfg(feature = "native-crypto")]

use serde_json::Value;
use tusoi_core::forms::template::Template;
use tusoi_core::model::document::{Document, Edit};
use tusoi_core::workflow::export::{parse_import, ExportEnvelope};
use tusoi_core::workflow::sealed::{
    is_sealed, json_schema, parse_sealed, SealError, SealedFile, ITERATIONS,
};
use tusoi_core::workflow::sealed_native as native;

const PASSPHRASE: &str = "Chi bộ Tân Phú, kỳ 2026!";
const SALT: [u8; 16] = *b"0123456789abcdef";
const IV: [u8; 12] = *b"fedcba987654";

fn export() -> String {
    let template = Template::get("HD43-2025/2B").expect("2B");
    let mut d = Document::new("r1".into(), template, 2026, "2026-11-01T00:00:00.000Z");
    d.apply(Edit::Section(
        "A.II.1".into(),
        "Còn chậm báo cáo tháng 3 và tháng 7; tự phê bình trước chi bộ.".into(),
    ));
    ExportEnvelope::new(vec![d], "2026-12-01T00:00:00.000Z").to_json()
}

fn sealed() -> SealedFile {
    native::seal(
        export().as_bytes(),
        "tusoi-export",
        PASSPHRASE,
        &SALT,
        &IV,
        "2026-12-02T08:00:00.000Z",
    )
}

#[test]
fn a_sealed_export_opens_with_its_passphrase_only_and_shows_nothing_in_the_clear() {
    let file = sealed();
    let text = file.to_json();
    assert!(is_sealed(text.as_bytes()));
    assert!(!is_sealed(export().as_bytes()));
    assert!(
        !text.contains("tự phê bình") && !text.contains("HD43-2025/2B"),
        "no plaintext"
    );
    assert_eq!(file.kdf.iterations, ITERATIONS);
    let opened = native::open(text.as_bytes(), PASSPHRASE).expect("opens");
    assert_eq!(opened, export().as_bytes());
    let documents = parse_import(&opened, &mut tusoi_core::forms::template::Forms::default())
        .expect("an export inside");
    assert!(documents[0]
        .answer("A.II.1")
        .contains("tự phê bình trước chi bộ"));
    for wrong in [
        "",
        "chi bộ tân phú, kỳ 2026!",
        "Chi bộ Tân Phú, kỳ 2026",
        "Chi bo Tan Phu, ky 2026!",
    ] {
        assert_eq!(
            native::open(text.as_bytes(), wrong),
            Err(SealError::WrongPassphraseOrChanged),
            "{wrong:?}"
        );
    }
    // Every message says what happened and what to do, and that nothing was stored.
    assert!(SealError::WrongPassphraseOrChanged
        .message()
        .contains("Chưa có gì được lưu"));
}

#[test]
fn a_file_sealed_by_webcrypto_opens_natively_with_the_passphrase_composed_or_not() {
    // Sealed by Node's WebCrypto (OpenSSL) with `fixtures/seal-webcrypto.mjs`: the same bytes the
    // browser's SubtleCrypto writes, opened here by RustCrypto.
    let bytes = include_bytes!("fixtures/sealed-v1-webcrypto.json");
    let inside = include_bytes!("fixtures/export-v2-from-v1.json");
    assert_eq!(
        native::open(bytes, "Chi bộ Tân Phú 2026").expect("opens"),
        inside
    );
    // "ộ" typed as "o", a circumflex and a dot below, as some keyboards send it.
    let decomposed = "Chi bo\u{302}\u{323} Ta\u{302}n Phu\u{301} 2026";
    assert_eq!(native::open(bytes, decomposed).expect("opens"), inside);
    assert_eq!(
        native::open(bytes, "Chi bo Tan Phu 2026"),
        Err(SealError::WrongPassphraseOrChanged)
    );
    let documents = parse_import(inside, &mut tusoi_core::forms::template::Forms::default())
        .expect("an export");
    assert!(!documents.is_empty());
}

/// The file with one field of its JSON set to `value`.
fn changed(path: &[&str], value: Value) -> Vec<u8> {
    let mut json: Value = serde_json::from_str(&sealed().to_json()).expect("json");
    let mut at = &mut json;
    for key in &path[..path.len() - 1] {
        at = &mut at[*key];
    }
    at[path[path.len() - 1]] = value;
    serde_json::to_vec_pretty(&json).expect("json")
}

#[test]
fn each_field_changed_makes_the_file_refuse_to_open() {
    use tusoi_core::base::base64::encode;
    let other_salt = encode(b"0123456789abcdeF");
    let other_iv = encode(b"fedcba987655");
    let mut flipped = sealed().ciphertext_bytes();
    flipped[3] ^= 1;
    let mut tag_flipped = sealed().ciphertext_bytes();
    let last = tag_flipped.len() - 1;
    tag_flipped[last] ^= 0x80;
    let cases: Vec<(&str, Vec<u8>, SealError)> = vec![
        (
            "app_version",
            changed(&["app_version"], "9.9.9".into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "sealed_at",
            changed(&["sealed_at"], "2020-01-01T00:00:00.000Z".into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "content",
            changed(&["content"], "tusoi-rollup".into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "iterations",
            changed(&["kdf", "iterations"], (ITERATIONS + 1).into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "salt",
            changed(&["kdf", "salt"], other_salt.into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "iv",
            changed(&["cipher", "iv"], other_iv.into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "ciphertext",
            changed(&["ciphertext"], encode(&flipped).into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "tag",
            changed(&["ciphertext"], encode(&tag_flipped).into()),
            SealError::WrongPassphraseOrChanged,
        ),
        (
            "format",
            changed(&["format"], "tusoi-export".into()),
            SealError::NotOurs,
        ),
        (
            "schema_version",
            changed(&["schema_version"], 2.into()),
            SealError::TooNew { found: 2 },
        ),
        (
            "schema_version 0",
            changed(&["schema_version"], 0.into()),
            SealError::NotOurs,
        ),
        (
            "kdf",
            changed(&["kdf", "name"], "scrypt".into()),
            SealError::UnknownKdf {
                name: "scrypt".into(),
            },
        ),
        (
            "cipher",
            changed(&["cipher", "name"], "ChaCha20-Poly1305".into()),
            SealError::UnknownCipher {
                name: "ChaCha20-Poly1305".into(),
            },
        ),
        (
            "few iterations",
            changed(&["kdf", "iterations"], 1000.into()),
            SealError::BadParameters,
        ),
        (
            "too many iterations",
            changed(&["kdf", "iterations"], 4_000_000_000_u64.into()),
            SealError::BadParameters,
        ),
        (
            "short salt",
            changed(&["kdf", "salt"], encode(b"short").into()),
            SealError::BadParameters,
        ),
        (
            "long iv",
            changed(&["cipher", "iv"], encode(b"fedcba9876543").into()),
            SealError::BadParameters,
        ),
        (
            "an unknown field",
            changed(&["note"], "added".into()),
            SealError::BadParameters,
        ),
        (
            "an unknown field of the kdf",
            changed(&["kdf", "memory"], 65536.into()),
            SealError::BadParameters,
        ),
        (
            "iterations as text",
            changed(&["kdf", "iterations"], "600000".into()),
            SealError::BadParameters,
        ),
        (
            "no iv",
            changed(&["cipher", "iv"], Value::Null),
            SealError::BadParameters,
        ),
        (
            "not base64",
            changed(&["ciphertext"], "***".into()),
            SealError::BadParameters,
        ),
        (
            "no ciphertext",
            changed(&["ciphertext"], "".into()),
            SealError::BadParameters,
        ),
        (
            "a field added",
            changed(&["extra"], "x".into()),
            SealError::BadParameters,
        ),
    ];
    for (what, bytes, expected) in cases {
        assert_eq!(
            native::open(&bytes, PASSPHRASE),
            Err(expected.clone()),
            "{what}"
        );
        assert!(!expected.message().is_empty());
    }
    // The JSON's spacing and key order are not part of what is authenticated.
    let compact =
        serde_json::to_vec(&serde_json::from_str::<Value>(&sealed().to_json()).expect("json"))
            .expect("json");
    assert!(native::open(&compact, PASSPHRASE).is_ok());
}

#[test]
fn a_truncated_or_foreign_file_is_refused_before_any_key_is_derived() {
    let text = sealed().to_json();
    for cut in [0, 1, 20, text.len() / 2, text.len() - 3] {
        assert!(
            matches!(
                parse_sealed(&text.as_bytes()[..cut]),
                Err(SealError::NotJson)
            ),
            "cut at {cut}"
        );
    }
    // Cut inside the ciphertext but still JSON: the tag fails.
    let mut file = sealed();
    file.ciphertext = tusoi_core::base::base64::encode(&file.ciphertext_bytes()[..40]);
    assert_eq!(
        native::open(file.to_json().as_bytes(), PASSPHRASE),
        Err(SealError::WrongPassphraseOrChanged)
    );
    assert_eq!(parse_sealed(b"\xff\xfe"), Err(SealError::NotJson));
    assert_eq!(parse_sealed(export().as_bytes()), Err(SealError::NotOurs));
    assert_eq!(
        parse_sealed(b"{\"format\": \"tusoi-sealed\"}"),
        Err(SealError::NotOurs)
    );
}

#[test]
fn committed_sealed_schema_matches_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/sealed.schema.json");
    let generated = json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).expect("write the schema");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is out of date: run UPDATE_SCHEMA=1 cargo test -p tusoi-core --all-features and commit it"
    );
}
