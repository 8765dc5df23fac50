//! The sealed file ("Xuất có mật khẩu", `tusoi-sealed`, schema `schema/sealed.schema.json`): an
//! export (or a chi bộ's roll-up) that only the passphrase given when it was written opens.
//!
//! ```text
//! key        = PBKDF2-HMAC-SHA256(passphrase, salt: 16 random bytes, iterations ≥ 600 000) → 256 bits
//! ciphertext = AES-256-GCM(key, iv: 12 random bytes, additional data = the header, plaintext)
//! ```
//!
//! The header (format, version, what is inside, the KDF and its parameters, the cipher and its IV)
//! is the additional authenticated data, so changing any field of the file, not only the
//! ciphertext, makes it fail to open, and a wrong passphrase and a changed byte look alike: "the
//! passphrase is wrong or the file was changed". Parameters are checked before any work: an
//! unknown KDF or cipher, a salt or IV of the wrong length, or an iteration count outside
//! 600 000 – 10 000 000 (fewer would make guessing cheap, more would hang the phone) are refused
//! with their own message.
//!
//! The core holds no cryptography: the browser derives and decrypts with WebCrypto
//! (`SubtleCrypto`), and the native tests with the RustCrypto crates, from the same bytes this
//! module gives ([`SealedFile::aad`], [`SealedFile::salt`], [`SealedFile::iv`]). Random bytes and
//! the time come in as values.

use schemars::JsonSchema;
use serde::Serialize;

use crate::base::base64;
use crate::base::messages::{catalogue, fill};

// The sealed file's own catalogue: only a build that opens sealed files carries its texts.
catalogue! {
    SealMsg, st;
    SealedDamaged => "Tệp có mật khẩu này bị hỏng hoặc thiếu phần (các thông số mã hoá không đúng). Hãy xin lại tệp từ người gửi.",
    SealedTooNew => "Tệp có mật khẩu được tạo bởi phiên bản Tự soi mới hơn (định dạng {found}). Hãy cập nhật ứng dụng rồi mở lại.",
    SealedUnknownMethod => "Tệp dùng cách mã hoá “{name}” mà phiên bản này không biết. Hãy cập nhật ứng dụng, hoặc xin người gửi xuất lại bằng Tự soi.",
    SealedWrongPassphrase => "Không mở được: mật khẩu không đúng, hoặc tệp đã bị thay đổi sau khi xuất. Hãy gõ lại mật khẩu (chú ý chữ hoa, dấu tiếng Việt); nếu vẫn không được, xin người gửi xuất lại. Chưa có gì được lưu.",
    SealedNoCrypto => "Trình duyệt chỉ cho mã hoá khi trang được mở qua HTTPS (hoặc ngay trên máy này), mà trang này mở qua HTTP thường. Hãy dùng tệp thường (“Xuất JSON”, “Gửi”), hoặc nhờ người quản trị trang bật HTTPS.",
    SealedFailed => "Trình duyệt không mã hoá được ({detail}). Chưa có tệp nào được tạo; bản nháp trên máy vẫn như cũ.",
    PassphraseTooShort => "Mật khẩu cần ít nhất {min} ký tự.",
    PassphraseMismatch => "Hai lần gõ mật khẩu không giống nhau. Hãy gõ lại.",
    PassphraseEmpty => "Hãy gõ mật khẩu của tệp.",
    SealPassphrase => "Mật khẩu",
    OpenSealedTitle => "Tệp có mật khẩu",
    OpenSealedExplain => "Tệp “{name}” được khoá bằng mật khẩu. Gõ mật khẩu người gửi đã dùng khi xuất tệp.",
    OpenSealedAction => "Mở tệp",
    OpenSealedWorking => "Đang giải mã…",
    SealedNeedsPassphrase => "Tệp có mật khẩu: hãy gõ mật khẩu chi bộ đã thống nhất vào ô “Mật khẩu của tệp”, rồi chọn lại tệp này (hoặc dán lại nội dung, nếu đã dán). Chưa có gì được lưu.",
    SealedWorkspacePassphrase => "Mật khẩu của tệp (nếu đảng viên gửi tệp có mật khẩu)",
    SealedWorkspaceNote => "Mật khẩu chỉ giữ trong trang này để mở các tệp, không lưu lại.",
}

