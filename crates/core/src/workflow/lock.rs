//! The lock of the drafts at rest ("Khoá bằng mật khẩu", issue 13): what is stored and the bytes
//! each step works on, not the cryptography (the browser runs it with WebCrypto, the native tests
//! with `tusoi-crypto`; both from the bytes this module gives). The plan it serves is
//! `docs/lock.md`.
//!
//! ```text
//! data key   = 32 random bytes (AES-256-GCM), never stored in the clear
//! keyring    = the data key sealed twice (`sealed::SealedFile`, content `tusoi-data-key`):
//!              under the passphrase, and under the recovery code
//! a record   = AES-256-GCM(data key, 12 random bytes, additional data = store and id, the JSON)
//! ```
//!
//! - A slot of the keyring is exactly a sealed file whose plaintext is the data key, so one reader
//!   checks both (`sealed::parse_sealed`: known KDF and cipher, PBKDF2-SHA256 ≥ 600.000 rounds,
//!   sizes), and WebCrypto's `wrapKey`/`unwrapKey` with AES-GCM produce and open the same bytes.
//! - Changing the passphrase seals the data key again under the new one: no record is touched.
//! - A record's additional data names its store and id, so a record copied to another id or
//!   store does not open, and a record whose tag fails is named by its id.
//! - The recovery code is 120 random bits as 24 letters of Crockford's base32, six groups of four;
//!   typed back, case, spaces and dashes do not matter, and O reads as 0, I and L as 1.

use crate::base::base64;
use crate::base::messages::catalogue;
use crate::workflow::sealed::{parse_sealed, SealError, SealedFile, IV_BYTES, TAG_BYTES};

