//! The lock at rest in the browser ("Khoá bằng mật khẩu", docs/lock.md): turning it on, unlocking
//! with the passphrase or the recovery code, changing the passphrase or the idle time, turning it
//! off. The keyring's format is the core's (`workflow::lock`), the cryptography WebCrypto's
//! (`platform::crypto`), the records' encryption the store's (`storage::locked`). Every error is
//! a sentence in Vietnamese that says nothing changed.
//!
//! Only `soan/` and `chibo/` link this: the home page hands a locked store over (`app`).
//! The chi bộ workspace's database follows the drafts' lock (`storage::chibo`).

use tusoi_core::base::messages::fill;
use tusoi_core::workflow::lock::{
    lt, parse_recovery_code, recovery_code, Keyring, KeyringError, LockMsg, DATA_KEY_CONTENT,
    RECOVERY_BYTES,
};
use tusoi_core::workflow::sealed::{passphrase_bytes, SealedFile, IV_BYTES, SALT_BYTES};
use web_sys::CryptoKey;

use std::rc::Rc;

use crate::platform::crypto::{self, CryptoError};
use crate::storage::chibo::ChiboStore;
use crate::storage::{StorageError, Store};

/// What the member typed to unlock: the passphrase, or the recovery code from paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secret<'a> {
    Passphrase(&'a str),
    RecoveryCode(&'a str),
}

fn crypto_message(e: CryptoError) -> String {
    match e {
        CryptoError::Unavailable => lt(LockMsg::LockNoCryptoHere).to_owned(),
        CryptoError::Rejected => lt(LockMsg::UnlockWrong).to_owned(),
        CryptoError::Failed(detail) => fill(lt(LockMsg::LockFailed), &[("detail", &detail)]),
    }
}

fn storage_message<R: tusoi_core::workflow::store::Versioned>(e: StorageError<R>) -> String {
    e.message()
}

/// A new recovery code, to be shown once before the lock is turned on.
pub fn new_recovery_code() -> Result<String, String> {
    Ok(recovery_code(
        &crypto::random_bytes::<RECOVERY_BYTES>().map_err(crypto_message)?,
    ))
}

/// The slot of `data_key` under `secret` (a passphrase or a recovery code in its written form).
async fn slot(data_key: &CryptoKey, secret: &str) -> Result<SealedFile, String> {
    let salt = crypto::random_bytes::<SALT_BYTES>().map_err(crypto_message)?;
    let iv = crypto::random_bytes::<IV_BYTES>().map_err(crypto_message)?;
    let header = SealedFile::header(DATA_KEY_CONTENT, &salt, &iv, &crate::platform::clock::now());
    let wrapped = crypto::wrap_data_key(
        data_key,
        &passphrase_bytes(secret),
        &header.salt(),
        header.kdf.iterations,
        &header.iv(),
        &header.aad(),
    )
    .await
    .map_err(crypto_message)?;
    Ok(header.with_ciphertext(&wrapped))
}

/// The stored keyring, read as the core reads it.
fn keyring(store: &Store) -> Result<Keyring, String> {
    let json = store
        .keyring()
        .ok_or_else(|| lt(LockMsg::KeyringDamaged).to_owned())?;
    Keyring::parse(&json).map_err(|e| match e {
        KeyringError::TooNew { .. } => lt(LockMsg::KeyringTooNew).to_owned(),
        _ => lt(LockMsg::KeyringDamaged).to_owned(),
    })
}

/// The data key out of the keyring with `secret`: refused before any derivation when empty (a
/// WebKit engine cannot derive from nothing) or not a recovery code.
async fn open_keyring(
    keyring: &Keyring,
    secret: Secret<'_>,
    extractable: bool,
) -> Result<CryptoKey, String> {
    let (slot, text, wrong) = match secret {
        Secret::Passphrase(typed) => {
            if typed.is_empty() {
                return Err(lt(LockMsg::UnlockEmpty).to_owned());
            }
            (&keyring.passphrase, typed.to_owned(), LockMsg::UnlockWrong)
        }
        Secret::RecoveryCode(typed) => {
            let code =
                parse_recovery_code(typed).ok_or_else(|| lt(LockMsg::UnlockNotACode).to_owned())?;
            (&keyring.recovery, code, LockMsg::UnlockWrongCode)
        }
    };
    crypto::unwrap_data_key(
        &passphrase_bytes(&text),
        &slot.salt(),
        slot.kdf.iterations,
        &slot.iv(),
        &slot.aad(),
        &slot.ciphertext_bytes(),
        extractable,
    )
    .await
    .map_err(|e| match e {
        CryptoError::Rejected => lt(wrong).to_owned(),
        other => crypto_message(other),
    })
}

/// Turns the lock on: a new data key, sealed under `passphrase` and under `code` (shown to the
/// member before), then every record encrypted in one transaction. The page keeps only a
/// non-extractable copy of the key, unwrapped from the new keyring (which also proves the
/// keyring opens before anything is encrypted under it).
pub async fn turn_on(
    store: &Rc<Store>,
    passphrase: &str,
    code: &str,
    idle_minutes: u32,
) -> Result<(), String> {
    let data_key = crypto::generate_data_key().await.map_err(crypto_message)?;
    let keyring = Keyring::new(
        slot(&data_key, passphrase).await?,
        slot(&data_key, code).await?,
        idle_minutes,
    );
    let key = open_keyring(&keyring, Secret::Passphrase(passphrase), false).await?;
    store
        .switch_lock(Some((keyring.to_json(), key)))
        .await
        .map_err(storage_message)?;
    // Then the chi bộ workspace's database. Should this fail (or the browser die first), the
    // drafts are locked already and the next unlock finishes it (`follow_workspaces`).
    let _ = follow_workspaces(store).await;
    Ok(())
}

/// Brings the chi bộ workspace's database to the member's lock, if it is behind (docs/lock.md).
pub async fn follow_workspaces(store: &Rc<Store>) -> Result<(), String> {
    if !store.is_persistent() {
        return Ok(());
    }
    let workspaces = ChiboStore::open_named(crate::storage::chibo::WORKSPACE_DB)
        .await
        .map_err(storage_message)?
        .with_member(store.clone());
    if workspaces.behind().await.map_err(storage_message)? {
        workspaces
            .follow_lock(false)
            .await
            .map_err(storage_message)?;
    }
    Ok(())
}

/// Unlocks this page: the key is kept in memory, non-extractable. A wrong passphrase or code
/// changes nothing.
pub async fn unlock(store: &Store, secret: Secret<'_>) -> Result<(), String> {
    let keyring = keyring(store)?;
    let key = open_keyring(&keyring, secret, false).await?;
    store.unlock(key);
    Ok(())
}

/// Seals the data key under a new passphrase, the current one (or the recovery code) opening it;
/// no record is rewritten, and the recovery code stays valid.
pub async fn change_passphrase(
    store: &Store,
    current: Secret<'_>,
    new_passphrase: &str,
) -> Result<(), String> {
    let keyring = keyring(store)?;
    // Extractable only for this moment, to be wrapped again; dropped at the end of the call.
    let key = open_keyring(&keyring, current, true).await?;
    let next = keyring.with_passphrase(slot(&key, new_passphrase).await?);
    store
        .set_keyring(next.to_json())
        .await
        .map_err(storage_message)
}

/// Keeps another idle time in the keyring.
pub async fn set_idle_minutes(store: &Store, minutes: u32) -> Result<(), String> {
    let keyring = Keyring {
        idle_minutes: minutes,
        ..keyring(store)?
    };
    store
        .set_keyring(keyring.to_json())
        .await
        .map_err(storage_message)
}

/// The idle time the keyring holds, when the lock is on.
pub fn idle_minutes(store: &Store) -> Option<u32> {
    keyring(store).ok().map(|k| k.idle_minutes)
}

/// Turns the lock off once the current passphrase (or the recovery code) is typed again: every
/// record decrypted and stored in the clear in one transaction.
pub async fn turn_off(store: &Rc<Store>, current: Secret<'_>) -> Result<(), String> {
    let keyring = keyring(store)?;
    open_keyring(&keyring, current, false).await?;
    // The chi bộ workspace's database first, while this page still holds the key; a browser
    // killed before the drafts' switch leaves it plain and ahead, and the next unlock locks it
    // again (`follow_workspaces`).
    let workspaces = ChiboStore::open_named(crate::storage::chibo::WORKSPACE_DB)
        .await
        .map_err(storage_message)?
        .with_member(store.clone());
    workspaces
        .follow_lock(true)
        .await
        .map_err(storage_message)?;
    store.switch_lock(None).await.map_err(storage_message)
}
