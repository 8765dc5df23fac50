//! The lock's cryptography in the browser's own WebCrypto (docs/lock.md): a data key wrapped under
//! a passphrase is a sealed file holding its raw bytes (the format `crates/core/tests/lock.rs`
//! checks natively), unwraps only with that passphrase or the recovery code, and comes back
//! non-extractable, able to open what the original key encrypted. Prints the unlock time.

#![allow(clippy::unwrap_used)] // A failed unwrap is a failed test.

use tusoi::platform::crypto::{self, CryptoError};
use tusoi_core::workflow::lock::{
    parse_recovery_code, record_aad, recovery_code, Keyring, DATA_KEY_CONTENT,
};
use tusoi_core::workflow::sealed::{passphrase_bytes, SealedFile};
use wasm_bindgen_test::*;
use web_sys::CryptoKey;

const PASSPHRASE: &str = "Nhà tôi ở Tân Phú, 2026";
const NOW: &str = "2026-12-03T08:00:00.000Z";

/// The slot of `data_key` under `secret`: the sealed file's header, the key wrapped with its AAD.
async fn slot(data_key: &CryptoKey, secret: &str, seed: u8) -> SealedFile {
    let header = SealedFile::header(DATA_KEY_CONTENT, &[seed; 16], &[seed; 12], NOW);
    let wrapped = crypto::wrap_data_key(
        data_key,
        &passphrase_bytes(secret),
        &header.salt(),
        header.kdf.iterations,
        &header.iv(),
        &header.aad(),
    )
    .await
    .unwrap();
    header.with_ciphertext(&wrapped)
}

async fn unwrap(slot: &SealedFile, secret: &str) -> Result<CryptoKey, CryptoError> {
    crypto::unwrap_data_key(
        &passphrase_bytes(secret),
        &slot.salt(),
        slot.kdf.iterations,
        &slot.iv(),
        &slot.aad(),
        &slot.ciphertext_bytes(),
        false,
    )
    .await
}

async fn raw(key: &CryptoKey) -> Vec<u8> {
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let raw = wasm_bindgen_futures::JsFuture::from(subtle.export_key("raw", key).unwrap())
        .await
        .unwrap();
    js_sys::Uint8Array::new(&raw).to_vec()
}

#[wasm_bindgen_test]
async fn a_wrapped_data_key_is_a_sealed_file_of_its_bytes_and_unwraps_only_with_its_secret() {
    let data_key = crypto::generate_data_key().await.unwrap();
    let bytes = raw(&data_key).await;
    assert_eq!(bytes.len(), 32);
    let code = recovery_code(&crypto::random_bytes::<15>().unwrap());
    let keyring = Keyring::new(
        slot(&data_key, PASSPHRASE, 1).await,
        slot(&data_key, &code, 2).await,
        5,
    );
    let keyring = Keyring::parse(&keyring.to_json()).expect("the keyring reads back");

    // wrapKey wrote exactly a sealed file of the raw key: it opens as one.
    assert_eq!(
        tusoi::sealing::open(&keyring.passphrase, PASSPHRASE)
            .await
            .unwrap(),
        bytes
    );

    // Timed on a passphrase not derived before in this page: Firefox's NSS keeps the last
    // PBKDF2 result, so an unlock right after the wrap would time a cache hit.
    let started = js_sys::Date::now();
    let attempt = unwrap(&keyring.passphrase, "một lần thử sai").await;
    let took = js_sys::Date::now() - started;
    console_log!("one unlock attempt (PBKDF2-SHA256 600.000 rounds and unwrapKey): {took:.0} ms");
    assert_eq!(attempt.err(), Some(CryptoError::Rejected));
    let unlocked = unwrap(&keyring.passphrase, PASSPHRASE).await.unwrap();
    assert!(
        !unlocked.extractable(),
        "the key in memory cannot be read out"
    );

    // What the original key encrypted, the unlocked key opens, and the reverse.
    let aad = record_aad("documents", "d1");
    let iv = crypto::random_bytes::<12>().unwrap();
    let marker = "Tự phê bình: còn chậm báo cáo tháng 3.".as_bytes();
    let sealed = crypto::aes_gcm(&data_key, &iv, &aad, marker, true)
        .await
        .unwrap();
    assert_eq!(
        crypto::aes_gcm(&unlocked, &iv, &aad, &sealed, false)
            .await
            .unwrap(),
        marker
    );
    let again = crypto::aes_gcm(&unlocked, &iv, &aad, marker, true)
        .await
        .unwrap();
    assert_eq!(again, sealed, "one key");
    assert_eq!(
        crypto::aes_gcm(
            &unlocked,
            &iv,
            &record_aad("documents", "d2"),
            &sealed,
            false
        )
        .await,
        Err(CryptoError::Rejected),
        "a record moved to another id does not open"
    );

    // The recovery code, typed back from paper, unlocks the same key.
    let typed = code.to_lowercase().replace('-', " ");
    let by_code = unwrap(&keyring.recovery, &parse_recovery_code(&typed).unwrap())
        .await
        .unwrap();
    assert_eq!(
        crypto::aes_gcm(&by_code, &iv, &aad, &sealed, false)
            .await
            .unwrap(),
        marker
    );

    // Not the empty passphrase: WebKitGTK refuses to import empty key material at all (a
    // `Failed`, not a `Rejected`), so the lock screen refuses an empty entry before deriving.
    for wrong in [
        "Nhà tôi ở Tân Phú, 2025",
        "nhà tôi ở tân phú, 2026",
        code.as_str(),
    ] {
        assert_eq!(
            unwrap(&keyring.passphrase, wrong).await.err(),
            Some(CryptoError::Rejected),
            "{wrong}"
        );
    }
}
