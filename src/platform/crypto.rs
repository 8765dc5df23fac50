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
/// extractable and lives only for this call. One function for both ways, so the bundle carries
/// one chain of awaits.
pub async fn pbkdf2_aes_gcm(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    encrypt: bool,
) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let usages = |name: &str| Array::of1(&JsValue::from_str(name));
    let base = wait(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(passphrase),
        "PBKDF2",
        false,
        &usages("deriveKey"),
    ))
    .await
    .map_err(failed)?;
    let algorithm = object(&[
        ("name", &JsValue::from_str("PBKDF2")),
        ("hash", &JsValue::from_str("SHA-256")),
        ("salt", &Uint8Array::from(salt)),
        ("iterations", &JsValue::from(iterations)),
    ]);
    let aes = JsValue::from_str("AES-GCM");
    let key_type = object(&[("name", &aes), ("length", &JsValue::from(256))]);
    let way = if encrypt { "encrypt" } else { "decrypt" };
    let key: CryptoKey = wait(subtle.derive_key_with_object_and_object(
        &algorithm,
        base.unchecked_ref(),
        &key_type,
        false,
        &usages(way),
    ))
    .await
    .map_err(failed)?
    .unchecked_into();
    let gcm = object(&[
        ("name", &aes),
        ("iv", &Uint8Array::from(iv)),
        ("additionalData", &Uint8Array::from(aad)),
        ("tagLength", &JsValue::from(128)),
    ]);
    let done = if encrypt {
        subtle.encrypt_with_object_and_u8_array(&gcm, &key, data)
    } else {
        subtle.decrypt_with_object_and_u8_array(&gcm, &key, data)
    };
    match wait(done).await {
        Ok(out) => Ok(Uint8Array::new(&out).to_vec()),
        // WebCrypto says only `OperationError` for a tag that fails: a wrong key or changed bytes.
        Err(e)
            if !encrypt
                && e.dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| d.name() == "OperationError") =>
        {
            Err(CryptoError::Rejected)
        }
        Err(e) => Err(failed(e)),
    }
}