/// The shortest passphrase a member may seal with. Sealed files travel through chat and e-mail,
/// where anyone holding one can guess offline; 600 000 PBKDF2 rounds make each guess slow, the
/// length makes the guesses many.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Checks a new passphrase typed twice, before sealing: what is wrong, in Vietnamese.
pub fn check_new_passphrase(first: &str, second: &str) -> Result<(), String> {
    if first.is_empty() {
        return Err(st(SealMsg::PassphraseEmpty).to_owned());
    }
    if first.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(fill(
            st(SealMsg::PassphraseTooShort),
            &[("min", &MIN_PASSPHRASE_CHARS.to_string())],
        ));
    }
    if passphrase_bytes(first) != passphrase_bytes(second) {
        return Err(st(SealMsg::PassphraseMismatch).to_owned());
    }
    Ok(())
}

/// The bytes a passphrase is derived from: its UTF-8 once composed (NFC for Vietnamese letters,
/// `base::text::compose_vietnamese`), so "ộ" typed as one letter or as "o" and two marks is the
/// same passphrase in every browser and natively. Nothing is trimmed: a space is part of it.
pub fn passphrase_bytes(passphrase: &str) -> Vec<u8> {
    crate::base::text::compose_vietnamese(passphrase).into_bytes()
}

pub const SEALED_FORMAT: &str = "tusoi-sealed";
pub const SEALED_VERSION: u32 = 1;
pub const KDF_PBKDF2_SHA256: &str = "PBKDF2-SHA256";
pub const CIPHER_AES_256_GCM: &str = "AES-256-GCM";
/// OWASP's figure for PBKDF2-HMAC-SHA256 (2023): about 150 ms on our machines.
pub const ITERATIONS: u32 = 600_000;
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// The GCM tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;

/// A sealed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SealedFile {
    /// Always `tusoi-sealed`.
    #[schemars(extend("const" = "tusoi-sealed"))]
    pub format: String,
    #[schemars(range(min = 1))]
    pub schema_version: u32,
    /// The version of the app that wrote the file.
    pub app_version: String,
    /// When the file was sealed (RFC 3339, UTC).
    pub sealed_at: String,
    /// The format of what is inside: `tusoi-export` (a member's documents) or `tusoi-rollup`.
    pub content: String,
    pub kdf: Kdf,
    pub cipher: CipherParams,
    /// The encrypted content with the GCM tag at its end, base64.
    pub ciphertext: String,
}

/// How the key is derived from the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    /// `PBKDF2-SHA256` (PBKDF2 with HMAC-SHA-256, a 256-bit key).
    pub name: String,
    pub iterations: u32,
    /// 16 random bytes, base64.
    pub salt: String,
}

/// How the content is encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CipherParams {
    /// `AES-256-GCM` (a 128-bit tag).
    pub name: String,
    /// 12 random bytes, base64.
    pub iv: String,
}

/// Why a sealed file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    NotJson,
    NotOurs,
    TooNew {
        found: u64,
    },
    UnknownKdf {
        name: String,
    },
    UnknownCipher {
        name: String,
    },
    /// A salt, IV, ciphertext or iteration count that cannot be right.
    BadParameters,
    /// The tag did not verify: a wrong passphrase, or a byte of the file changed.
    WrongPassphraseOrChanged,
}

impl SealError {
    /// What happened and what to do, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            SealError::NotJson | SealError::NotOurs | SealError::BadParameters => {
                st(SealMsg::SealedDamaged).to_owned()
            }
            SealError::TooNew { found } => {
                fill(st(SealMsg::SealedTooNew), &[("found", &found.to_string())])
            }
            SealError::UnknownKdf { name } | SealError::UnknownCipher { name } => {
                fill(st(SealMsg::SealedUnknownMethod), &[("name", name)])
            }
            SealError::WrongPassphraseOrChanged => st(SealMsg::SealedWrongPassphrase).to_owned(),
        }
    }
}

