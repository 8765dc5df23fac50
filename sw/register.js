// Registers the service worker where the browser allows one (a secure context: HTTPS or localhost)
// and tells the app, through window events, what it needs to show:
// - "tusoi-sw-status" {detail: "unsupported" | "insecure" | "ready" | "failed"} for the settings page;
// - "tusoi-update-ready" when a new version is installed and waiting;
// - "tusoi-install-ready" when the browser offers to install the app (window.tusoiInstallPrompt).
// The app answers a click on "Có phiên bản mới, tải lại" with the event "tusoi-apply-update";
// only then does the waiting worker take over and the page reload. Plain JS and a file of its own
// because the Content-Security-Policy allows no inline script.
(function () {
  var status = "pending";
  var waiting = null;
  function tell(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }
  function setStatus(value) {
    status = value;
    window.tusoiServiceWorkerStatus = value;
    tell("tusoi-sw-status", value);
  }
  function offerUpdate(worker) {
    waiting = worker;
    window.tusoiUpdateReady = true;
    tell("tusoi-update-ready", null);
  }
  // Chrome and Samsung Internet on Android offer to install through this event; the app shows its
  // own "Cài vào máy" once a draft is saved, and calls the kept event's prompt() then.
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    window.tusoiInstallPrompt = event;
    tell("tusoi-install-ready", null);
  });
  window.addEventListener("tusoi-apply-update", function () {
    if (!waiting) return;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      window.location.reload();
    });
    waiting.postMessage({ type: "skip-waiting" });
  });
  if (!window.isSecureContext) {
    setStatus("insecure");
    return;
  }
  if (!("serviceWorker" in navigator)) {
    setStatus("unsupported");
    return;
  }
  // The worker sits beside this script at the site's root, whichever page loaded it (`index.html`
  // or `soan/index.html`), and its scope is the whole site.
  var workerUrl = new URL("sw.js", document.currentScript.src).href;
  var registered = false;
  function register() {
    if (registered) return;
    registered = true;
    navigator.serviceWorker
      .register(workerUrl)
      .then(function (registration) {
        if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
        registration.addEventListener("updatefound", function () {
          var worker = registration.installing;
          if (!worker) return;
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
          });
        });
        return navigator.serviceWorker.ready;
      })
      .then(function () {
        setStatus("ready");
      })
      .catch(function () {
        setStatus("failed");
      });
  }
  // Registered once the app has started ("tusoi-started", from platform::dom::reveal_app): the
  // worker's install downloads every file of the build, the editor's page among them, and on a
  // slow line that must not share it with the page's own wasm. Ten seconds after the page's load
  // at the latest, so a page whose app cannot start still gets the worker and its updates.
  if (window.tusoiStarted) {
    register();
  } else {
    window.addEventListener("tusoi-started", register);
    window.addEventListener("load", function () {
      setTimeout(register, 10000);
    });
  }
  window.tusoiServiceWorkerStatus = status;
})();
