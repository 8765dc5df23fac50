//! The lock at rest in the store ("Khoá bằng mật khẩu", docs/lock.md): which fields a locked store
//! holds as ciphertext, the check every write makes that the store is still as this page opened
//! it, and the switch between plain and locked, crash-safe in one transaction.
//!
//! With the lock on, a document's JSON, a summary (title, names, year), an export mark, the
//! profile and the committees' templates kept on the device are AES-256-GCM under the data key
//! (`workflow::lock::encode_locked`), a fresh IV per write, the additional data naming the store
//! and the id. What stays in the clear is what the
//! store needs inside a transaction, where no WebCrypto call can be awaited (a transaction
//! commits itself across a non-IndexedDB await): a record's id, its schema version, its revision
//! and save time (the compare-and-set of `Store::save`) and its trash date.
//!
//! The meta record `keyring` is `{id, generation, json?}`: `json` is the keyring
//! (`workflow::lock::Keyring`) while the lock is on; `generation` grows at every switch. Every
//! write reads it in its own transaction and refuses to write when it is not the generation this
//! page opened with ([`StorageError::LockChanged`]), so a tab that still writes plain records
//! never writes them into a store another tab has locked, nor ciphertext into one it unlocked.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use tusoi_core::analysis::retention::ExportMark;
use tusoi_core::base::messages::{t, Msg};
use tusoi_core::workflow::lock::{decode_locked, encode_locked, lt, record_aad, LockMsg};
use tusoi_core::workflow::sealed::IV_BYTES;
use tusoi_core::DocumentSummary;
use wasm_bindgen::JsValue;
use web_sys::CryptoKey;

use super::{
    finish, from_idb, get_all_in, rw, DocumentRecord, Prepared, Result, Step, StorageError, Store,
    StoreEvent, DOCUMENTS, EXPORTS, MEMBER_META, META, SUMMARIES,
};
use crate::platform::crypto::{self, CryptoError};

/// The meta record of the lock: its generation and, while the lock is on, the keyring.
pub(super) const KEYRING: &str = "keyring";

/// A step of the cipher, boxed: the stores' own code holds only a pointer to it.
pub(super) type Boxed<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T>> + 'a>>;

/// How a locked store's fields are encrypted and decrypted, given to the store by the page that
/// can unlock (`soan/`, [`WEBCRYPTO`]). The home page's store has none: it hands a locked store
/// over before reading anything, so neither the cryptography nor the locked rows' handling is
/// linked into the first load (every step that touches a locked field is one of these pointers).
#[derive(Debug)]
pub struct Cipher {
    /// `(key, store, id, plain)` to the stored field.
    pub(super) seal: for<'a> fn(&'a CryptoKey, &'a str, &'a str, String) -> Boxed<'a, String>,
    /// `(key, store, id, stored field)` to the plain text; [`StorageError::Damaged`] when the
    /// tag fails.
    pub(super) open: for<'a> fn(&'a CryptoKey, &'a str, &'a str, String) -> Boxed<'a, String>,
    /// Documents prepared in the clear, their records and list entries locked.
    pub(super) lock: for<'a> fn(&'a CryptoKey, Vec<Prepared>) -> Boxed<'a, Vec<Prepared>>,
    /// Stored list entries, some locked, as the list shows them.
    pub(super) summaries:
        for<'a> fn(&'a CryptoKey, Vec<SummaryRow>) -> Boxed<'a, Vec<DocumentSummary>>,
    /// Export marks, locked.
    pub(super) export_rows:
        for<'a> fn(&'a CryptoKey, &'a [ExportMark]) -> Boxed<'a, Vec<ExportRow>>,
    /// Stored export marks, some locked, as the app uses them.
    pub(super) exports: for<'a> fn(&'a CryptoKey, Vec<ExportRow>) -> Boxed<'a, Vec<ExportMark>>,
}

