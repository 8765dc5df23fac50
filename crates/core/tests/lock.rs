//! The lock of the drafts at rest (`workflow::lock`, docs/lock.md) natively, with the RustCrypto
//! crates doing what WebCrypto does in the browser: a keyring made, read back and unlocked by the
//! passphrase or the recovery code; a passphrase changed without touching a record; records that
//! open only under their own store and id; a keyring changed field by field refused before any key
//! is derived.
#![cfg(feature = "native-crypto")]

use serde_json::Value;
use tusoi_core::workflow::lock::{
    decode_locked, encode_locked, parse_recovery_code, record_aad, recovery_code, Keyring,
    KeyringError, DATA_KEY_CONTENT,
};
use tusoi_core::workflow::sealed::{SealError, SealedFile};
use tusoi_core::workflow::sealed_native as native;

const PASSPHRASE: &str = "Nhà tôi ở Tân Phú, 2026";
const DATA_KEY: [u8; 32] = *b"a data key of thirty-two bytes!!";
const RECOVERY: [u8; 15] = *b"fifteen bytes!!";
const NOW: &str = "2026-12-03T08:00:00.000Z";

fn slot(secret: &str, salt: u8) -> SealedFile {
    native::seal(
        &DATA_KEY,
        DATA_KEY_CONTENT,
        secret,
        &[salt; 16],
        &[salt; 12],
        NOW,
    )
}

fn keyring() -> Keyring {
    Keyring::new(slot(PASSPHRASE, 1), slot(&recovery_code(&RECOVERY), 2), 5)
}

fn unlock(slot: &SealedFile, secret: &str) -> Result<Vec<u8>, SealError> {
    native::open(slot.to_json().as_bytes(), secret)
}

fn lock_record(store: &str, id: &str, json: &str, iv: u8) -> String {
    let ct = tusoi_crypto::encrypt(
        &DATA_KEY,
        &[iv; 12],
        &record_aad(store, id),
        json.as_bytes(),
    )
    .expect("encrypts");
    encode_locked(&[iv; 12], &ct)
}

fn open_record(key: &[u8], store: &str, id: &str, field: &str) -> Option<String> {
    let key: [u8; 32] = key.try_into().ok()?;
    let (iv, ct) = decode_locked(field)?;
    let plain = tusoi_crypto::decrypt(&key, &iv, &record_aad(store, id), &ct)?;
    String::from_utf8(plain).ok()
}

#[test]
fn the_passphrase_or_the_recovery_code_unlocks_the_data_key_and_nothing_else_does() {
    let stored = keyring().to_json();
    assert!(!stored.contains(PASSPHRASE));
    let read = Keyring::parse(&stored).expect("its own keyring");
    assert_eq!(read, keyring());
    assert_eq!(unlock(&read.passphrase, PASSPHRASE).unwrap(), DATA_KEY);
    // The code as a member types it back from paper: lower case, spaces, O for 0.
    let typed = recovery_code(&RECOVERY)
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o");
    let code = parse_recovery_code(&typed).expect("a code");
    assert_eq!(unlock(&read.recovery, &code).unwrap(), DATA_KEY);
    for wrong in ["", "Nhà tôi ở Tân Phú, 2025", "nhà tôi ở tân phú, 2026"] {
        assert_eq!(
            unlock(&read.passphrase, wrong),
            Err(SealError::WrongPassphraseOrChanged),
            "{wrong}"
        );
    }
    assert_eq!(
        unlock(&read.recovery, PASSPHRASE),
        Err(SealError::WrongPassphraseOrChanged)
    );
}

#[test]
fn changing_the_passphrase_rewraps_the_key_and_every_record_still_opens() {
    let record = lock_record("documents", "d1", "{\"title\":\"Bản kiểm điểm\"}", 9);
    let changed = keyring().with_passphrase(slot("một mật khẩu mới dài", 3));
    let read = Keyring::parse(&changed.to_json()).unwrap();
    assert_eq!(
        unlock(&read.passphrase, PASSPHRASE),
        Err(SealError::WrongPassphraseOrChanged)
    );
    let key = unlock(&read.passphrase, "một mật khẩu mới dài").unwrap();
    assert_eq!(key, DATA_KEY);
    assert_eq!(
        read.recovery,
        keyring().recovery,
        "the recovery code still works"
    );
    assert_eq!(
        open_record(&key, "documents", "d1", &record).as_deref(),
        Some("{\"title\":\"Bản kiểm điểm\"}")
    );
}

