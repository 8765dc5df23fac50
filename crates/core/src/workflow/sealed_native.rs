//! Sealing and opening sealed files (`workflow::sealed`) natively, with the RustCrypto crates
//! (PBKDF2-HMAC-SHA256, AES-256-GCM, through `tusoi-crypto`): the same algorithms and bytes as
//! WebCrypto in the browser. For the tests, the fuzzer and the command line; feature
//! `native-crypto`, never in the browser's build.

use crate::workflow::sealed::{parse_sealed, SealError, SealedFile, IV_BYTES, SALT_BYTES};

/// The 256-bit key of a passphrase, from `sealed::passphrase_bytes` as in the browser.
pub fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    tusoi_crypto::derive(
        &crate::workflow::sealed::passphrase_bytes(passphrase),
        salt,
        iterations,
    )
}

/// Seals `plaintext` (of format `content`) under `passphrase`.
pub fn seal(
    plaintext: &[u8],
    content: &str,
    passphrase: &str,
    salt: &[u8; SALT_BYTES],
    iv: &[u8; IV_BYTES],
    now: &str,
) -> SealedFile {
    let header = SealedFile::header(content, salt, iv, now);
    let key = derive(passphrase, salt, header.kdf.iterations);
    let ciphertext = tusoi_crypto::encrypt(&key, iv, &header.aad(), plaintext).unwrap_or_default();
    header.with_ciphertext(&ciphertext)
}

/// Decrypts an envelope with a key already derived (the fuzzer's path: no derivation).
pub fn decrypt(file: &SealedFile, key: &[u8; 32]) -> Result<Vec<u8>, SealError> {
    tusoi_crypto::decrypt(key, &file.iv(), &file.aad(), &file.ciphertext_bytes())
        .ok_or(SealError::WrongPassphraseOrChanged)
}

/// The plaintext of a sealed file, or why it does not open.
pub fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let file = parse_sealed(bytes)?;
    let key = derive(passphrase, &file.salt(), file.kdf.iterations);
    decrypt(&file, &key)
}