catalogue! {
    LockMsg, lt;
    LockTitle => "Khoá bằng mật khẩu",
    LockIntro => "Khi bật, mọi bản nháp, danh sách, thông tin của tôi và dấu đã xuất được mã hoá trên máy này (AES-256-GCM). Mỗi lần mở Tự soi phải gõ mật khẩu; ai cầm máy mà không có mật khẩu chỉ thấy tên ứng dụng.",
    LockWarning => "Quên mật khẩu thì không ai lấy lại được, kể cả người làm ứng dụng: chỉ còn mã khôi phục. Hãy chép mã khôi phục ra giấy và cất riêng.",
    LockWorkspaceNote => "Các hồ sơ tổng hợp của chi bộ trên máy này (trang “Tổng hợp”, với các bản của đảng viên đã nhận) cũng được khoá bằng mật khẩu này.",
    LockNoCryptoHere => "Trang này không mã hoá được (cần địa chỉ HTTPS và trình duyệt mới), nên chưa bật được khoá.",
    LockNoStorageHere => "Trang này đang chạy trong bộ nhớ tạm (không có IndexedDB), nên không có gì để khoá.",
    LockPassphrase => "Mật khẩu",
    LockPassphraseAgain => "Gõ lại mật khẩu",
    LockShow => "Hiện mật khẩu",
    LockIdle => "Tự khoá lại sau khi không dùng (hoặc ẩn trang)",
    LockIdleMinutes => "{n} phút",
    LockContinue => "Tiếp tục",
    LockCodeTitle => "Mã khôi phục",
    LockCodeIntro => "Chép mã dưới đây ra giấy. Mã chỉ hiện một lần này; khi quên mật khẩu, mã này mở được các bản nháp.",
    LockCodeConfirm => "Gõ lại nhóm chữ cuối của mã để xác nhận đã chép",
    LockCodeMismatch => "Nhóm chữ cuối chưa khớp với mã. Hãy xem lại mã đã chép.",
    LockTurnOn => "Bật khoá",
    LockTurningOn => "Đang mã hoá các bản nháp…",
    LockOn => "Đang bật: các bản nháp được mã hoá trên máy này.",
    LockTurnedOn => "Đã bật khoá. Từ nay mỗi lần mở Tự soi cần mật khẩu.",
    LockNow => "Khoá ngay",
    LockCurrent => "Mật khẩu hiện tại (hoặc mã khôi phục)",
    LockNew => "Mật khẩu mới",
    LockNewAgain => "Gõ lại mật khẩu mới",
    LockChange => "Đổi mật khẩu",
    LockChanged => "Đã đổi mật khẩu. Mã khôi phục cũ vẫn dùng được.",
    LockIdleSaved => "Đã lưu thời gian tự khoá.",
    LockTurnOff => "Tắt khoá",
    LockTurnOffIntro => "Tắt khoá sẽ lưu lại mọi bản nháp dưới dạng không mã hoá. Gõ mật khẩu hiện tại để xác nhận.",
    LockTurnedOff => "Đã tắt khoá: các bản nháp được lưu không mã hoá.",
    LockWorking => "Đang làm…",
    UnlockTitle => "Tự soi đang khoá",
    UnlockIntro => "Các bản nháp trên máy này được khoá bằng mật khẩu. Gõ mật khẩu để mở.",
    UnlockButton => "Mở khoá",
    UnlockUseCode => "Quên mật khẩu? Dùng mã khôi phục",
    UnlockUsePassphrase => "Dùng mật khẩu",
    UnlockCode => "Mã khôi phục (24 chữ, 6 nhóm)",
    UnlockWrong => "Mật khẩu không đúng. Chưa có gì thay đổi; hãy gõ lại.",
    UnlockWrongCode => "Mã khôi phục không đúng. Chưa có gì thay đổi; hãy xem lại mã đã chép.",
    UnlockNotACode => "Mã khôi phục có 24 chữ và số (6 nhóm 4 ký tự). Hãy xem lại mã đã chép.",
    UnlockEmpty => "Hãy gõ mật khẩu.",
    UnlockWorking => "Đang mở khoá…",
    UnlockWithCodeDone => "Đã mở bằng mã khôi phục. Hãy đặt mật khẩu mới trong “Cài đặt → Khoá bằng mật khẩu → Đổi mật khẩu”, gõ mã khôi phục vào ô mật khẩu hiện tại.",
    KeyringDamaged => "Phần khoá lưu trên máy bị hỏng nên không mở được các bản nháp. Nếu còn tệp đã xuất, hãy nhập lại vào trình duyệt khác.",
    KeyringTooNew => "Phần khoá được tạo bởi phiên bản Tự soi mới hơn. Hãy cập nhật ứng dụng rồi mở lại.",
    LockFailed => "Không làm được: {detail}. Chưa có gì thay đổi.",
    LockNeedsStorage => "Khoá bằng mật khẩu cần bộ nhớ lâu dài của trình duyệt (IndexedDB), mà trang này đang chạy trong bộ nhớ tạm.",
    LockBusy => "Một thẻ khác đang liên tục ghi nên chưa chuyển được; chưa có gì thay đổi. Hãy đóng các thẻ Tự soi khác rồi làm lại.",
}

pub const KEYRING_FORMAT: &str = "tusoi-keyring";
pub const KEYRING_VERSION: u32 = 1;
/// The `content` of a keyring's slot: the data key's 32 raw bytes.
pub const DATA_KEY_CONTENT: &str = "tusoi-data-key";
pub const DATA_KEY_BYTES: usize = 32;
/// The random bytes of a recovery code (120 bits: 24 letters of 5 bits).
pub const RECOVERY_BYTES: usize = 15;
/// The idle times a member may choose, in minutes; the first is the default.
pub const IDLE_MINUTES: [u32; 4] = [5, 1, 15, 60];

/// What the device keeps to unlock: the data key sealed under the passphrase and under the
/// recovery code, and when to lock again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    pub passphrase: SealedFile,
    pub recovery: SealedFile,
    /// Minutes without a touch (or hidden) before the app locks again; one of [`IDLE_MINUTES`].
    pub idle_minutes: u32,
}

/// Why a keyring cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyringError {
    /// Not a keyring, or one whose fields cannot be right.
    Damaged,
    /// Written by a newer version of the app.
    TooNew { found: u64 },
    /// A slot refused by the sealed file's reader (an unknown KDF, parameters out of bounds).
    Slot(SealError),
}

