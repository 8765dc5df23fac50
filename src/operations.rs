//! What the buttons of the home page do, as plain async functions over a [`Store`]: the core
//! decides, the store keeps, and the components only call these and show the result. Browser tests
//! call them directly.

use tusoi_core::base::messages::{t, Msg};
use tusoi_core::forms::custom::Checking;
use tusoi_core::workflow::export::{parse_import, Exportable, ImportPlan, Resolution};
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::{Document, ExportEnvelope, Template};

use crate::notice::Notice;
use crate::platform::files::{self, Outgoing};
use crate::storage::{StorageError, Store};

/// Creates and stores a new document for a year and form.
pub async fn create(
    store: &Store,
    template: &Template,
    year: u16,
) -> Result<Document, StorageError> {
    let mut document = Document::new(
        crate::platform::ids::new_id(),
        template,
        year,
        &crate::platform::clock::now(),
    );
    with_profile(store, &mut document, false).await;
    store.put(&document).await?;
    Ok(document)
}

/// Fills a new document's header and identity from the member's profile (`model::profile`:
/// its empty fields, or, `over` for one made from last year's, every field the profile has). A
/// profile that cannot be read fills nothing; the document is made all the same.
async fn with_profile(store: &Store, document: &mut Document, over: bool) {
    if let Ok(Some(profile)) = store.profile().await {
        profile.fill(document, over);
    }
}

/// Stores a copy of a document under a new id.
pub async fn duplicate(store: &Store, id: &str) -> Result<Option<Document>, StorageError> {
    let Some(original) = store.get(id).await? else {
        return Ok(None);
    };
    let copy = original.duplicate(
        crate::platform::ids::new_id(),
        &crate::platform::clock::now(),
    );
    store.put(&copy).await?;
    Ok(Some(copy))
}

/// Renames a document.
pub async fn rename(store: &Store, id: &str, title: &str) -> Result<(), StorageError> {
    let title = title.trim();
    if title.is_empty() {
        return Ok(());
    }
    if let Some(mut document) = store.get(id).await? {
        if document.set_title(title.to_owned()) {
            document.touch(&crate::platform::clock::now());
            store.put(&document).await?;
        }
    }
    Ok(())
}

/// The export file of some documents (typed, or as the store's JSON): its name and its text.
pub fn export_file<D: Exportable>(documents: Vec<D>, what: &str) -> (String, String) {
    let text = ExportEnvelope::around(documents, &crate::platform::clock::now()).to_json();
    (
        tusoi_core::workflow::export::file_name(what, &crate::platform::clock::now()[..10]),
        text,
    )
}

/// Hands documents over as one export file ([`files::hand_over`]) and, where the member now
/// holds the file, records that they were exported (for the reminder, and, when nothing is kept,
/// for the banner). Returns what the member is told. The home page's export hands the store's
/// JSON ([`export_json`]), never reading a body into its type (docs/size.md).
pub async fn export<D: Exportable + Clone>(
    store: &Store,
    documents: Vec<D>,
    what: &str,
) -> Result<Option<Notice>, String> {
    let now = crate::platform::clock::now();
    let (name, text) = export_file(documents.clone(), what);
    let delivered = files::hand_over(
        Outgoing::text(name, text, "application/json"),
        false,
        |_| {},
    )
    .map_err(crate::platform::dom::js_error_text)?;
    if delivered.handed() {
        store
            .mark_exported_now(&documents, &now)
            .await
            .map_err(|e| e.message())?;
    }
    Ok(Notice::of_delivered(delivered))
}

/// "Tải file Word": the document's official page as a .docx (HD 36-HD/VPTW layout).
pub fn export_word(document: &Document) -> Result<Option<Notice>, String> {
    use tusoi_core::workflow::docx;
    let template = crate::templates::get(&document.template_id)
        .ok_or_else(|| tusoi_core::t(tusoi_core::Msg::DraftNotFound).to_owned())?;
    let name = docx::file_name(&document.title, &crate::platform::clock::now()[..10]);
    let file = Outgoing::bytes(
        name,
        docx::document_docx(document, template),
        docx::DOCX_MIME,
    );
    files::hand_over(file, false, |_| {})
        .map(Notice::of_delivered)
        .map_err(crate::platform::dom::js_error_text)
}

/// "Gửi": the document's export through the share sheet (as `….tusoi.txt`), or as where the app
/// runs allows ([`deliver`]). A share that fails later reports through `failed`.
pub fn send(
    store: &std::rc::Rc<Store>,
    document: Document,
    failed: impl FnOnce(String) + 'static,
) -> Result<Option<Notice>, String> {
    let file = send_file(&document);
    deliver(store, document, file, true, failed)
}

/// The file "Gửi" hands over (its name and text), which "Hiện mã QR" shows as QR codes too.
pub fn send_file(document: &Document) -> (String, String) {
    let now = crate::platform::clock::now();
    let name = tusoi_core::workflow::export::share_file_name(&document.title, &now[..10]);
    let text = ExportEnvelope::new(vec![document.clone()], &now).to_json();
    (name, text)
}

/// "Xuất có mật khẩu": the document's export sealed under `passphrase` (`sealing::seal`): the
/// file's name and text, to be sent or downloaded with [`deliver`]. Nothing is stored.
pub async fn seal(document: &Document, passphrase: &str) -> Result<(String, String), String> {
    use tusoi_core::workflow::export::{sealed_file_name, EXPORT_FORMAT};
    let now = crate::platform::clock::now();
    let name = sealed_file_name(&document.title, &now[..10]);
    let plain = ExportEnvelope::new(vec![document.clone()], &now).to_json();
    let text = crate::sealing::seal(&plain, EXPORT_FORMAT, passphrase).await?;
    Ok((name, text))
}

