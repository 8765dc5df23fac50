//! The settings page: the member's profile ("Thông tin của tôi", filled into new documents),
//! the lock at rest ("Khoá bằng mật khẩu", `components::lock`), whether the app can start offline (and,
//! on plain HTTP, why not), where drafts are kept, plain and sealed files, and the app's version.

use tusoi_core::base::messages::fill;
use tusoi_core::base::messages::t;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::base::number::format_count;
use tusoi_core::workflow::sealed::ITERATIONS;
use tusoi_core::APP_VERSION;
use yew::prelude::*;

use tusoi_core::model::profile::{Profile, PROFILE_FIELDS};
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::HeaderField;

use crate::components::forms::FormsCard;
use crate::components::lock::{LockCard, LockContext};
use crate::components::{Notice, NoticeBox};
use crate::hooks::use_store::use_store;
use crate::hooks::use_window_signal::use_window_signal;

#[function_component(Settings)]
pub fn settings() -> Html {
    let store = use_store();
    let lock = use_context::<LockContext>();
    let offline = use_window_signal("tusoiServiceWorkerStatus", "tusoi-sw-status");
    let (class, text) = match offline.as_deref() {
        Some("ready") => ("notice notice-info", EditorMsg::OfflineReady),
        Some("insecure") => ("notice notice-error", EditorMsg::OfflineInsecure),
        Some("unsupported") => ("notice notice-error", EditorMsg::OfflineUnsupported),
        Some("failed") => ("notice notice-error", EditorMsg::OfflineFailed),
        _ => ("notice", EditorMsg::OfflinePending),
    };
    let storage = if store.is_persistent() {
        EditorMsg::StoragePersistent
    } else {
        EditorMsg::StorageMemoryOnly
    };
    let estimate = use_state(|| None::<(bool, f64, f64)>);
    {
        let estimate = estimate.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                estimate.set(crate::platform::persistence::storage_estimate().await)
            });
        });
    }
    // The profile being typed, loaded once from the store; every input writes into it (one
    // handler for the form), so a redraw (the service worker's status arriving) shows what was
    // typed rather than what was loaded.
    let profile = use_state(|| None::<Profile>);
    let profile_notice = use_state(|| None::<Notice>);
    // With no profile yet, the member's latest draft can start it: its title and what it says.
    let latest = use_state(|| None::<(String, Profile)>);
    {
        let (store, profile, latest) = (store.clone(), profile.clone(), latest.clone());
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                let saved = store.profile().await.ok().flatten().unwrap_or_default();
                if saved.is_empty() {
                    let newest = store.list().await.ok().and_then(|list| {
                        list.into_iter()
                            .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
                    });
                    if let Some(summary) = newest {
                        if let Ok(Some(document)) = store.get(&summary.id).await {
                            let taken = Profile::of(&document);
                            if !taken.is_empty() {
                                latest.set(Some((document.title, taken)));
                            }
                        }
                    }
                }
                profile.set(Some(saved));
            });
        });
    }
    let on_from_document = {
        let (profile, latest) = (profile.clone(), latest.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((_, taken)) = &*latest {
                profile.set(Some(taken.clone()));
                latest.set(None);
            }
        })
    };
    let on_profile_input = {
        let profile = profile.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let field = PROFILE_FIELDS
                .into_iter()
                .find(|f| profile_input(*f) == input.id());
            if let (Some(field), Some(current)) = (field, (*profile).clone()) {
                let mut typed = current;
                typed.set_typed(field, &input.value());
                profile.set(Some(typed));
            }
        })
    };
    let on_save_profile = {
        let (store, profile, notice) = (store.clone(), profile.clone(), profile_notice.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(typed) = (*profile).clone() else {
                return;
            };
            let (store, profile, notice) = (store.clone(), profile.clone(), notice.clone());
            yew::platform::spawn_local(async move {
                let saved = typed.trimmed();
                match store.set_profile(&saved).await {
                    Ok(()) => {
                        profile.set(Some(saved));
                        notice.set(Some(Notice::Info(et(EditorMsg::ProfileSaved).to_owned())));
                    }
                    Err(e) => notice.set(Some(Notice::Error(etf(
                        EditorMsg::ProfileNotSaved,
                        &[("reason", &e.message())],
                    )))),
                }
            });
        })
    };
    html! {
        <section class="settings">
            <h1>{ et(EditorMsg::SettingsTitle) }</h1>
            <section class="card" aria-labelledby="profile-title" id="profile">
                <h2 id="profile-title">{ et(EditorMsg::ProfileTitle) }</h2>
                <p class="muted">{ et(EditorMsg::ProfileExplain) }</p>
                if let Some((title, _)) = &*latest {
                    <p><button type="button" id="profile-from-document" onclick={on_from_document}>
                        { etf(EditorMsg::ProfileFromDocument, &[("title", title)]) }
                    </button></p>
                }
                if let Some(saved) = &*profile {
                    <form onsubmit={on_save_profile} oninput={on_profile_input}>
                        { for PROFILE_FIELDS.iter().map(|field| {
                            let id = profile_input(*field);
                            let kind = if *field == HeaderField::BirthDate { "date" } else { "text" };
                            html! {
                                <>
                                    <label for={id.clone()}>{ t(field.label()) }</label>
                                    <input id={id} type={kind} value={saved.get(*field).to_owned()} />
                                </>
                            }
                        }) }
                        <div class="actions">
                            <button class="primary" id="profile-save" type="submit">{ et(EditorMsg::ProfileSave) }</button>
                        </div>
                    </form>
                }
                <NoticeBox notice={(*profile_notice).clone()} />
            </section>
            <FormsCard />
            if let Some(lock) = lock {
                <LockCard store={store.clone()} lock_now={lock.lock_now.clone()} on_switched={lock.switched.clone()} />
            }
            <section class="card" aria-labelledby="offline-title">
                <h2 id="offline-title">{ et(EditorMsg::SettingsOffline) }</h2>
                <p class={class} id="offline-status">{ et(text) }</p>
            </section>
            <section class="card" aria-labelledby="storage-title">
                <h2 id="storage-title">{ et(EditorMsg::SettingsStorage) }</h2>
                <p id="storage-status">{ et(storage) }</p>
                if store.is_persistent() && !crate::platform::persistence::storage_manager_present() {
                    <p id="storage-persisted">{ et(EditorMsg::PersistUnknown) }</p>
                }
                if let (true, Some((persisted, used, quota))) = (store.is_persistent(), *estimate) {
                    <p id="storage-persisted">{ et(if persisted { EditorMsg::PersistYes } else { EditorMsg::PersistNo }) }</p>
                    <p id="storage-usage" class="muted">{ etf(EditorMsg::StorageUsage, &[("used", &tusoi_core::base::number::human_bytes(used)), ("quota", &tusoi_core::base::number::human_bytes(quota))]) }</p>
                }
            </section>
            <section class="card" aria-labelledby="files-title" id="settings-files">
                <h2 id="files-title">{ et(EditorMsg::SettingsFiles) }</h2>
                <p>{ et(EditorMsg::SettingsPlainFiles) }</p>
                <p>{ fill(et(EditorMsg::SettingsSealedFiles), &[("rounds", &format_count(u64::from(ITERATIONS)))]) }</p>
            </section>
            <p class="muted">{ etf(EditorMsg::SettingsVersion, &[("version", APP_VERSION)]) }</p>
        </section>
    }
}

/// The id of a profile field's input: `profile-` and the field's place in [`PROFILE_FIELDS`].
fn profile_input(field: HeaderField) -> String {
    let at = PROFILE_FIELDS
        .iter()
        .position(|f| *f == field)
        .unwrap_or_default();
    format!("profile-{at}")
}