/// Whether a file says it is sealed (to ask for the passphrase instead of reading it as an export).
pub fn is_sealed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let needle = format!("\"{SEALED_FORMAT}\"");
    head.windows(needle.len()).any(|w| w == needle.as_bytes())
}

impl SealedFile {
    /// The header of a file to seal, with the random salt and IV the caller drew and no ciphertext
    /// yet: encrypt with [`SealedFile::aad`], then [`SealedFile::with_ciphertext`].
    pub fn header(
        content: &str,
        salt: &[u8; SALT_BYTES],
        iv: &[u8; IV_BYTES],
        now: &str,
    ) -> SealedFile {
        SealedFile {
            format: SEALED_FORMAT.to_owned(),
            schema_version: SEALED_VERSION,
            app_version: crate::base::util::APP_VERSION.to_owned(),
            sealed_at: now.to_owned(),
            content: content.to_owned(),
            kdf: Kdf {
                name: KDF_PBKDF2_SHA256.to_owned(),
                iterations: ITERATIONS,
                salt: base64::encode(salt),
            },
            cipher: CipherParams {
                name: CIPHER_AES_256_GCM.to_owned(),
                iv: base64::encode(iv),
            },
            ciphertext: String::new(),
        }
    }

    pub fn with_ciphertext(mut self, ciphertext: &[u8]) -> SealedFile {
        self.ciphertext = base64::encode(ciphertext);
        self
    }

    /// The additional authenticated data: every field but the ciphertext, one per line, in a
    /// fixed order. Written and read the same way whatever the JSON's spacing or key order.
    pub fn aad(&self) -> Vec<u8> {
        [
            self.format.as_str(),
            &self.schema_version.to_string(),
            &self.app_version,
            &self.sealed_at,
            &self.content,
            &self.kdf.name,
            &self.kdf.iterations.to_string(),
            &self.kdf.salt,
            &self.cipher.name,
            &self.cipher.iv,
        ]
        .join("\n")
        .into_bytes()
    }

    pub fn salt(&self) -> Vec<u8> {
        base64::decode(&self.kdf.salt).unwrap_or_default()
    }

    pub fn iv(&self) -> Vec<u8> {
        base64::decode(&self.cipher.iv).unwrap_or_default()
    }

    pub fn ciphertext_bytes(&self) -> Vec<u8> {
        base64::decode(&self.ciphertext).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Reads a sealed file's envelope and checks its parameters, before any key is derived.
pub fn parse_sealed(bytes: &[u8]) -> Result<SealedFile, SealError> {
    let text = std::str::from_utf8(bytes).map_err(|_| SealError::NotJson)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| SealError::NotJson)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(SEALED_FORMAT) {
        return Err(SealError::NotOurs);
    }
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v > u64::from(SEALED_VERSION) => return Err(SealError::TooNew { found: v }),
        Some(v) if v >= 1 => {}
        _ => return Err(SealError::NotOurs),
    }
    let file = typed(&value).ok_or(SealError::BadParameters)?;
    if file.kdf.name != KDF_PBKDF2_SHA256 {
        return Err(SealError::UnknownKdf {
            name: file.kdf.name,
        });
    }
    if file.cipher.name != CIPHER_AES_256_GCM {
        return Err(SealError::UnknownCipher {
            name: file.cipher.name,
        });
    }
    let sized = |text: &str, len: usize| base64::decode(text).is_some_and(|b| b.len() == len);
    if !(ITERATIONS..=MAX_ITERATIONS).contains(&file.kdf.iterations)
        || !sized(&file.kdf.salt, SALT_BYTES)
        || !sized(&file.cipher.iv, IV_BYTES)
        || base64::decode(&file.ciphertext).is_none_or(|c| c.len() < TAG_BYTES)
    {
        return Err(SealError::BadParameters);
    }
    Ok(file)
}