impl Keyring {
    pub fn new(passphrase: SealedFile, recovery: SealedFile, idle_minutes: u32) -> Keyring {
        Keyring {
            passphrase,
            recovery,
            idle_minutes,
        }
    }

    /// The keyring with the data key sealed under a new passphrase; the recovery slot stays.
    pub fn with_passphrase(&self, passphrase: SealedFile) -> Keyring {
        Keyring {
            passphrase,
            ..self.clone()
        }
    }

    pub fn to_json(&self) -> String {
        let slot = |s: &SealedFile| serde_json::to_value(s).unwrap_or_default();
        let value = serde_json::json!({
            "format": KEYRING_FORMAT,
            "version": KEYRING_VERSION,
            "idle_minutes": self.idle_minutes,
            "passphrase": slot(&self.passphrase),
            "recovery": slot(&self.recovery),
        });
        serde_json::to_string(&value).unwrap_or_default()
    }

    /// Reads a stored keyring: each slot checked as a sealed file holding a data key, before any
    /// key is derived.
    pub fn parse(text: &str) -> Result<Keyring, KeyringError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| KeyringError::Damaged)?;
        let object = value.as_object().ok_or(KeyringError::Damaged)?;
        if object.get("format").and_then(|f| f.as_str()) != Some(KEYRING_FORMAT) {
            return Err(KeyringError::Damaged);
        }
        match object.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(KEYRING_VERSION) => {
                return Err(KeyringError::TooNew { found: v })
            }
            Some(1) => {}
            _ => return Err(KeyringError::Damaged),
        }
        let known = [
            "format",
            "version",
            "idle_minutes",
            "passphrase",
            "recovery",
        ];
        if !object.keys().all(|k| known.contains(&k.as_str())) {
            return Err(KeyringError::Damaged);
        }
        let slot = |name: &str| -> Result<SealedFile, KeyringError> {
            let text = object.get(name).ok_or(KeyringError::Damaged)?.to_string();
            let file = parse_sealed(text.as_bytes()).map_err(|e| match e {
                SealError::NotJson | SealError::NotOurs => KeyringError::Damaged,
                other => KeyringError::Slot(other),
            })?;
            let holds_a_key = file.content == DATA_KEY_CONTENT
                && file.ciphertext_bytes().len() == DATA_KEY_BYTES + TAG_BYTES;
            holds_a_key.then_some(file).ok_or(KeyringError::Damaged)
        };
        let idle_minutes = object
            .get("idle_minutes")
            .and_then(serde_json::Value::as_u64)
            .and_then(|m| u32::try_from(m).ok())
            .filter(|m| IDLE_MINUTES.contains(m))
            .ok_or(KeyringError::Damaged)?;
        Ok(Keyring {
            passphrase: slot("passphrase")?,
            recovery: slot("recovery")?,
            idle_minutes,
        })
    }
}

/// Crockford's base32: no I, L, O or U.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The recovery code of 15 random bytes: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`, to be written down.
pub fn recovery_code(bytes: &[u8; RECOVERY_BYTES]) -> String {
    let mut letters = String::with_capacity(29);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            if !letters.is_empty() && letters.len() % 5 == 4 {
                letters.push('-');
            }
            letters.push(char::from(CROCKFORD[((buffer >> bits) & 31) as usize]));
        }
    }
    letters
}

/// A recovery code as typed, in its written form (what the key is derived from), or `None` when
/// it cannot be one: case, spaces and dashes do not matter; O reads as 0, I and L as 1.
pub fn parse_recovery_code(typed: &str) -> Option<String> {
    let mut letters = Vec::with_capacity(24);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        let index = CROCKFORD.iter().position(|&l| char::from(l) == c)?;
        letters.push(index as u8);
    }
    if letters.len() != 24 {
        return None;
    }
    let mut bytes = [0u8; RECOVERY_BYTES];
    let (mut buffer, mut bits, mut at) = (0u32, 0u32, 0usize);
    for five in letters {
        buffer = (buffer << 5) | u32::from(five);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes[at] = (buffer >> bits) as u8;
            at += 1;
        }
    }
    Some(recovery_code(&bytes))
}