/// AES-256-GCM through the browser's WebCrypto.
pub static WEBCRYPTO: Cipher = Cipher {
    seal: |key, store, id, plain| Box::pin(encrypt(key, store, id, plain)),
    open: |key, store, id, field| Box::pin(decrypt(key, store, id, field)),
    lock: |key, prepared| Box::pin(lock_prepared(key, prepared)),
    summaries: |key, rows| Box::pin(open_summaries(key, rows)),
    export_rows: |key, marks| Box::pin(lock_exports(key, marks)),
    exports: |key, rows| Box::pin(open_exports(key, rows)),
};

async fn lock_prepared(key: &CryptoKey, mut prepared: Vec<Prepared>) -> Result<Vec<Prepared>> {
    let keys = Keys::web(key);
    for p in &mut prepared {
        p.record.json = seal_with(keys, DOCUMENTS, &p.record.id, p.plain.clone()).await?;
        let summary = std::mem::take(&mut p.summary).into_plain();
        p.summary = summary_row_with(keys, summary).await?;
    }
    Ok(prepared)
}

async fn open_summaries(key: &CryptoKey, rows: Vec<SummaryRow>) -> Result<Vec<DocumentSummary>> {
    let mut summaries = Vec::with_capacity(rows.len());
    for row in rows {
        summaries.push(summary_from(Keys::web(key), row).await?);
    }
    Ok(summaries)
}

async fn lock_exports(key: &CryptoKey, marks: &[ExportMark]) -> Result<Vec<ExportRow>> {
    let mut rows = Vec::with_capacity(marks.len());
    for mark in marks {
        rows.push(export_row_with(Keys::web(key), mark).await?);
    }
    Ok(rows)
}

async fn open_exports(key: &CryptoKey, rows: Vec<ExportRow>) -> Result<Vec<ExportMark>> {
    let mut marks = Vec::with_capacity(rows.len());
    for row in rows {
        marks.push(export_from(Keys::web(key), row).await?);
    }
    Ok(marks)
}

async fn encrypt(key: &CryptoKey, store: &str, id: &str, plain: String) -> Result<String> {
    let iv = crypto::random_bytes::<IV_BYTES>().map_err(crypto_error)?;
    let ciphertext = crypto::aes_gcm(key, &iv, &record_aad(store, id), plain.as_bytes(), true)
        .await
        .map_err(crypto_error)?;
    Ok(encode_locked(&iv, &ciphertext))
}

async fn decrypt(key: &CryptoKey, store: &str, id: &str, field: String) -> Result<String> {
    let damaged = || StorageError::Damaged(id.to_owned());
    let (iv, ciphertext) = decode_locked(&field).ok_or_else(damaged)?;
    match crypto::aes_gcm(key, &iv, &record_aad(store, id), &ciphertext, false).await {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| damaged()),
        Err(CryptoError::Rejected) => Err(damaged()),
        Err(e) => Err(crypto_error(e)),
    }
}

/// The cipher of a page that can encrypt, and the key it holds, if any (none: plain).
#[derive(Clone, Copy)]
pub(super) struct Keys<'a> {
    key: Option<&'a CryptoKey>,
    cipher: &'static Cipher,
}

impl<'a> Keys<'a> {
    pub fn new(key: Option<&'a CryptoKey>, cipher: &'static Cipher) -> Keys<'a> {
        Keys { key, cipher }
    }

    fn web(key: &'a CryptoKey) -> Keys<'a> {
        Keys::new(Some(key), &WEBCRYPTO)
    }
}

/// Whether the drafts are locked at rest, and whether this page holds the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockStatus {
    /// Stored in the clear.
    Off,
    /// Stored encrypted, and this page has not been unlocked (or has been locked again).
    Locked,
    /// Stored encrypted, and this page holds the key in memory.
    Unlocked,
}

/// What this page knows of the lock.
#[derive(Default)]
pub(super) struct LockState {
    /// The generation read when the store was opened (or this page's own last switch).
    pub generation: u64,
    /// The keyring's JSON while the lock is on.
    pub keyring: Option<String>,
    /// The data key, non-extractable, while unlocked.
    pub key: Option<CryptoKey>,
}

