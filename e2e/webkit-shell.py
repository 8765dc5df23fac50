#!/usr/bin/python3
"""A WebKitGTK browser for WebDriver with storage on disk and a per-origin quota.

MiniBrowser, the browser WebKitWebDriver starts by default, keeps every automation session in
memory, where IndexedDB has no quota at all (2 GB written without an error), so a full-storage
test cannot run in it. This shell is the same engine (WebKitGTK 2.50 through GObject
introspection), driven by the same WebKitWebDriver, with a data folder of the test's own and
WebKit's own `origin-storage-ratio`, so that IndexedDB fails with WebKit's real quota error.

Environment: TUSOI_WEBKIT_DATA (the data folder), TUSOI_WEBKIT_ORIGIN_RATIO (the share of the
data folder's volume one origin may use; unset for WebKit's default), TUSOI_WEBKIT_USER_AGENT
(the user agent the browser reports, to be an iPhone's Safari or an app's browser: WebKit sends it
and `navigator.userAgent` reads it; WebKit refuses a string that is not a valid header value, such
as Facebook's with its "[FB_IAB/FB4A;…]" brackets, and keeps its own, so then a user script gives
the string to `navigator.userAgent` in every page, which is what the app reads), and
TUSOI_WEBKIT_CLOCK=1: a user script moves every page's clock (Date) forward by the milliseconds
the test put in localStorage["tusoi-e2e-clock-shift"], so days pass for the app in a test.
"""
import json
import os

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

data = os.environ["TUSOI_WEBKIT_DATA"]
options = {"base_data_directory": data, "base_cache_directory": os.path.join(data, "cache")}
ratio = os.environ.get("TUSOI_WEBKIT_ORIGIN_RATIO")
if ratio:
    options["origin_storage_ratio"] = float(ratio)
context = WebKit2.WebContext(website_data_manager=WebKit2.WebsiteDataManager(**options))
context.set_automation_allowed(True)
windows = []
user_agent = os.environ.get("TUSOI_WEBKIT_USER_AGENT")
content = WebKit2.UserContentManager()
CLOCK = """(() => {
  let shift = 0;
  try { shift = Number(localStorage.getItem("tusoi-e2e-clock-shift") || 0); } catch (e) { return; }
  if (!shift) return;
  const Real = Date;
  function Shifted(...args) {
    if (!new.target) return new Real(Real.now() + shift).toString();
    return args.length ? new Real(...args) : new Real(Real.now() + shift);
  }
  Shifted.prototype = Real.prototype;
  Shifted.now = () => Real.now() + shift;
  Shifted.UTC = Real.UTC;
  Shifted.parse = Real.parse;
  globalThis.Date = Shifted;
})();"""
# The string as a JavaScript literal (JSON is one), for the user script below.
PAGE_USER_AGENT = """Object.defineProperty(Navigator.prototype, "userAgent", {
  configurable: true, get() { return %s; } });"""
if user_agent:
    probe = WebKit2.Settings()
    probe.set_user_agent(user_agent)
    if probe.get_user_agent() != user_agent:
        content.add_script(WebKit2.UserScript.new(
            PAGE_USER_AGENT % json.dumps(user_agent), WebKit2.UserContentInjectedFrames.ALL_FRAMES,
            WebKit2.UserScriptInjectionTime.START, None, None))
if os.environ.get("TUSOI_WEBKIT_CLOCK"):
    content.add_script(WebKit2.UserScript.new(
        CLOCK, WebKit2.UserContentInjectedFrames.ALL_FRAMES,
        WebKit2.UserScriptInjectionTime.START, None, None))


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True,
                           user_content_manager=content)
    if user_agent:
        view.get_settings().set_user_agent(user_agent)
    window = Gtk.Window()
    window.set_default_size(390, 844)
    window.add(view)
    window.show_all()
    windows.append(window)
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name("TusoiWebKitShell")
    info.set_version(2, 50, 0)
    session.set_application_info(info)
    session.connect("create-web-view", create_web_view)


context.connect("automation-started", automation_started)
Gtk.main()
