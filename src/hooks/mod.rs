//! Hooks of the shell: each one wires a part of the browser to a component.

pub mod use_action;
pub mod use_idle_lock;
pub mod use_changes;
pub mod use_route;
pub mod use_session;
pub mod use_store;
pub mod use_window_signal;
pub mod use_workspace;
pub mod use_workspace_session;