impl LockState {
    /// The lock's state from its meta record (none: never switched, plain).
    pub fn from_record(record: Option<JsValue>) -> LockState {
        let field = |name: &str| {
            record
                .as_ref()
                .and_then(|r| js_sys::Reflect::get(r, &JsValue::from_str(name)).ok())
        };
        LockState {
            generation: field("generation")
                .and_then(|g| g.as_f64())
                .map_or(0, |g| g as u64),
            keyring: field("json").and_then(|j| j.as_string()),
            key: None,
        }
    }

    fn record(&self) -> js_sys::Object {
        let record = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&record, &"id".into(), &KEYRING.into());
        let _ = js_sys::Reflect::set(
            &record,
            &"generation".into(),
            &JsValue::from(self.generation as f64),
        );
        if let Some(json) = &self.keyring {
            let _ = js_sys::Reflect::set(&record, &"json".into(), &json.into());
        }
        record
    }
}

/// A summary as stored: the list entry's fields in the clear, or, locked, only its id, its trash
/// date and the rest as ciphertext.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct SummaryRow {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub template_id: String,
    #[serde(default)]
    pub year: u16,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub deleted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<String>,
}

/// An export mark as stored: in the clear, or, locked, its id and the mark as ciphertext.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct ExportRow {
    pub id: String,
    #[serde(default)]
    pub exported_at: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<String>,
}

fn json_error(e: serde_json::Error) -> StorageError {
    StorageError::Other(e.to_string())
}

fn crypto_error(e: CryptoError) -> StorageError {
    match e {
        CryptoError::Unavailable => StorageError::Other(lt(LockMsg::LockNoCryptoHere).to_owned()),
        CryptoError::Rejected => StorageError::Other(t(Msg::ErrorAborted).to_owned()),
        CryptoError::Failed(detail) => StorageError::Other(detail),
    }
}

/// `plain` as `keys` store it in `store` under `id`: itself without a key, else ciphertext.
pub(super) async fn seal_with(
    keys: Keys<'_>,
    store: &str,
    id: &str,
    plain: String,
) -> Result<String> {
    match keys.key {
        None => Ok(plain),
        Some(key) => (keys.cipher.seal)(key, store, id, plain).await,
    }
}

/// The plain text of a stored field: a plain one as it is, a locked one decrypted. A locked field
/// without a key is [`StorageError::Locked`]; one whose tag fails, or that is malformed, is
/// [`StorageError::Damaged`] with its id.
pub(super) async fn unseal_with(
    keys: Keys<'_>,
    store: &str,
    id: &str,
    field: String,
) -> Result<String> {
    if !field.starts_with("v1.") {
        return Ok(field);
    }
    match keys.key {
        Some(key) => (keys.cipher.open)(key, store, id, field).await,
        None => Err(StorageError::Locked),
    }
}

/// The lock's generation a database's `meta` record `key` holds (0 where there is none): the
/// member's keyring (`tusoi`), or the generation the workspaces' database last followed
/// (`tusoi-chibo`).
pub(super) async fn stored_generation<R>(tx: &Transaction<'_>, key: &str) -> Step<u64, R> {
    let meta = tx.object_store(META).map_err(from_idb)?;
    let record: Option<JsValue> = meta
        .get(key)
        .primitive()
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    Ok(LockState::from_record(record).generation)
}

/// Fails with [`StorageError::LockChanged`] unless the lock's generation stored under `key` is
/// `expected`. Read inside the write's own transaction, so no switch can come between the check
/// and the write.
pub(super) async fn check_generation<R>(
    tx: &Transaction<'_>,
    key: &str,
    expected: u64,
) -> Step<(), R> {
    if stored_generation(tx, key).await? == expected {
        Ok(())
    } else {
        Err(StorageError::LockChanged)
    }
}

