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
use serde::{Deserialize, Serialize};

use crate::base::base64;
use crate::base::messages::{catalogue, fill};

// The sealed file's own catalogue: only a build that opens sealed files carries its texts.
catalogue! {
    SealMsg, st;
    SealedDamaged => "Tệp có mật khẩu này bị hỏng hoặc thiếu phần (các thông số mã hoá không đúng). Hãy xin lại tệp từ người gửi.",
    SealedTooNew => "Tệp có mật khẩu được tạo bởi phiên bản Tự soi mới hơn (định dạng {found}). Hãy cập nhật ứng dụng rồi mở lại.",
    SealedUnknownMethod => "Tệp dùng cách mã hoá “{name}” mà phiên bản này không biết. Hãy cập nhật ứng dụng, hoặc xin người gửi xuất lại bằng Tự soi.",
    SealedWrongPassphrase => "Không mở được: mật khẩu không đúng, hoặc tệp đã bị thay đổi sau khi xuất. Hãy gõ lại mật khẩu (chú ý chữ hoa, dấu tiếng Việt); nếu vẫn không được, xin người gửi xuất lại. Chưa có gì được lưu.",
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    /// `PBKDF2-SHA256` (PBKDF2 with HMAC-SHA-256, a 256-bit key).
    pub name: String,
    pub iterations: u32,
    /// 16 random bytes, base64.
    pub salt: String,
}

/// How the content is encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    let file: SealedFile = serde_json::from_value(value).map_err(|_| SealError::BadParameters)?;
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
}
