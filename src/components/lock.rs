//! The lock's screens ("Khoá bằng mật khẩu", docs/lock.md): the lock screen a locked app shows
//! before anything but its name, and the settings' card that turns the lock on, locks now,
//! chooses the idle time, changes the passphrase and turns the lock off. Passphrases are read from
//! their inputs when the member acts, handed to `locking`, and kept nowhere (ARCHITECTURE.md,
//! invariant 19); the recovery code is held only while it is shown to be written down.

use std::rc::Rc;

use tusoi_core::base::messages::fill;
use tusoi_core::workflow::lock::{lt, parse_recovery_code, LockMsg, IDLE_MINUTES};
use tusoi_core::workflow::sealed::check_new_passphrase;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::{Notice, NoticeBox};
use crate::hooks::use_idle_lock::use_idle_lock;
use crate::locking::{self, Secret};
use crate::platform::dom::input_text;
use crate::storage::{LockStatus, Store};
use tusoi_core::workflow::store::Backend as _;

#[derive(Debug, Properties)]
pub struct LockScreenProps {
    pub store: Rc<Store>,
    /// Called once unlocked; `true` when the recovery code was used.
    pub on_unlocked: Callback<bool>,
}

/// What the lock's gate gives the pages: its state, and how to act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct LockContext {
    pub status: LockStatus,
    /// Locks the app now: the pages close, the editor's last save ends, then the key is dropped.
    pub lock_now: Callback<()>,
    /// Tells the gate the lock was turned on or off, so the frame follows.
    pub switched: Callback<()>,
}

#[derive(Debug, Properties)]
pub struct LockGateProps {
    pub store: Rc<Store>,
    pub children: Html,
}

impl PartialEq for LockGateProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store) && self.children == other.children
    }
}

/// The app behind the lock (only in `soan/`, `app::AllPages`): the lock screen while locked,
/// else the app with [`LockContext`]; the idle lock while unlocked.
#[function_component(LockGate)]
pub fn lock_gate(props: &LockGateProps) -> Html {
    // `locking` while the pages close and the editor's last save ends, before the key is
    // dropped; `tick` redraws when the lock's state changed inside the store.
    let locking = use_state(|| false);
    let tick = use_state(|| 0u32);
    let with_code = use_state(|| false);
    let store = props.store.clone();
    let lock_now = {
        let (store, locking) = (store.clone(), locking.clone());
        use_callback((), move |(), ()| {
            if store.lock_status() != LockStatus::Unlocked || *locking {
                return;
            }
            // The pages close first (the render below); the effect that follows drops the key.
            locking.set(true);
        })
    };
    // Once the pages have closed: the editor's last save was asked for as it closed (its
    // session's flush), and the store counts it, so the key goes when that save ends.
    {
        let (store, locking, tick) = (store.clone(), locking.clone(), tick.clone());
        use_effect_with(*locking, move |now| {
            if *now {
                spawn_local(async move {
                    store.lock_when_idle().await;
                    locking.set(false);
                    tick.set(*tick + 1);
                });
            }
        });
    }
    let switched = {
        let tick = tick.clone();
        use_callback((), move |(), ()| tick.set(*tick + 1))
    };
    let status = store.lock_status();
    let idle = (status == LockStatus::Unlocked && !*locking)
        .then(|| locking::idle_minutes(&store))
        .flatten();
    use_idle_lock(idle, lock_now.clone());
    if status == LockStatus::Locked || *locking {
        let on_unlocked = {
            let (tick, with_code, store) = (tick.clone(), with_code.clone(), store.clone());
            Callback::from(move |code: bool| {
                with_code.set(code);
                tick.set(*tick + 1);
                // The start's purge of the expired trash could not read a locked store: now;
                // and the chi bộ workspace's database, if a switch left it behind, follows.
                let store = store.clone();
                spawn_local(async move {
                    let _ = store.purge_trash(crate::platform::clock::now_ms()).await;
                    let _ = locking::follow_workspaces(&store).await;
                });
            })
        };
        return html! {
            <>
                <header class="topbar"><span class="brand">{ tusoi_core::base::messages::t(tusoi_core::base::messages::Msg::AppName) }</span></header>
                <main class="page">
                    if *locking {
                        <p class="loading" role="status">{ lt(LockMsg::LockWorking) }</p>
                    } else {
                        <LockScreen {store} {on_unlocked} />
                    }
                </main>
            </>
        };
    }
    let context = LockContext {
        status,
        lock_now,
        switched,
    };
    html! {
        <ContextProvider<LockContext> {context}>
            if *with_code && status == LockStatus::Unlocked {
                <div class="banner" role="status" id="unlock-code-banner">{ lt(LockMsg::UnlockWithCodeDone) }</div>
            }
            { props.children.clone() }
        </ContextProvider<LockContext>>
    }
}

