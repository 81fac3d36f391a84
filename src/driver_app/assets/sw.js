// The driver app's service worker: the app shell from its cache (versioned), so the app opens
// without a network; the API is never cached here (the page keeps the last route and its queue).
const VERSION = "__VERSION__";
const CACHE = "doorstep-driver-" + VERSION;
const SHELL = ["/driver", "/driver/app.js?v=" + VERSION, "/driver/app.css?v=" + VERSION,
  "/driver/manifest.webmanifest", "/driver/icon.svg"];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== location.origin) return;
  if (!url.pathname.startsWith("/driver")) return;
  // The shell: network first (a new version shows at once), the cache when offline.
  e.respondWith(fetch(e.request).then((r) => {
    if (r.ok) { const copy = r.clone(); caches.open(CACHE).then((c) => c.put(e.request, copy)); }
    return r;
  }).catch(() => caches.match(e.request, { ignoreSearch: false })
    .then((r) => r || caches.match("/driver"))));
});

// Background Sync: the page sends its queue; wake it.
self.addEventListener("sync", (e) => {
  if (e.tag === "doorstep-queue") {
    e.waitUntil(self.clients.matchAll().then((cs) => cs.forEach((c) => c.postMessage("flush"))));
  }
});

self.addEventListener("push", (e) => {
  let data = {};
  try { data = e.data ? e.data.json() : {}; } catch (_) { data = {}; }
  const body = data.text || data.kind || "";
  e.waitUntil(self.registration.showNotification("Doorstep", { body, tag: data.event_id || "doorstep", data })
    .then(() => self.clients.matchAll())
    .then((cs) => cs.forEach((c) => c.postMessage({ push: data }))));
});

self.addEventListener("notificationclick", (e) => {
  e.notification.close();
  const d = e.notification.data || {};
  const url = d.handoff_id
    ? `/driver?handoff=${encodeURIComponent(d.shipment_id)}/${encodeURIComponent(d.handoff_id)}&ref=${encodeURIComponent(d.reference || "")}`
    : "/driver";
  e.waitUntil(self.clients.openWindow(url));
});