/// The additional authenticated data of a record: its store and id, so it opens only there.
pub fn record_aad(store: &str, id: &str) -> Vec<u8> {
    format!("tusoi-record\n1\n{store}\n{id}").into_bytes()
}

/// An encrypted record's field as stored: `v1.<iv>.<ciphertext and tag>`, base64.
pub fn encode_locked(iv: &[u8; IV_BYTES], ciphertext: &[u8]) -> String {
    format!("v1.{}.{}", base64::encode(iv), base64::encode(ciphertext))
}

/// The IV and the ciphertext of a stored record's field, or `None` when it is not one.
pub fn decode_locked(field: &str) -> Option<([u8; IV_BYTES], Vec<u8>)> {
    let mut parts = field.strip_prefix("v1.")?.split('.');
    let iv: [u8; IV_BYTES] = base64::decode(parts.next()?)?.try_into().ok()?;
    let ciphertext = base64::decode(parts.next()?)?;
    (parts.next().is_none() && ciphertext.len() >= TAG_BYTES).then_some((iv, ciphertext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::tests::check_catalogue;

    #[test]
    fn every_key_of_the_lock_has_vietnamese_text_with_balanced_placeholders() {
        check_catalogue(LockMsg::ALL, lt);
    }

    #[test]
    fn a_recovery_code_is_six_groups_of_four_and_reads_back_forgivingly() {
        let bytes: [u8; RECOVERY_BYTES] =
            *b"\x00\xff\x10\x32\x54\x76\x98\xba\xdc\xfe\x01\x23\x45\x67\x89";
        let code = recovery_code(&bytes);
        assert_eq!(code.len(), 29);
        assert_eq!(code.split('-').count(), 6);
        assert!(code.split('-').all(|g| g.len() == 4));
        assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
        assert_eq!(parse_recovery_code(&code).as_deref(), Some(code.as_str()));
        let sloppy = code
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(parse_recovery_code(&sloppy).as_deref(), Some(code.as_str()));
        assert_eq!(
            recovery_code(&[0; RECOVERY_BYTES]),
            "0000-0000-0000-0000-0000-0000"
        );
        assert_eq!(
            recovery_code(&[0xff; RECOVERY_BYTES]),
            "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
        );
        for bad in [
            "",
            "ZZZZ-ZZZZ",
            &format!("{code}-0"),
            &format!("U{}", &code[1..]),
        ] {
            assert_eq!(parse_recovery_code(bad), None, "{bad}");
        }
        assert_eq!(parse_recovery_code("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZU"), None);
    }

    #[test]
    fn every_recovery_code_round_trips() {
        let mut bytes = [0u8; RECOVERY_BYTES];
        for seed in 0u32..2_000 {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = (seed.wrapping_mul(2_654_435_761).rotate_left(i as u32 * 3) >> 8) as u8;
            }
            let code = recovery_code(&bytes);
            assert_eq!(parse_recovery_code(&code), Some(code.clone()));
        }
    }

    #[test]
    fn a_locked_field_round_trips_and_anything_else_is_refused() {
        let iv = *b"0123456789ab";
        let ct = vec![7u8; 40];
        let field = encode_locked(&iv, &ct);
        assert_eq!(decode_locked(&field), Some((iv, ct)));
        for bad in [
            "",
            "{\"id\":\"x\"}",
            "v2.MDEyMzQ1Njc4OWFi.BwcH",
            "v1.MDEy.BwcHBwcHBwcHBwcHBwcHBwcH",
            "v1.MDEyMzQ1Njc4OWFi.BwcH",
            &format!("{field}.x"),
        ] {
            assert_eq!(decode_locked(bad), None, "{bad}");
        }
        assert_ne!(record_aad("documents", "a"), record_aad("summaries", "a"));
        assert_ne!(record_aad("documents", "a"), record_aad("documents", "b"));
    }
}
