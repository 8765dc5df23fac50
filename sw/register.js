// Registers the service worker where the browser allows one (a secure context: HTTPS or localhost)
// and tells the app, through window events, what it needs to show:
// - "tusoi-sw-status" {detail: "unsupported" | "insecure" | "ready" | "failed"} for the settings page;
// - "tusoi-update-ready" when a new version is installed and waiting.
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
  navigator.serviceWorker
    .register("./sw.js")
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
  window.tusoiServiceWorkerStatus = status;
})();
