// Tự soi's service worker. `cargo xtask dist` (xtask/src/site.rs) writes the list of the
// build's files above this text, so the list is never written by hand:
//   const BUILD = { version: "<hash of every file's path and content>", files: [path, ...],
//                   workspace: [path, ...] };
//
// - Install: every file of the build goes into a new cache named after the build. If any file fails,
//   installation fails and the old version keeps serving: an update never leaves the app unable to
//   start offline.
// - No skipWaiting on install: the page shows "Có phiên bản mới, tải lại" and the member chooses
//   when, so nothing reloads while they type. The page posts {type: "skip-waiting"} on that click.
// - Activate: only then are caches of older builds deleted.
// - Fetch: the build's files cache-first; navigations get the cached index.html of their page (the
//   site's, the editor's `soan/`, the workspace's `chibo/`, or `tong-hop/`'s, which sends the old
//   address on to `chibo/`); anything else goes to the network
//   untouched (the app makes no other request).
// - The editor's page (`soan/`) is in BUILD.files like the home page: an installed version always
//   opens documents offline. `sw/register.js` registers the worker only once the home page's app
//   has started, so its downloads do not slow the first visit's own.
// - The chi bộ's workspace (`chibo/`, listed in BUILD.workspace) is not fetched at install, since
//   most members never open it. Opening it fetches all its files into the build's cache, so it
//   starts offline from then on; its navigations get its own cached index.html.

const CACHE_PREFIX = "tusoi-";
const CACHE = CACHE_PREFIX + BUILD.version;
const scopeUrl = (path) => new URL(path, self.registration.scope).href;

self.addEventListener("install", (event) => {
  // A failed install leaves no half-filled cache behind; the running version is untouched.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(BUILD.files.map((path) => new Request(scopeUrl(path), { cache: "reload" }))))
      .catch((error) => caches.delete(CACHE).then(() => Promise.reject(error)))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) {
    return;
  }
  const inWorkspace = request.url.startsWith(scopeUrl(WORKSPACE));
  if (request.mode === "navigate") {
    const folder = inWorkspace
      ? WORKSPACE
      : request.url.startsWith(scopeUrl(EDITOR))
        ? EDITOR
        : request.url.startsWith(scopeUrl(MOVED))
          ? MOVED
          : "";
    const page = folder + "index.html";
    if (inWorkspace) {
      event.waitUntil(keepWorkspace());
    }
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(scopeUrl(page)))
        .then((hit) => hit || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.match(request, { ignoreSearch: true }).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              // A workspace file fetched before keepWorkspace got to it: keep it too.
              if (inWorkspace && response.ok) {
                cache.put(request, response.clone());
              }
              return response;
            })
        )
      )
  );
});

const WORKSPACE = "chibo/";
const EDITOR = "soan/";
// The workspace's folder until December 2026: its page sends links on to chibo/, offline too.
const MOVED = "tong-hop/";

// Fetches every file of the workspace into the build's cache, once; a file that fails is tried
// again the next time the workspace is opened.
function keepWorkspace() {
  return caches.open(CACHE).then((cache) =>
    Promise.all(
      (BUILD.workspace || []).map((path) =>
        cache.match(scopeUrl(path)).then((hit) => hit || cache.add(new Request(scopeUrl(path), { cache: "reload" })).catch(() => {}))
      )
    )
  );
}