/// "Khoá" in the top bar, while the lock is on and this page unlocked; nothing elsewhere (the
/// home page's wasm has no gate, so no context).
#[function_component(LockButton)]
pub fn lock_button() -> Html {
    match use_context::<LockContext>() {
        Some(lock) if lock.status == LockStatus::Unlocked => html! {
            <button class="topbar-link" id="topbar-lock" onclick={lock.lock_now.reform(|_: MouseEvent| ())}>
                { tusoi_core::base::messages::et(tusoi_core::base::messages::EditorMsg::LockNowShort) }
            </button>
        },
        _ => Html::default(),
    }
}

impl PartialEq for LockScreenProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store) && self.on_unlocked == other.on_unlocked
    }
}

impl PartialEq for LockCardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
            && self.lock_now == other.lock_now
            && self.on_switched == other.on_switched
    }
}

/// What a locked app shows: its name, and a passphrase (or the recovery code) to type.
#[function_component(LockScreen)]
pub fn lock_screen(props: &LockScreenProps) -> Html {
    let with_code = use_state(|| false);
    let error = use_state(|| None::<String>);
    let working = use_state(|| false);
    let on_submit = {
        let (store, done) = (props.store.clone(), props.on_unlocked.clone());
        let (with_code, error, working) = (*with_code, error.clone(), working.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let id = if with_code {
                "unlock-code"
            } else {
                "unlock-passphrase"
            };
            let typed = input_text(id).unwrap_or_default();
            let (store, done, error, working) =
                (store.clone(), done.clone(), error.clone(), working.clone());
            working.set(true);
            spawn_local(async move {
                let secret = if with_code {
                    Secret::RecoveryCode(&typed)
                } else {
                    Secret::Passphrase(&typed)
                };
                let result = locking::unlock(&store, secret).await;
                working.set(false);
                match result {
                    Ok(()) => done.emit(with_code),
                    Err(message) => error.set(Some(message)),
                }
            });
        })
    };
    let toggle = {
        let (with_code, error) = (with_code.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            with_code.set(!*with_code);
        })
    };
    html! {
        <section class="lock-screen card" aria-labelledby="unlock-title" id="lock-screen">
            <h1 id="unlock-title">{ lt(LockMsg::UnlockTitle) }</h1>
            <p>{ lt(LockMsg::UnlockIntro) }</p>
            <form onsubmit={on_submit}>
                if *with_code {
                    <label for="unlock-code">{ lt(LockMsg::UnlockCode) }</label>
                    <input id="unlock-code" type="text" autocomplete="off" spellcheck="false" autocapitalize="characters" />
                } else {
                    <label for="unlock-passphrase">{ lt(LockMsg::LockPassphrase) }</label>
                    <input id="unlock-passphrase" type="password" autocomplete="current-password" spellcheck="false" autocapitalize="off" autofocus=true />
                }
                if let Some(error) = &*error {
                    <p class="notice notice-error" role="alert" id="unlock-error">{ error }</p>
                }
                <div class="actions">
                    <button class="primary" id="unlock-submit" type="submit" disabled={*working}>
                        { lt(if *working { LockMsg::UnlockWorking } else { LockMsg::UnlockButton }) }
                    </button>
                    <button type="button" id="unlock-use-code" onclick={toggle}>
                        { lt(if *with_code { LockMsg::UnlockUsePassphrase } else { LockMsg::UnlockUseCode }) }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[derive(Debug, Properties)]
pub struct LockCardProps {
    pub store: Rc<Store>,
    /// Locks the app at once ("Khoá ngay").
    pub lock_now: Callback<()>,
    /// Tells the app the lock was turned on or off, so its frame follows.
    pub on_switched: Callback<()>,
}

/// The steps of turning the lock on.
#[derive(Debug, Clone, PartialEq)]
enum TurnOn {
    /// The passphrase typed twice and the idle time.
    Asking,
    /// The recovery code shown, to be written down; the passphrase stays in its inputs.
    Code(Rc<str>),
    Working,
}

const FIRST: &str = "lock-passphrase";
const SECOND: &str = "lock-passphrase-again";

fn selected_minutes(id: &str) -> u32 {
    gloo_utils::document()
        .get_element_by_id(id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(e).ok())
        .and_then(|s| s.value().parse().ok())
        .filter(|m| IDLE_MINUTES.contains(m))
        .unwrap_or(IDLE_MINUTES[0])
}

fn idle_select(id: &'static str, chosen: u32, onchange: Option<Callback<Event>>) -> Html {
    html! {
        <>
            <label for={id}>{ lt(LockMsg::LockIdle) }</label>
            <select id={id} {onchange}>
                { for IDLE_MINUTES.iter().map(|m| html! {
                    <option value={m.to_string()} selected={*m == chosen}>
                        { fill(lt(LockMsg::LockIdleMinutes), &[("n", &m.to_string())]) }
                    </option>
                }) }
            </select>
        </>
    }
}

/// The secret typed into an input that takes the passphrase or the recovery code: a code when it
/// reads as one, else a passphrase.
fn current_secret(typed: &str) -> Secret<'_> {
    if parse_recovery_code(typed).is_some() {
        Secret::RecoveryCode(typed)
    } else {
        Secret::Passphrase(typed)
    }
}

