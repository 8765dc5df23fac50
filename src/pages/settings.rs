//! The settings page: whether the app can start offline (and, on plain HTTP, why not), where drafts
//! are kept, and the app's version.

use tusoi_core::base::messages::fill;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::base::number::format_count;
use tusoi_core::workflow::sealed::{st, SealMsg, ITERATIONS};
use tusoi_core::APP_VERSION;
use yew::prelude::*;

use crate::app::use_store;
use crate::hooks::use_window_signal::use_window_signal;

#[function_component(Settings)]
pub fn settings() -> Html {
    let store = use_store();
    let offline = use_window_signal("tusoiServiceWorkerStatus", "tusoi-sw-status");
    let (class, text) = match offline.as_deref() {
        Some("ready") => ("notice notice-info", Msg::OfflineReady),
        Some("insecure") => ("notice notice-error", Msg::OfflineInsecure),
        Some("unsupported") => ("notice notice-error", Msg::OfflineUnsupported),
        Some("failed") => ("notice notice-error", Msg::OfflineFailed),
        _ => ("notice", Msg::OfflinePending),
    };
    let storage = if store.is_persistent() {
        Msg::StoragePersistent
    } else {
        Msg::StorageMemoryOnly
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
    html! {
        <section class="settings">
            <h1>{ t(Msg::SettingsTitle) }</h1>
            <section class="card" aria-labelledby="offline-title">
                <h2 id="offline-title">{ t(Msg::SettingsOffline) }</h2>
                <p class={class} id="offline-status">{ t(text) }</p>
            </section>
            <section class="card" aria-labelledby="storage-title">
                <h2 id="storage-title">{ t(Msg::SettingsStorage) }</h2>
                <p id="storage-status">{ t(storage) }</p>
                if store.is_persistent() && !crate::platform::persistence::storage_manager_present() {
                    <p id="storage-persisted">{ t(Msg::PersistUnknown) }</p>
                }
                if let (true, Some((persisted, used, quota))) = (store.is_persistent(), *estimate) {
                    <p id="storage-persisted">{ t(if persisted { Msg::PersistYes } else { Msg::PersistNo }) }</p>
                    <p id="storage-usage" class="muted">{ tf(Msg::StorageUsage, &[("used", &tusoi_core::base::number::human_bytes(used)), ("quota", &tusoi_core::base::number::human_bytes(quota))]) }</p>
                }
            </section>
            <section class="card" aria-labelledby="files-title" id="settings-files">
                <h2 id="files-title">{ st(SealMsg::SettingsFiles) }</h2>
                <p>{ st(SealMsg::SettingsPlainFiles) }</p>
                <p>{ fill(st(SealMsg::SettingsSealedFiles), &[("rounds", &format_count(u64::from(ITERATIONS)))]) }</p>
            </section>
            <p class="muted">{ tf(Msg::SettingsVersion, &[("version", APP_VERSION)]) }</p>
        </section>
    }
}