/// The envelope's fields, read by hand: serde's derived readers for the three types cost the
/// member's bundle about 1 kB of brotli, for a format this small. Unknown fields and wrong types
/// are refused as `deny_unknown_fields` would (the schema says the same).
fn typed(value: &serde_json::Value) -> Option<SealedFile> {
    fn fields<'a>(
        value: Option<&'a serde_json::Value>,
        known: &[&str],
    ) -> Option<&'a serde_json::Map<String, serde_json::Value>> {
        let object = value?.as_object()?;
        object
            .keys()
            .all(|k| known.contains(&k.as_str()))
            .then_some(object)
    }
    let text = |object: &serde_json::Map<String, serde_json::Value>, name: &str| {
        object.get(name)?.as_str().map(str::to_owned)
    };
    let number = |object: &serde_json::Map<String, serde_json::Value>, name: &str| {
        u32::try_from(object.get(name)?.as_u64()?).ok()
    };
    let top = fields(
        Some(value),
        &[
            "format",
            "schema_version",
            "app_version",
            "sealed_at",
            "content",
            "kdf",
            "cipher",
            "ciphertext",
        ],
    )?;
    let kdf = fields(top.get("kdf"), &["name", "iterations", "salt"])?;
    let cipher = fields(top.get("cipher"), &["name", "iv"])?;
    Some(SealedFile {
        format: text(top, "format")?,
        schema_version: number(top, "schema_version")?,
        app_version: text(top, "app_version")?,
        sealed_at: text(top, "sealed_at")?,
        content: text(top, "content")?,
        kdf: Kdf {
            name: text(kdf, "name")?,
            iterations: number(kdf, "iterations")?,
            salt: text(kdf, "salt")?,
        },
        cipher: CipherParams {
            name: text(cipher, "name")?,
            iv: text(cipher, "iv")?,
        },
        ciphertext: text(top, "ciphertext")?,
    })
}

/// The JSON Schema of the sealed format, as committed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(SealedFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::tests::check_catalogue;

    #[test]
    fn every_key_of_the_sealed_file_has_vietnamese_text_with_balanced_placeholders() {
        check_catalogue(SealMsg::ALL, st);
    }

    #[test]
    fn a_new_passphrase_is_refused_when_empty_short_or_typed_differently() {
        assert_eq!(
            check_new_passphrase("", ""),
            Err(st(SealMsg::PassphraseEmpty).to_owned())
        );
        assert!(check_new_passphrase("chibo26", "chibo26")
            .is_err_and(|m| m.contains(&MIN_PASSPHRASE_CHARS.to_string())));
        assert_eq!(
            check_new_passphrase("Chi bộ Tân Phú", "Chi bộ Tân Phu"),
            Err(st(SealMsg::PassphraseMismatch).to_owned())
        );
        assert_eq!(
            check_new_passphrase("Chi bộ Tân Phú", "Chi bộ Tân Phú"),
            Ok(())
        );
        // Eight letters, counted as letters, not bytes: "đảng bộ!" is 8 characters, 12 bytes.
        assert_eq!(check_new_passphrase("đảng bộ!", "đảng bộ!"), Ok(()));
        assert!(check_new_passphrase("đảng bộ", "đảng bộ").is_err());
    }

    #[test]
    fn a_passphrase_typed_decomposed_is_the_same_passphrase() {
        // "ộ" as one code point, and as "o" + combining circumflex + combining dot below.
        let composed = "Chi b\u{1ed9} 2026";
        let decomposed = "Chi bo\u{302}\u{323} 2026";
        assert_eq!(passphrase_bytes(composed), passphrase_bytes(decomposed));
        assert_eq!(check_new_passphrase(composed, decomposed), Ok(()));
        assert_eq!(passphrase_bytes(" a "), b" a ".to_vec());
    }
}