/// One of the card's actions on an unlocked store: what to say when done, or why it failed.
type Action = Rc<
    dyn Fn(
        Rc<Store>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, String>>>>,
>;

/// The settings' card "Khoá bằng mật khẩu".
#[function_component(LockCard)]
pub fn lock_card(props: &LockCardProps) -> Html {
    let turn_on = use_state(|| TurnOn::Asking);
    let notice = use_state(|| None::<Notice>);
    let shown = use_state(|| false);
    let busy = use_state(|| false);
    let store = props.store.clone();
    let status = store.lock_status();

    let body = if !store.is_persistent() {
        html! { <p class="notice notice-error" id="lock-unavailable">{ lt(LockMsg::LockNoStorageHere) }</p> }
    } else if !crate::platform::crypto::available() {
        html! { <p class="notice notice-error" id="lock-unavailable">{ lt(LockMsg::LockNoCryptoHere) }</p> }
    } else if status == LockStatus::Off {
        let on_submit = {
            let (turn_on, notice, store, switched) = (
                turn_on.clone(),
                notice.clone(),
                store.clone(),
                props.on_switched.clone(),
            );
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let first = input_text(FIRST).unwrap_or_default();
                let second = input_text(SECOND).unwrap_or_default();
                if let Err(error) = check_new_passphrase(&first, &second) {
                    turn_on.set(TurnOn::Asking);
                    notice.set(Some(Notice::Error(error)));
                    return;
                }
                let TurnOn::Code(code) = (*turn_on).clone() else {
                    match locking::new_recovery_code() {
                        Ok(code) => {
                            notice.set(None);
                            turn_on.set(TurnOn::Code(code.into()));
                        }
                        Err(error) => notice.set(Some(Notice::Error(error))),
                    }
                    return;
                };
                let typed = input_text("lock-code-confirm").unwrap_or_default();
                let last = code.rsplit('-').next().unwrap_or_default();
                let typed_last = parse_recovery_code(&format!("00000000000000000000{typed}"))
                    .map(|c| c.rsplit('-').next().unwrap_or_default().to_owned());
                if typed_last.as_deref() != Some(last) {
                    notice.set(Some(Notice::Error(
                        lt(LockMsg::LockCodeMismatch).to_owned(),
                    )));
                    return;
                }
                let minutes = selected_minutes("lock-idle-new");
                let (turn_on, notice, store, switched) = (
                    turn_on.clone(),
                    notice.clone(),
                    store.clone(),
                    switched.clone(),
                );
                turn_on.set(TurnOn::Working);
                spawn_local(async move {
                    match locking::turn_on(&store, &first, &code, minutes).await {
                        Ok(()) => {
                            turn_on.set(TurnOn::Asking);
                            notice.set(Some(Notice::Info(lt(LockMsg::LockTurnedOn).to_owned())));
                            switched.emit(());
                        }
                        Err(error) => {
                            turn_on.set(TurnOn::Code(code));
                            notice.set(Some(Notice::Error(error)));
                        }
                    }
                });
            })
        };
        let toggle = {
            let shown = shown.clone();
            Callback::from(move |_: Event| shown.set(!*shown))
        };
        let kind = if *shown { "text" } else { "password" };
        let step = (*turn_on).clone();
        let past_first = step != TurnOn::Asking;
        html! {
            <form onsubmit={on_submit}>
                <p>{ lt(LockMsg::LockIntro) }</p>
                <p class="notice notice-warning" id="lock-warning">{ lt(LockMsg::LockWarning) }</p>
                <label for={FIRST}>{ lt(LockMsg::LockPassphrase) }</label>
                <input id={FIRST} type={kind} autocomplete="new-password" spellcheck="false" autocapitalize="off" readonly={past_first} />
                <label for={SECOND}>{ lt(LockMsg::LockPassphraseAgain) }</label>
                <input id={SECOND} type={kind} autocomplete="new-password" spellcheck="false" autocapitalize="off" readonly={past_first} />
                <label class="check"><input type="checkbox" id="lock-show" checked={*shown} onchange={toggle} />{ lt(LockMsg::LockShow) }</label>
                { idle_select("lock-idle-new", IDLE_MINUTES[0], None) }
                <p class="muted">{ lt(LockMsg::LockWorkspaceNote) }</p>
                if let TurnOn::Code(code) = &step {
                    <h3>{ lt(LockMsg::LockCodeTitle) }</h3>
                    <p>{ lt(LockMsg::LockCodeIntro) }</p>
                    <p class="recovery-code" id="lock-code"><code>{ code.to_string() }</code></p>
                    <label for="lock-code-confirm">{ lt(LockMsg::LockCodeConfirm) }</label>
                    <input id="lock-code-confirm" type="text" autocomplete="off" spellcheck="false" autocapitalize="characters" />
                }
                <div class="actions">
                    <button class="primary" id="lock-turn-on" type="submit" disabled={step == TurnOn::Working}>
                        { lt(match step {
                            TurnOn::Asking => LockMsg::LockContinue,
                            TurnOn::Code(_) => LockMsg::LockTurnOn,
                            TurnOn::Working => LockMsg::LockTurningOn,
                        }) }
                    </button>
                </div>
            </form>
        }
    } else {
        let act = |action: Action| {
            let (store, notice, busy) = (store.clone(), notice.clone(), busy.clone());
            move || {
                let (store, notice, busy, action) =
                    (store.clone(), notice.clone(), busy.clone(), action.clone());
                busy.set(true);
                spawn_local(async move {
                    let result = action(store).await;
                    busy.set(false);
                    notice.set(Some(match result {
                        Ok(done) => Notice::Info(done),
                        Err(error) => Notice::Error(error),
                    }));
                });
            }
        };
        let on_idle = {
            let run = act(Rc::new(|store| {
                Box::pin(async move {
                    let minutes = selected_minutes("lock-idle");
                    locking::set_idle_minutes(&store, minutes).await?;
                    Ok(lt(LockMsg::LockIdleSaved).to_owned())
                })
            }));
            Callback::from(move |_: Event| run())
        };
        let on_change = {
            let run = act(Rc::new(|store| {
                Box::pin(async move {
                    let current = input_text("lock-current").unwrap_or_default();
                    let first = input_text("lock-new").unwrap_or_default();
                    let second = input_text("lock-new-again").unwrap_or_default();
                    check_new_passphrase(&first, &second)?;
                    locking::change_passphrase(&store, current_secret(&current), &first).await?;
                    Ok(lt(LockMsg::LockChanged).to_owned())
                })
            }));
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                run();
            })
        };
        let on_off = {
            let switched = props.on_switched.clone();
            let run = act(Rc::new(move |store| {
                let switched = switched.clone();
                Box::pin(async move {
                    let current = input_text("lock-off-current").unwrap_or_default();
                    locking::turn_off(&store, current_secret(&current)).await?;
                    switched.emit(());
                    Ok(lt(LockMsg::LockTurnedOff).to_owned())
                })
            }));
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                run();
            })
        };
        let lock_now = props.lock_now.reform(|_: MouseEvent| ());
        let chosen = locking::idle_minutes(&store).unwrap_or(IDLE_MINUTES[0]);
        html! {
            <>
                <p class="notice notice-info" id="lock-status">{ lt(LockMsg::LockOn) }</p>
                <div class="actions">
                    <button class="primary" id="lock-now" onclick={lock_now}>{ lt(LockMsg::LockNow) }</button>
                </div>
                { idle_select("lock-idle", chosen, Some(on_idle)) }
                <p class="muted">{ lt(LockMsg::LockWorkspaceNote) }</p>
                <h3>{ lt(LockMsg::LockChange) }</h3>
                <form onsubmit={on_change}>
                    <label for="lock-current">{ lt(LockMsg::LockCurrent) }</label>
                    <input id="lock-current" type="password" autocomplete="current-password" spellcheck="false" autocapitalize="off" />
                    <label for="lock-new">{ lt(LockMsg::LockNew) }</label>
                    <input id="lock-new" type="password" autocomplete="new-password" spellcheck="false" autocapitalize="off" />
                    <label for="lock-new-again">{ lt(LockMsg::LockNewAgain) }</label>
                    <input id="lock-new-again" type="password" autocomplete="new-password" spellcheck="false" autocapitalize="off" />
                    <div class="actions">
                        <button id="lock-change" type="submit" disabled={*busy}>{ lt(LockMsg::LockChange) }</button>
                    </div>
                </form>
                <h3>{ lt(LockMsg::LockTurnOff) }</h3>
                <form onsubmit={on_off}>
                    <p>{ lt(LockMsg::LockTurnOffIntro) }</p>
                    <label for="lock-off-current">{ lt(LockMsg::LockCurrent) }</label>
                    <input id="lock-off-current" type="password" autocomplete="current-password" spellcheck="false" autocapitalize="off" />
                    <div class="actions">
                        <button id="lock-off" type="submit" disabled={*busy}>{ lt(LockMsg::LockTurnOff) }</button>
                    </div>
                </form>
            </>
        }
    };
    html! {
        <section class="card" aria-labelledby="lock-title" id="lock-card">
            <h2 id="lock-title">{ lt(LockMsg::LockTitle) }</h2>
            { body }
            if *busy {
                <p role="status" class="muted">{ lt(LockMsg::LockWorking) }</p>
            }
            <NoticeBox notice={(*notice).clone()} />
        </section>
    }
}
