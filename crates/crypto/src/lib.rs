//! The two primitives of a sealed file, natively and without generics in the interface, so they
//! are compiled here, with this crate's optimisation (the root `Cargo.toml` builds it at
//! opt-level 3 even in tests: 600,000 rounds of PBKDF2 take seconds unoptimised).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

/// PBKDF2-HMAC-SHA256 of a passphrase, 256 bits.
pub fn derive(passphrase: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0_u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase, salt, iterations, &mut key);
    key
}

/// AES-256-GCM: the ciphertext with its 16-byte tag at the end. `iv` must be 12 bytes.
pub fn encrypt(key: &[u8; 32], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    if iv.len() != 12 {
        return None;
    }
    Aes256Gcm::new(key.into())
        .encrypt(
            Nonce::from_slice(iv),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .ok()
}

/// The plaintext, if the tag verifies under this key, IV and additional data.
pub fn decrypt(key: &[u8; 32], iv: &[u8], aad: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    if iv.len() != 12 {
        return None;
    }
    Aes256Gcm::new(key.into())
        .decrypt(
            Nonce::from_slice(iv),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_sha256_gives_the_published_vectors() {
        // RFC 7914 §11 (PBKDF2-HMAC-SHA256, "passwd"/"salt", 1 round, first 32 of 64 bytes) and the
        // widely published c = 4096 vector for "password"/"salt".
        let hex = |k: [u8; 32]| k.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(derive(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
        assert_eq!(
            hex(derive(b"password", b"salt", 4096)),
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
        );
    }

    #[test]
    fn aes_gcm_opens_what_it_sealed_and_nothing_changed() {
        let key = [7_u8; 32];
        let sealed = encrypt(&key, b"123456789012", b"header", b"plain").expect("sealed");
        assert_eq!(sealed.len(), 5 + 16);
        assert_eq!(
            decrypt(&key, b"123456789012", b"header", &sealed).as_deref(),
            Some(&b"plain"[..])
        );
        assert_eq!(decrypt(&key, b"123456789012", b"headeR", &sealed), None);
        assert_eq!(decrypt(&[8; 32], b"123456789012", b"header", &sealed), None);
        assert_eq!(encrypt(&key, b"short", b"", b""), None);
    }
}