#[test]
fn a_record_opens_only_under_its_own_store_and_id_and_a_changed_byte_is_caught() {
    let json = "{\"id\":\"d1\",\"sections\":{\"A.II.1\":\"Còn chậm báo cáo tháng 3.\"}}";
    let field = lock_record("documents", "d1", json, 4);
    assert!(!field.contains("báo cáo"));
    assert_eq!(
        open_record(&DATA_KEY, "documents", "d1", &field).as_deref(),
        Some(json)
    );
    assert_eq!(
        open_record(&DATA_KEY, "documents", "d2", &field),
        None,
        "moved to another id"
    );
    assert_eq!(
        open_record(&DATA_KEY, "summaries", "d1", &field),
        None,
        "moved to another store"
    );
    assert_eq!(
        open_record(&[7; 32], "documents", "d1", &field),
        None,
        "another key"
    );
    // Every byte of the ciphertext and the IV matters.
    let (iv, ct) = decode_locked(&field).unwrap();
    for at in 0..ct.len() {
        let mut changed = ct.clone();
        changed[at] ^= 1;
        assert_eq!(
            open_record(&DATA_KEY, "documents", "d1", &encode_locked(&iv, &changed)),
            None
        );
    }
    let mut other_iv = iv;
    other_iv[0] ^= 1;
    assert_eq!(
        open_record(&DATA_KEY, "documents", "d1", &encode_locked(&other_iv, &ct)),
        None
    );
    // Two writes of one record never share an IV in the browser; here: different IVs, different bytes.
    assert_ne!(lock_record("documents", "d1", json, 5), field);
}

#[test]
fn a_keyring_changed_field_by_field_is_refused_before_any_key_is_derived() {
    let good: Value = serde_json::from_str(&keyring().to_json()).unwrap();
    let changed = |edit: &dyn Fn(&mut Value)| {
        let mut value = good.clone();
        edit(&mut value);
        Keyring::parse(&value.to_string())
    };
    assert_eq!(
        changed(&|v| v["format"] = "tusoi-sealed".into()),
        Err(KeyringError::Damaged)
    );
    assert_eq!(
        changed(&|v| v["version"] = 2.into()),
        Err(KeyringError::TooNew { found: 2 })
    );
    assert_eq!(
        changed(&|v| v["version"] = 0.into()),
        Err(KeyringError::Damaged)
    );
    assert_eq!(
        changed(&|v| v["idle_minutes"] = 7.into()),
        Err(KeyringError::Damaged)
    );
    assert_eq!(
        changed(&|v| v["extra"] = true.into()),
        Err(KeyringError::Damaged)
    );
    assert_eq!(
        changed(&|v| v
            .as_object_mut()
            .unwrap()
            .remove("recovery")
            .map(drop)
            .unwrap_or(())),
        Err(KeyringError::Damaged)
    );
    assert_eq!(
        changed(&|v| v["passphrase"]["kdf"]["iterations"] = 1000.into()),
        Err(KeyringError::Slot(SealError::BadParameters))
    );
    assert_eq!(
        changed(&|v| v["recovery"]["kdf"]["name"] = "scrypt".into()),
        Err(KeyringError::Slot(SealError::UnknownKdf {
            name: "scrypt".into()
        }))
    );
    assert_eq!(
        changed(&|v| v["passphrase"]["content"] = "tusoi-export".into()),
        Err(KeyringError::Damaged),
        "a slot must hold a data key"
    );
    // A slot holding something else than 32 bytes.
    let short = native::seal(
        &[1; 16],
        DATA_KEY_CONTENT,
        PASSPHRASE,
        &[1; 16],
        &[1; 12],
        NOW,
    );
    let mut value = good.clone();
    value["passphrase"] = serde_json::to_value(&short).unwrap();
    assert_eq!(
        Keyring::parse(&value.to_string()),
        Err(KeyringError::Damaged)
    );
    assert_eq!(Keyring::parse("{"), Err(KeyringError::Damaged));
    // A slot's authenticated header changed after sealing: refused when unlocking.
    let mut value = good.clone();
    value["passphrase"]["sealed_at"] = "2026-12-04T08:00:00.000Z".into();
    let read = Keyring::parse(&value.to_string()).expect("well formed");
    assert_eq!(
        unlock(&read.passphrase, PASSPHRASE),
        Err(SealError::WrongPassphraseOrChanged)
    );
}
