//! WebCrypto (`crypto.subtle`) for sealed files: a passphrase through PBKDF2-SHA256 to a
//! non-extractable AES-256-GCM key, encryption or decryption with additional data, random bytes.
//! The bytes and parameters come from the core (`workflow::sealed`); nothing here knows a format.
//!
//! Browsers give `crypto.subtle` only to secure pages (HTTPS or localhost): on a plain-HTTP
//! intranet page every function here returns [`CryptoError::Unavailable`].

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why a cryptographic step did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// No `crypto.subtle`: the page is not a secure context (plain HTTP), or the browser is old.
    Unavailable,
    /// The GCM tag did not verify: a wrong key, or changed bytes.
    Rejected,
    /// Anything else the browser said.
    Failed(String),
}

fn crypto() -> Result<web_sys::Crypto, CryptoError> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = crypto()?;
    // Missing outside a secure context; calling a method of `undefined` would throw.
    Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()
        .filter(|s| !s.is_undefined() && !s.is_null())
        .map(JsCast::unchecked_into)
        .ok_or(CryptoError::Unavailable)
}

/// Whether this page can encrypt at all (a secure context with WebCrypto).
pub fn available() -> bool {
    subtle().is_ok()
}

/// `n` random bytes from the browser's generator.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

fn object(fields: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}

fn failed(e: JsValue) -> CryptoError {
    CryptoError::Failed(crate::platform::dom::js_error_text(e))
}

async fn wait(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// AES-256-GCM under the key PBKDF2-SHA256 derives from a passphrase (its UTF-8 bytes as the
/// caller composed them): `encrypt` gives the ciphertext with its 16-byte tag at the end, else the
/// plaintext, or [`CryptoError::Rejected`] when the tag does not verify. The key is never
/// extractable and lives only for this call.
pub async fn pbkdf2_aes_gcm(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    encrypt: bool,
) -> Result<Vec<u8>, CryptoError> {
    let way = if encrypt { "encrypt" } else { "decrypt" };
    let key = derive(passphrase, salt, iterations, way).await?;
    aes_gcm(&key, iv, aad, data, encrypt).await
}

fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

fn gcm(iv: &[u8], aad: &[u8]) -> Object {
    object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("iv", &Uint8Array::from(iv)),
        ("additionalData", &Uint8Array::from(aad)),
        ("tagLength", &JsValue::from(128)),
    ])
}

/// WebCrypto says only `OperationError` for a tag that fails: a wrong key or changed bytes.
fn rejected_or_failed(e: JsValue) -> CryptoError {
    if e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "OperationError")
    {
        CryptoError::Rejected
    } else {
        failed(e)
    }
}

/// The non-extractable AES-256-GCM key PBKDF2-SHA256 derives from a passphrase, for one `usage`
/// (`encrypt`, `decrypt`, `wrapKey`, `unwrapKey`).
async fn derive(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let base = wait(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(passphrase),
        "PBKDF2",
        false,
        &usages(&["deriveKey"]),
    ))
    .await
    .map_err(failed)?;
    let algorithm = object(&[
        ("name", &JsValue::from_str("PBKDF2")),
        ("hash", &JsValue::from_str("SHA-256")),
        ("salt", &Uint8Array::from(salt)),
        ("iterations", &JsValue::from(iterations)),
    ]);
    let key_type = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("length", &JsValue::from(256)),
    ]);
    Ok(wait(subtle.derive_key_with_object_and_object(
        &algorithm,
        base.unchecked_ref(),
        &key_type,
        false,
        &usages(&[usage]),
    ))
    .await
    .map_err(failed)?
    .unchecked_into())
}

/// AES-256-GCM with `key`: the ciphertext with its tag at the end, or the plaintext, or
/// [`CryptoError::Rejected`] when the tag does not verify.
pub async fn aes_gcm(
    key: &CryptoKey,
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    encrypt: bool,
) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let gcm = gcm(iv, aad);
    let done = if encrypt {
        subtle.encrypt_with_object_and_u8_array(&gcm, key, data)
    } else {
        subtle.decrypt_with_object_and_u8_array(&gcm, key, data)
    };
    match wait(done).await {
        Ok(out) => Ok(Uint8Array::new(&out).to_vec()),
        Err(e) if !encrypt => Err(rejected_or_failed(e)),
        Err(e) => Err(failed(e)),
    }
}

/// A new random data key for the lock (`workflow::lock`, docs/lock.md), AES-256-GCM. Extractable
/// only so it can be wrapped when the lock is turned on; the app then drops it and works with
/// the non-extractable copy [`unwrap_data_key`] gives.
pub async fn generate_data_key() -> Result<CryptoKey, CryptoError> {
    let algorithm = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("length", &JsValue::from(256)),
    ]);
    Ok(
        wait(subtle()?.generate_key_with_object(
            &algorithm,
            true,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await
        .map_err(failed)?
        .unchecked_into(),
    )
}

/// The data key sealed under a passphrase: a keyring slot's ciphertext (`wrapKey` of its 32 raw
/// bytes with AES-256-GCM under the passphrase's key; the same bytes as sealing them).
pub async fn wrap_data_key(
    data_key: &CryptoKey,
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let kek = derive(passphrase, salt, iterations, "wrapKey").await?;
    let wrapped = wait(subtle()?.wrap_key_with_object("raw", data_key, &kek, &gcm(iv, aad)))
        .await
        .map_err(failed)?;
    Ok(Uint8Array::new(&wrapped).to_vec())
}

/// The data key out of a keyring slot, as a `CryptoKey` that is `extractable` only when the
/// passphrase is being changed; [`CryptoError::Rejected`] for a wrong passphrase or a changed
/// slot. The raw key never passes through the page's memory.
#[allow(clippy::too_many_arguments)]
pub async fn unwrap_data_key(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    aad: &[u8],
    wrapped: &[u8],
    extractable: bool,
) -> Result<CryptoKey, CryptoError> {
    let kek = derive(passphrase, salt, iterations, "unwrapKey").await?;
    let key = subtle()?.unwrap_key_with_u8_array_and_object_and_str(
        "raw",
        wrapped,
        &kek,
        &gcm(iv, aad),
        "AES-GCM",
        extractable,
        &usages(&["encrypt", "decrypt"]),
    );
    match wait(key).await {
        Ok(key) => Ok(key.unchecked_into()),
        Err(e) => Err(rejected_or_failed(e)),
    }
}