/// The writes under way, and the promises waiting for there to be none.
#[derive(Default)]
pub(super) struct Writes {
    count: std::cell::Cell<u32>,
    idle: std::cell::RefCell<Vec<js_sys::Function>>,
}

/// A write under way, counted while it lives: [`Store::lock_when_idle`] waits for none. The
/// editor's session runner takes one when it asks for a save ([`Store::writing`]), so the
/// count covers the save from the moment the session decides it, not from when its task starts.
pub struct Writing(std::rc::Rc<Writes>);

impl std::fmt::Debug for Writing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Writing")
    }
}

impl Writing {
    pub(super) fn start(writes: &std::rc::Rc<Writes>) -> Writing {
        writes.count.set(writes.count.get() + 1);
        Writing(writes.clone())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        let left = self.0.count.get().saturating_sub(1);
        self.0.count.set(left);
        if left == 0 {
            for resolve in self.0.idle.take() {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    }
}

/// Resolves once no write is under way, or after `limit_ms` (a write the browser never answers
/// must not keep the key for ever).
async fn idle(writes: &std::rc::Rc<Writes>, limit_ms: i32) {
    if writes.count.get() == 0 {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo_utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, limit_ms);
        writes.idle.borrow_mut().push(resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Everything a switch rewrites, as stored.
#[derive(Debug, PartialEq)]
struct Contents {
    documents: Vec<DocumentRecord>,
    summaries: Vec<SummaryRow>,
    exports: Vec<ExportRow>,
    /// The member's records of `meta` (the profile, the committees' templates) that exist, by key.
    meta: Vec<(&'static str, String)>,
}

async fn read_member_meta(tx: &Transaction<'_>) -> Result<Vec<(&'static str, String)>> {
    let store = tx.object_store(META).map_err(from_idb)?;
    let mut found = Vec::new();
    for key in MEMBER_META {
        let record: Option<JsValue> = store
            .get(key)
            .primitive()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        if let Some(json) = record
            .and_then(|r| js_sys::Reflect::get(&r, &"json".into()).ok())
            .and_then(|j| j.as_string())
        {
            found.push((key, json));
        }
    }
    Ok(found)
}

async fn read_contents(tx: &Transaction<'_>) -> Result<Contents> {
    Ok(Contents {
        documents: get_all_in(tx, DOCUMENTS).await?,
        summaries: get_all_in(tx, SUMMARIES).await?,
        exports: get_all_in(tx, EXPORTS).await?,
        meta: read_member_meta(tx).await?,
    })
}

impl Store {
    fn key(&self) -> Option<CryptoKey> {
        self.lock.borrow().key.clone()
    }

    /// Lets this store encrypt and decrypt (the page that can unlock gives it [`WEBCRYPTO`]).
    pub fn with_cipher(mut self, cipher: &'static Cipher) -> Store {
        self.cipher = Some(cipher);
        self
    }

    /// Whether the drafts are locked at rest, and whether this page holds the key.
    pub fn lock_status(&self) -> LockStatus {
        let lock = self.lock.borrow();
        match (&lock.keyring, &lock.key) {
            (None, _) => LockStatus::Off,
            (Some(_), None) => LockStatus::Locked,
            (Some(_), Some(_)) => LockStatus::Unlocked,
        }
    }

    /// The lock's generation this page knows (it grows at every switch).
    pub fn lock_generation(&self) -> u64 {
        self.lock.borrow().generation
    }

    /// The keyring's JSON while the lock is on.
    pub fn keyring(&self) -> Option<String> {
        self.lock.borrow().keyring.clone()
    }

    /// Keeps the data key (unwrapped from the keyring, non-extractable) for this page's reads and
    /// writes.
    pub fn unlock(&self, key: CryptoKey) {
        self.lock.borrow_mut().key = Some(key);
    }

    /// Drops the data key: from now on nothing locked can be read or written until unlocked.
    pub fn forget_key(&self) {
        self.lock.borrow_mut().key = None;
    }

    /// Counts a write until the guard drops ([`Store::lock_when_idle`] waits for none): the
    /// store's own writes, the workspaces' (they use the member's key too), and a write decided
    /// but not begun (the editor's save, whose task starts after the page has closed).
    pub fn writing(&self) -> Writing {
        Writing::start(&self.writing)
    }

    /// How many writes are counted now ([`Store::writing`]): the editor's save from the moment the
    /// session decides it, before its task has started.
    pub fn writes_under_way(&self) -> u32 {
        self.writing.count.get()
    }

    /// Drops the data key once the writes under way are done. The lock gate calls it once the
    /// pages have closed: the editor's last save (the session's flush on closing) is counted by
    /// then ([`Store::writing`]), so the key goes when that save ends (at most ten seconds).
    pub async fn lock_when_idle(&self) {
        idle(&self.writing, 10_000).await;
        self.forget_key();
    }

    /// What a write must encrypt with: `None` for a plain store; refused while locked without a
    /// key (or in a page that cannot encrypt).
    pub(super) fn sealing(&self) -> Result<Option<(CryptoKey, &'static Cipher)>> {
        match (self.lock_status(), self.key(), self.cipher) {
            (LockStatus::Off, _, _) => Ok(None),
            (_, Some(key), Some(cipher)) => Ok(Some((key, cipher))),
            _ => Err(StorageError::Locked),
        }
    }

    /// What a read of a locked field must decrypt with. A locked field in a store this page opened
    /// plain means another tab turned the lock on: said as [`StorageError::LockChanged`].
    fn opening(&self) -> Result<(CryptoKey, &'static Cipher)> {
        match (self.lock_status(), self.key(), self.cipher) {
            (LockStatus::Off, _, _) => Err(self.lock_changed()),
            (_, Some(key), Some(cipher)) => Ok((key, cipher)),
            _ => Err(StorageError::Locked),
        }
    }

    /// `plain` as this store keeps it in `store` under `id`.
    pub(super) async fn seal(&self, store: &str, id: &str, plain: String) -> Result<String> {
        match self.sealing()? {
            None => Ok(plain),
            Some((key, cipher)) => (cipher.seal)(&key, store, id, plain).await,
        }
    }

    /// The plain text of a stored field.
    pub(super) async fn unseal(&self, store: &str, id: &str, field: String) -> Result<String> {
        if !field.starts_with("v1.") {
            return Ok(field);
        }
        let (key, cipher) = self.opening()?;
        (cipher.open)(&key, store, id, field).await
    }

    /// Tells the page that another tab switched the lock, and gives the error to return.
    pub(super) fn lock_changed(&self) -> StorageError {
        (self.on_event)(StoreEvent::LockChanged);
        StorageError::LockChanged
    }

    /// [`check_generation`] against this page's generation, telling the page when it fails.
    pub(super) async fn check_lock(&self, tx: &Transaction<'_>) -> Result<()> {
        let expected = self.lock.borrow().generation;
        match check_generation(tx, KEYRING, expected).await {
            Err(StorageError::LockChanged) => Err(self.lock_changed()),
            other => other,
        }
    }

    /// The stored list entries as the list shows them.
    pub(super) async fn summaries_of(&self, rows: Vec<SummaryRow>) -> Result<Vec<DocumentSummary>> {
        if rows.iter().all(|r| r.locked.is_none()) {
            return Ok(rows.into_iter().map(SummaryRow::into_plain).collect());
        }
        let (key, cipher) = self.opening()?;
        (cipher.summaries)(&key, rows).await
    }

    /// Export marks as stored.
    pub(super) async fn export_rows(&self, marks: &[ExportMark]) -> Result<Vec<ExportRow>> {
        match self.sealing()? {
            None => Ok(marks.iter().map(ExportRow::plain).collect()),
            Some((key, cipher)) => (cipher.export_rows)(&key, marks).await,
        }
    }

    /// Stored export marks as the app uses them.
    pub(super) async fn exports_of(&self, rows: Vec<ExportRow>) -> Result<Vec<ExportMark>> {
        if rows.iter().all(|r| r.locked.is_none()) {
            return Ok(rows.into_iter().map(ExportRow::into_plain).collect());
        }
        let (key, cipher) = self.opening()?;
        (cipher.exports)(&key, rows).await
    }

    /// Switches the store between plain and locked: `Some((keyring, key))` locks every record
    /// under `key` and keeps the keyring; `None` stores every record in the clear again (this page
    /// must hold the key). Crash-safe: every record is read, rewritten in memory, then written
    /// with the keyring and the next generation in one transaction, which the browser commits
    /// whole or not at all. A record another tab changed meanwhile makes it start again; a record
    /// that does not open stops it, named, with nothing changed.
    pub async fn switch_lock(&self, to: Option<(String, CryptoKey)>) -> Result<()> {
        let db = self
            .db()
            .ok_or_else(|| StorageError::Other(lt(LockMsg::LockNeedsStorage).to_owned()))?;
        let Some(cipher) = self
            .cipher
            .filter(|_| self.lock_status() != LockStatus::Locked)
        else {
            return Err(StorageError::Locked);
        };
        let from = self.key();
        let to_key = to.as_ref().map(|(_, key)| key.clone());
        let next = super::versioned::rewrite_all(
            db,
            &[DOCUMENTS, SUMMARIES, EXPORTS, META],
            async |tx| read_contents(tx).await,
            async |read| {
                reencode(
                    read,
                    Keys::new(from.as_ref(), cipher),
                    Keys::new(to_key.as_ref(), cipher),
                )
                .await
            },
            async |tx| self.check_lock(tx).await,
            |tx, rewritten: Contents| {
                let next = LockState {
                    generation: self.lock.borrow().generation + 1,
                    keyring: to.as_ref().map(|(json, _)| json.clone()),
                    key: to_key.clone(),
                };
                let docs = tx.object_store(DOCUMENTS).map_err(from_idb)?;
                for record in &rewritten.documents {
                    docs.put(record).serde().map_err(from_idb)?;
                }
                let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
                for row in &rewritten.summaries {
                    sums.put(row).serde().map_err(from_idb)?;
                }
                let exports = tx.object_store(EXPORTS).map_err(from_idb)?;
                for row in &rewritten.exports {
                    exports.put(row).serde().map_err(from_idb)?;
                }
                let meta = tx.object_store(META).map_err(from_idb)?;
                for (key, json) in &rewritten.meta {
                    meta.put(super::meta_record(key, json))
                        .primitive()
                        .map_err(from_idb)?;
                }
                meta.put(next.record()).primitive().map_err(from_idb)?;
                Ok(next)
            },
        )
        .await?;
        *self.lock.borrow_mut() = next;
        Ok(())
    }

    /// Replaces the keyring (a new passphrase, another idle time) without touching a record:
    /// the data key stays the same, so the generation does too.
    pub async fn set_keyring(&self, json: String) -> Result<()> {
        let db = self
            .db()
            .ok_or_else(|| StorageError::Other(lt(LockMsg::LockNeedsStorage).to_owned()))?;
        if self.lock_status() != LockStatus::Unlocked {
            return Err(StorageError::Locked);
        }
        let next = LockState {
            generation: self.lock.borrow().generation,
            keyring: Some(json),
            key: self.key(),
        };
        let tx = rw(db, &[META])?;
        self.check_lock(&tx).await?;
        tx.object_store(META)
            .map_err(from_idb)?
            .put(next.record())
            .primitive()
            .map_err(from_idb)?;
        finish(tx).await?;
        *self.lock.borrow_mut() = next;
        Ok(())
    }
}

/// `read` rewritten from `from`'s keeping to `to`'s.
async fn reencode(read: &Contents, from: Keys<'_>, to: Keys<'_>) -> Result<Contents> {
    let mut documents = Vec::with_capacity(read.documents.len());
    for record in &read.documents {
        let plain = unseal_with(from, DOCUMENTS, &record.id, record.json.clone()).await?;
        documents.push(DocumentRecord {
            json: seal_with(to, DOCUMENTS, &record.id, plain).await?,
            ..record.clone()
        });
    }
    let mut summaries = Vec::with_capacity(read.summaries.len());
    for row in &read.summaries {
        let summary = summary_from(from, row.clone()).await?;
        summaries.push(summary_row_with(to, summary).await?);
    }
    let mut exports = Vec::with_capacity(read.exports.len());
    for row in &read.exports {
        let mark = export_from(from, row.clone()).await?;
        exports.push(export_row_with(to, &mark).await?);
    }
    let mut meta = Vec::with_capacity(read.meta.len());
    for (key, json) in &read.meta {
        let plain = unseal_with(from, META, key, json.clone()).await?;
        meta.push((*key, seal_with(to, META, key, plain).await?));
    }
    Ok(Contents {
        documents,
        summaries,
        exports,
        meta,
    })
}

impl SummaryRow {
    pub(super) fn plain(summary: DocumentSummary) -> SummaryRow {
        SummaryRow {
            id: summary.id,
            title: summary.title,
            template_id: summary.template_id,
            year: summary.year,
            created_at: summary.created_at,
            updated_at: summary.updated_at,
            revision: summary.revision,
            deleted_at: summary.deleted_at,
            locked: None,
        }
    }

    fn into_plain(self) -> DocumentSummary {
        DocumentSummary {
            id: self.id,
            title: self.title,
            template_id: self.template_id,
            year: self.year,
            created_at: self.created_at,
            updated_at: self.updated_at,
            revision: self.revision,
            deleted_at: self.deleted_at,
        }
    }
}

impl ExportRow {
    fn plain(mark: &ExportMark) -> ExportRow {
        ExportRow {
            id: mark.id.clone(),
            exported_at: mark.exported_at.clone(),
            revision: mark.revision,
            locked: None,
        }
    }

    fn into_plain(self) -> ExportMark {
        ExportMark {
            id: self.id,
            exported_at: self.exported_at,
            revision: self.revision,
        }
    }
}

async fn summary_row_with(keys: Keys<'_>, summary: DocumentSummary) -> Result<SummaryRow> {
    if keys.key.is_none() {
        return Ok(SummaryRow::plain(summary));
    }
    let json = serde_json::to_string(&summary).map_err(json_error)?;
    Ok(SummaryRow {
        locked: Some(seal_with(keys, SUMMARIES, &summary.id, json).await?),
        id: summary.id,
        deleted_at: summary.deleted_at,
        ..SummaryRow::default()
    })
}

async fn summary_from(keys: Keys<'_>, row: SummaryRow) -> Result<DocumentSummary> {
    let Some(locked) = row.locked.clone() else {
        return Ok(row.into_plain());
    };
    let json = unseal_with(keys, SUMMARIES, &row.id, locked).await?;
    let summary: DocumentSummary = serde_json::from_str(&json).map_err(json_error)?;
    // The trash date is kept in the clear, where a trash move writes it.
    Ok(DocumentSummary {
        deleted_at: row.deleted_at,
        ..summary
    })
}

async fn export_row_with(keys: Keys<'_>, mark: &ExportMark) -> Result<ExportRow> {
    if keys.key.is_none() {
        return Ok(ExportRow::plain(mark));
    }
    let json = serde_json::to_string(mark).map_err(json_error)?;
    Ok(ExportRow {
        id: mark.id.clone(),
        locked: Some(seal_with(keys, EXPORTS, &mark.id, json).await?),
        ..ExportRow::default()
    })
}

async fn export_from(keys: Keys<'_>, row: ExportRow) -> Result<ExportMark> {
    let Some(locked) = row.locked.clone() else {
        return Ok(row.into_plain());
    };
    let json = unseal_with(keys, EXPORTS, &row.id, locked).await?;
    serde_json::from_str(&json).map_err(json_error)
}