/// A file of the document (`name`, `text`) handed over ([`files::hand_over`]: to the share sheet
/// when `share`, else downloaded, or copied in an app's browser); where the member now holds it,
/// the document counts as exported. Returns what the member is told.
pub fn deliver(
    store: &std::rc::Rc<Store>,
    document: Document,
    (name, text): (String, String),
    share: bool,
    failed: impl FnOnce(String) + 'static,
) -> Result<Option<Notice>, String> {
    let now = crate::platform::clock::now();
    let delivered = files::hand_over(Outgoing::text(name, text, "text/plain"), share, failed)
        .map_err(crate::platform::dom::js_error_text)?;
    if delivered.handed() {
        let store = store.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = store.mark_exported_now(&[document], &now).await;
        });
    }
    Ok(Notice::of_delivered(delivered))
}

/// "Xuất tất cả": every live document in one file.
pub async fn export_all(store: &Store) -> Result<Option<Notice>, String> {
    let documents = store.all_json().await.map_err(|e| e.message())?;
    export(store, documents, "tat-ca").await
}

/// "Xuất JSON" of a row of the list: the document as the store keeps it, named by its title.
pub async fn export_json(store: &Store, id: &str) -> Result<Option<Notice>, String> {
    let Some(document) = store.get_json(id).await.map_err(|e| e.message())? else {
        return Err(t(Msg::DraftNotFound).to_owned());
    };
    let title = document
        .get("title")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned();
    export(store, vec![document], &title).await
}

/// Moves a document to the trash; returns its title for the notice.
pub async fn trash(store: &Store, id: &str) -> Result<(), StorageError> {
    store
        .set_trashed(id, Some(crate::platform::clock::now()))
        .await
}

/// Why an import stopped, as a message for the member.
pub type ImportFailure = String;

/// Reads and checks a file's bytes and splits its documents against what is stored. Stores nothing.
pub async fn prepare_import(store: &Store, bytes: &[u8]) -> Result<ImportPlan, ImportFailure> {
    // soan/ checks a committee's template a document carries, and the page keeps it.
    let documents = crate::templates::update(|forms| parse_import(bytes, &mut Checking(forms)))
        .map_err(|e| e.message())?;
    let existing = store.ids().await.map_err(|e| e.message())?;
    Ok(ImportPlan::new(documents, &existing))
}

/// Stores the documents of a checked file, in one transaction, once conflicts are settled.
pub async fn finish_import(
    store: &Store,
    plan: ImportPlan,
    resolution: Resolution,
) -> Result<usize, StorageError> {
    let documents = plan.resolve(resolution, crate::platform::ids::new_id);
    store.put_all(&documents).await?;
    // What came from a file is already in a file: no reminder to export it until it changes.
    store
        .mark_exported_now(&documents, &crate::platform::clock::now())
        .await?;
    Ok(documents.len())
}

/// "Tạo bản kiểm điểm năm N+1 từ bản này": the new review follows up this one's shortcomings and,
/// if a pledge for N+1 is on the device (the newest one), assesses its commitments in A.I.3.
pub async fn review_next(
    store: &Store,
    source: &Document,
) -> Result<(Document, String), StorageError> {
    let year = source.year.saturating_add(1);
    let forms = crate::templates::known();
    let audience = forms
        .get(&source.template_id)
        .map_or(tusoi_core::forms::template::Audience::Member, |t| {
            t.audience
        });
    // Found among the list entries; only that pledge's body is opened (and decrypted).
    let list = store.list().await?;
    let pledge = match tusoi_core::workflow::library::newest_pledge_of(&forms, &list, year) {
        Some(entry) => store.get(&entry.id).await?,
        None => None,
    };
    let mut review = tusoi_core::workflow::carry::review_from_previous(
        &forms,
        source,
        pledge.as_ref(),
        Template::propose(audience, year),
        year,
        &crate::platform::clock::now(),
        &mut crate::platform::ids::new_id,
    );
    with_profile(store, &mut review, true).await;
    store.put(&review).await?;
    let message = tusoi_core::base::messages::tf(
        tusoi_core::Msg::CreatedFromPrevious,
        &[
            ("title", &review.title),
            ("count", &review.carried.len().to_string()),
        ],
    );
    Ok((review, message))
}

/// "Tạo bản cam kết năm N+1 từ bản này": a pledge whose remedy section takes up this review's A.VI.
pub async fn pledge_next(
    store: &Store,
    source: &Document,
) -> Result<(Document, String), StorageError> {
    let year = source.year.saturating_add(1);
    let forms = crate::templates::known();
    let mut pledge = tusoi_core::workflow::carry::pledge_from_review(
        &forms,
        source,
        forms.pledge_for(year),
        &crate::platform::clock::now(),
        &mut crate::platform::ids::new_id,
    );
    with_profile(store, &mut pledge, true).await;
    store.put(&pledge).await?;
    let message = tusoi_core::base::messages::tf(
        tusoi_core::Msg::CreatedPledge,
        &[
            ("title", &pledge.title),
            ("count", &pledge.commitments.len().to_string()),
        ],
    );
    Ok((pledge, message))
}
