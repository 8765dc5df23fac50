//! Sealed files in the browser ("Xuất có mật khẩu"): the core's envelope (`workflow::sealed`)
//! filled and opened with WebCrypto (`platform::crypto`). The member's editor seals an export, the
//! member's import and the chi bộ's workspace open one.

use tusoi_core::base::messages::fill;
use tusoi_core::workflow::sealed::{
    parse_sealed, passphrase_bytes, st, SealError, SealMsg, SealedFile, IV_BYTES, SALT_BYTES,
};

use crate::platform::crypto::{self, CryptoError};

fn crypto_message(e: CryptoError) -> String {
    match e {
        CryptoError::Unavailable => st(SealMsg::SealedNoCrypto).to_owned(),
        CryptoError::Rejected => SealError::WrongPassphraseOrChanged.message(),
        CryptoError::Failed(detail) => fill(st(SealMsg::SealedFailed), &[("detail", &detail)]),
    }
}

/// The text of a sealed file holding `plaintext` (of format `content`, `tusoi-export`), under
/// `passphrase`, with a fresh random salt and IV; or what went wrong, in Vietnamese.
pub async fn seal(plaintext: &str, content: &str, passphrase: &str) -> Result<String, String> {
    let salt = crypto::random_bytes::<SALT_BYTES>().map_err(crypto_message)?;
    let iv = crypto::random_bytes::<IV_BYTES>().map_err(crypto_message)?;
    let header = SealedFile::header(content, &salt, &iv, &crate::platform::clock::now());
    let ciphertext = crypto::pbkdf2_aes_gcm(
        &passphrase_bytes(passphrase),
        &salt,
        header.kdf.iterations,
        &iv,
        &header.aad(),
        plaintext.as_bytes(),
        true,
    )
    .await
    .map_err(crypto_message)?;
    Ok(header.with_ciphertext(&ciphertext).to_json())
}

/// The plaintext of a sealed file already checked by `parse_sealed`, or why it does not open
/// (a wrong passphrase and a changed byte alike), in Vietnamese.
pub async fn open(file: &SealedFile, passphrase: &str) -> Result<Vec<u8>, String> {
    crypto::pbkdf2_aes_gcm(
        &passphrase_bytes(passphrase),
        &file.salt(),
        file.kdf.iterations,
        &file.iv(),
        &file.aad(),
        &file.ciphertext_bytes(),
        false,
    )
    .await
    .map_err(crypto_message)
}

/// Opens the bytes of a file that says it is sealed: the envelope checked, then decrypted.
pub async fn open_bytes(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, String> {
    let file = parse_sealed(bytes).map_err(|e| e.message())?;
    open(&file, passphrase).await
}
