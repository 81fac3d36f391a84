// Doorstep's driver app: plain JS, no build step. Every action is queued in IndexedDB with its
// Idempotency-Key and device time, then sent in order whenever the network allows; the route is
// kept for offline use. The server decides (verdicts, refusals); the app shows what it said.
"use strict";

const FR = {
  title: "Doorstep — Livreur", login: "Se connecter", email: "E-mail", password: "Mot de passe",
  route: "Tournée du jour", refresh: "Actualiser", logout: "Se déconnecter", call: "Appeler",
  maps: "Itinéraire", accept: "Accepter la remise", out: "Partir en livraison", eta: "Arrivée vers",
  send: "Envoyer", attempt: "Tentative de livraison", outcome: "Résultat", delivered: "Livré",
  failed: "Non livré", reason: "Motif", recipient_absent: "Personne", no_access: "Pas d'accès",
  refused: "Refusé", address_not_found: "Adresse introuvable", unsafe: "Dangereux",
  damaged: "Endommagé", other: "Autre", placement: "Déposé", handed_to_recipient: "Remis en main propre",
  front_door: "Devant la porte", mailbox: "Boîte aux lettres", neighbour: "Voisin",
  safe_place: "Lieu sûr", reception: "Accueil", recipient: "Nom du destinataire",
  pin: "Code du client", notify: "Recevoir les notifications", notify_on: "Notifications activées",
  incoming: (r) => `Accepter la remise : ${r}`, scan: "Remise : scanner ou saisir son code (colis/remise)", intercom: "Note interphone / sonnette", photo: "Photo", record: "Enregistrer",
  reached: "A répondu", no_answer: "Pas de réponse", waiting: "en attente d'envoi",
  queued: (n) => `${n} action(s) en attente d'envoi`, offline: "Hors ligne : tout est gardé et sera envoyé.",
  online: "En ligne", call_first: "Appeler avant d'arriver", safe_ok: "Lieu sûr accepté",
  bad_login: "E-mail ou mot de passe incorrect.", empty: "Aucun arrêt pour aujourd'hui.",
  st_created: "créé", st_at_supplier: "chez le fournisseur", st_with_courier: "chez le transporteur",
  st_out_for_delivery: "en livraison", st_attempt_failed: "tentative échouée", st_delivered: "livré",
  st_returned: "retourné", st_cancelled: "annulé", st_lost: "perdu",
  about: (m) => `≈ ${m} min`,
};
const EN = {
  reached: "Answered", no_answer: "No answer", waiting: "waiting to send",
  notify: "Get notifications", notify_on: "Notifications on", incoming: (r) => `Accept hand-off: ${r}`,
  queued: (n) => `${n} action(s) waiting to send`, offline: "Offline: everything is kept and will be sent.",
  online: "Online", call_first: "Call before arriving", safe_ok: "Safe place allowed",
  bad_login: "Wrong e-mail or password.", empty: "No stops today.",
  st_created: "created", st_at_supplier: "at the supplier", st_with_courier: "with the courier",
  st_out_for_delivery: "out for delivery", st_attempt_failed: "failed attempt", st_delivered: "delivered",
  st_returned: "returned", st_cancelled: "cancelled", st_lost: "lost",
  about: (m) => `≈ ${m} min`,
};
const LANG = (navigator.language || "en").toLowerCase().startsWith("fr") ? "fr" : "en";
const WORDS = LANG === "fr" ? FR : EN;
const t = (k, ...a) => { const w = WORDS[k] ?? EN[k] ?? k; return typeof w === "function" ? w(...a) : w; };
const $ = (sel, root = document) => root.querySelector(sel);

const TOKENS = "doorstep.driver.tokens", ROUTE = "doorstep.driver.route", REFUSED = "doorstep.driver.refused";
const INCOMING = "doorstep.driver.incoming", PUSH = "doorstep.driver.push";
let tokens = JSON.parse(localStorage.getItem(TOKENS) || "null");
let stops = JSON.parse(localStorage.getItem(ROUTE) || "[]");
let refused = JSON.parse(localStorage.getItem(REFUSED) || "{}");
// Hand-offs a push announced (or a notification opened): accepted with one tap.
let incoming = JSON.parse(localStorage.getItem(INCOMING) || "[]");

function translate(root) {
  if (LANG !== "fr") return;
  root.querySelectorAll("[data-t]").forEach((el) => { if (FR[el.dataset.t]) el.textContent = FR[el.dataset.t]; });
}

// ---- tokens and the API
function saveTokens(pair) {
  tokens = pair ? { access: pair.access_token, refresh: pair.refresh_token } : null;
  if (tokens) localStorage.setItem(TOKENS, JSON.stringify(tokens)); else localStorage.removeItem(TOKENS);
}

async function refreshTokens() {
  const r = await fetch("/v1/auth/refresh", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: tokens.refresh }) });
  if (r.status === 401) { saveTokens(null); show(); throw new Error("logged out"); }
  if (!r.ok) throw new Error("refresh: " + r.status);
  saveTokens(await r.json());
}

async function api(method, path, body, headers = {}) {
  const send = () => {
    const h = { ...headers, authorization: "Bearer " + tokens.access };
    let b;
    if (body instanceof Blob) b = body;
    else if (body !== undefined) { h["content-type"] = "application/json"; b = JSON.stringify(body); }
    return fetch(path, { method, headers: h, body: b });
  };
  let r = await send();
  if (r.status === 401 && tokens && tokens.refresh) { await refreshTokens(); r = await send(); }
  return r;
}

// ---- the queue (IndexedDB): actions in order, and the attempts' ids once sent (for photos)
let dbp;
function db() {
  dbp = dbp || new Promise((ok, ko) => {
    const q = indexedDB.open("doorstep-driver", 1);
    q.onupgradeneeded = () => {
      q.result.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
      q.result.createObjectStore("sent", { keyPath: "key" });
    };
    q.onsuccess = () => ok(q.result);
    q.onerror = () => ko(q.error);
  });
  return dbp;
}
async function store(name, mode, fn) {
  const d = await db();
  return new Promise((ok, ko) => {
    const tx = d.transaction(name, mode);
    const r = fn(tx.objectStore(name));
    tx.oncomplete = () => ok(r && "result" in r ? r.result : undefined);
    tx.onerror = () => ko(tx.error);
  });
}
const queued = () => store("queue", "readonly", (s) => s.getAll());

async function enqueue(item) {
  item.key = item.key || crypto.randomUUID();
  item.queued_at = new Date().toISOString();
  await store("queue", "readwrite", (s) => s.add(item));
  if ("serviceWorker" in navigator && navigator.serviceWorker.ready) {
    navigator.serviceWorker.ready.then((r) => r.sync && r.sync.register("doorstep-queue")).catch(() => {});
  }
  await render();
  flush();
}

let flushing = false;
async function flush() {
  if (flushing || !tokens) return;
  flushing = true;
  let sent = 0;
  try {
    for (;;) {
      const items = await queued();
      if (!items.length) break;
      const item = items[0];
      let path = item.path;
      if (item.resolve) {
        // A scanned hand-off: its id is the one waiting for this driver now.
        let one;
        try { one = await api("GET", `/v1/shipments/${item.shipment}`); } catch (e) { break; }
        if (one.status >= 500) break;
        const h = one.ok ? (await one.json()).pending_handoff : null;
        if (!h || h.status !== "pending") { await drop(item, "no hand-off is waiting for you"); continue; }
        path = path.replace("{handoff}", h.id);
      }
      if (item.after) {
        const done = await store("sent", "readonly", (s) => s.get(item.after));
        if (!done) { await drop(item, "the attempt it belongs to was refused"); continue; }
        path = path.replace("{attempt}", done.id);
      }
      let r;
      try {
        r = await api(item.method, path, item.blob || item.body, { "Idempotency-Key": item.key });
      } catch (e) { break; } // offline: keep it, try again later
      if (r.ok) {
        const out = await r.json().catch(() => ({}));
        if (item.kind === "attempt") await store("sent", "readwrite", (s) => s.put({ key: item.key, id: out.id }));
        await store("queue", "readwrite", (s) => s.delete(item.seq));
        sent++;
        delete refused[item.shipment];
      } else if (r.status >= 500 || r.status === 408 || r.status === 429) {
        break; // the server will take it later
      } else if (r.status === 409 && (await alreadyDone(item))) {
        // A retry of a step the server took while its answer was lost on the way.
        await store("queue", "readwrite", (s) => s.delete(item.seq));
        sent++;
      } else {
        const p = await r.json().catch(() => ({}));
        await drop(item, p.detail || p.title || String(r.status));
      }
    }
  } finally {
    flushing = false;
    localStorage.setItem(REFUSED, JSON.stringify(refused));
  }
  if (sent) await loadRoute(); else await render();
}

// The server keeps a step's key for 24 hours; after that (a phone offline for longer), a 409 on
// a set-out or an acceptance is fine when the parcel is already where the step was taking it.
async function alreadyDone(item) {
  if (item.kind !== "out" && item.kind !== "accept") return false;
  const r = await api("GET", `/v1/shipments/${item.shipment}`).catch(() => null);
  if (!r || !r.ok) return false;
  const s = await r.json();
  const claims = JSON.parse(atob(tokens.access.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  return item.kind === "out" ? s.status === "out_for_delivery" : s.driver_id === claims.sub;
}

async function drop(item, why) {
  // Named by the parcel's reference while the app still knows it: a refused stop may leave the route.
  const ref = (stops.find((s) => s.id === item.shipment) || {}).reference;
  refused[item.shipment] = { ref, why: `${item.kind}: ${why}` };
  await store("queue", "readwrite", (s) => s.delete(item.seq));
}

// ---- the route
// Loads overlap (a flush, a push, the refresh button, the timer): only the latest one started
// may set the stops, or a slow earlier answer would put back a route from before an acceptance.
let routeLoads = 0;
async function loadRoute() {
  const mine = ++routeLoads;
  try {
    const r = await api("GET", "/v1/driver/route");
    if (r.ok) {
      const page = await r.json();
      const fresh = [];
      for (const s of page.items) {
        if (s.status !== "out_for_delivery") {
          const one = await api("GET", `/v1/shipments/${s.id}`);
          if (one.ok) { fresh.push(await one.json()); continue; }
        }
        fresh.push(s);
      }
      if (mine !== routeLoads) return; // a newer load draws the route
      stops = fresh;
      localStorage.setItem(ROUTE, JSON.stringify(stops));
    }
  } catch (e) { /* offline: the route kept from last time */ }
  await render();
}

function when(s) {
  const f = new Intl.DateTimeFormat(LANG, { timeZone: s.time_zone, weekday: "short", hour: "2-digit", minute: "2-digit" });
  return `${f.format(new Date(s.window.start))} – ${f.format(new Date(s.window.end))}`;
}

// What the stops were last drawn from: they are redrawn only when it changes, so a refresh or a
// failed send never wipes a form the driver is filling in.
let drawn = null;

async function render() {
  const waiting = await queued().catch(() => []);
  const q = $("#queue");
  q.dataset.waiting = String(waiting.length);
  q.textContent = t("queued", waiting.length);
  $("#status").textContent = navigator.onLine ? t("online") : t("offline");
  const sig = JSON.stringify([stops, refused, incoming, localStorage.getItem(PUSH), live,
    waiting.map((w) => [w.seq, w.shipment, w.kind, w.becomes || ""])]);
  if (sig === drawn) return;
  drawn = sig;
  const known = new Set(stops.map((s) => s.id));
  const others = $("#refusals");
  others.textContent = "";
  for (const [id, why] of Object.entries(refused)) {
    if (known.has(id)) continue;
    const li = document.createElement("li");
    li.textContent = typeof why === "string" ? `${id}: ${why}` : `${why.ref || id}: ${why.why}`;
    others.append(li);
  }
  const inbox = $("#incoming");
  inbox.textContent = "";
  for (const h of incoming) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "take";
    b.dataset.handoff = h.handoff_id;
    b.textContent = t("incoming", h.reference || h.shipment_id);
    b.addEventListener("click", () => {
      setIncoming(incoming.filter((x) => x.handoff_id !== h.handoff_id));
      enqueue({ kind: "accept", shipment: h.shipment_id, method: "POST",
        path: `/v1/shipments/${h.shipment_id}/handoffs/${h.handoff_id}/accept`, body: { condition: "intact" } });
    });
    li.append(b);
    inbox.append(li);
  }
  const push = $("#push");
  push.hidden = !("PushManager" in window);
  push.textContent = localStorage.getItem(PUSH) ? t("notify_on") : t("notify");
  const list = $("#stops");
  list.textContent = "";
  if (!stops.length) { const li = document.createElement("li"); li.textContent = t("empty"); list.append(li); }
  for (const s of stops) {
    const node = $("#stop").content.cloneNode(true);
    const li = node.querySelector("li");
    li.dataset.shipment = s.id;
    translate(li);
    const mine = waiting.filter((w) => w.shipment === s.id);
    const status = mine.reduce((st, w) => w.becomes || st, s.status);
    li.dataset.status = status;
    $(".ref", li).textContent = s.reference;
    $(".state", li).textContent = t("st_" + status) + (mine.length ? ` (${mine.length} ${t("waiting")})` : "")
      + (status === "out_for_delivery" && live[s.id] ? ` · ${t("about", live[s.id].minutes)}` : "");
    $(".window", li).textContent = when(s);
    const r = s.recipient || {};
    const a = r.address || {};
    $(".address", li).textContent = [r.name, a.line1, a.line2, `${a.postal_code || ""} ${a.city || ""}`.trim()].filter(Boolean).join(", ");
    $(".notes", li).textContent = r.access_notes || "";
    $(".prefs", li).textContent = [s.preferences.call_before_arrival && t("call_first"),
      s.preferences.safe_place_allowed && `${t("safe_ok")}${s.preferences.safe_place ? ": " + s.preferences.safe_place : ""}`]
      .filter(Boolean).join(" · ");
    if (refused[s.id]) {
      const p = $(".refused", li);
      p.hidden = false;
      p.textContent = typeof refused[s.id] === "string" ? refused[s.id] : refused[s.id].why;
    }
    const call = $(".call", li);
    if (r.phone) call.href = "tel:" + r.phone; else call.hidden = true;
    call.addEventListener("click", () => askOutcome(li, s));
    const maps = $(".maps", li);
    const q2 = encodeURIComponent([a.line1, a.postal_code, a.city].filter(Boolean).join(" "));
    maps.href = r.lat != null ? `geo:${r.lat},${r.lon}?q=${q2}` : `geo:0,0?q=${q2}`;
    const h = s.pending_handoff;
    const handoffWaiting = mine.some((w) => w.kind === "accept");
    if (h && h.status === "pending" && h.to === "driver" && !handoffWaiting) {
      const b = $(".accept", li);
      b.hidden = false;
      b.addEventListener("click", () => enqueue({ kind: "accept", shipment: s.id, method: "POST",
        path: `/v1/shipments/${s.id}/handoffs/${h.id}/accept`, body: { condition: "intact" } }));
    } else if (status !== "out_for_delivery" && (s.next_statuses || []).includes("out_for_delivery") || (handoffWaiting && status !== "out_for_delivery")) {
      const b = $(".out", li);
      b.hidden = false;
      b.addEventListener("click", () => enqueue({ kind: "out", shipment: s.id, method: "POST",
        path: `/v1/shipments/${s.id}/out-for-delivery`, body: {}, becomes: "out_for_delivery" }));
    }
    if (status === "out_for_delivery") {
      const eta = $("form.eta", li);
      eta.hidden = false;
      eta.addEventListener("submit", (e) => { e.preventDefault(); postEta(s, eta); });
      const form = $("form.attempt", li);
      form.hidden = false;
      const sync = () => {
        const failed = form.outcome.value === "failed";
        form.querySelectorAll(".if-failed").forEach((x) => { x.hidden = !failed; });
        form.querySelectorAll(".if-delivered").forEach((x) => { x.hidden = failed; });
      };
      form.outcome.addEventListener("change", sync);
      sync();
      form.addEventListener("submit", (e) => { e.preventDefault(); recordAttempt(s, form); });
    }
    list.append(node);
  }
}

function setIncoming(list) {
  incoming = list;
  localStorage.setItem(INCOMING, JSON.stringify(incoming));
}

function announce(p) {
  if (!p || !p.handoff_id || incoming.some((x) => x.handoff_id === p.handoff_id)) return;
  setIncoming([...incoming, { shipment_id: p.shipment_id, handoff_id: p.handoff_id, reference: p.reference }]);
}

// Web Push through the server's VAPID key; the subscription is the driver's (10 at most).
async function enablePush() {
  try {
    const reg = await navigator.serviceWorker.ready;
    const k = await fetch("/v1/push/vapid-public-key").then((r) => (r.ok ? r.json() : null));
    if (!k || (await Notification.requestPermission()) !== "granted") return;
    const raw = atob(k.public_key.replace(/-/g, "+").replace(/_/g, "/"));
    const key = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const r = await api("POST", "/v1/me/push-subscriptions", sub.toJSON());
    if (r.ok) localStorage.setItem(PUSH, (await r.json()).id);
  } catch (e) { /* no push service here: the route still refreshes */ }
  render();
}

function askOutcome(li, s) {
  if ($(".called", li)) return;
  const box = document.createElement("p");
  box.className = "called";
  for (const outcome of ["reached", "no_answer"]) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = outcome;
    b.textContent = t(outcome);
    b.addEventListener("click", () => enqueue({ kind: "call", shipment: s.id, method: "POST",
      path: `/v1/shipments/${s.id}/contact-attempts`,
      body: { channel: "call", outcome, occurred_at: new Date().toISOString() } }));
    box.append(b);
  }
  $(".actions", li).after(box);
}

function postEta(s, form) {
  const [hh, mm] = form.eta.value.split(":").map(Number);
  const d = new Date();
  d.setHours(hh, mm, 0, 0);
  if (d < new Date()) d.setDate(d.getDate() + 1);
  enqueue({ kind: "eta", shipment: s.id, method: "POST", path: `/v1/shipments/${s.id}/eta`, body: { eta: d.toISOString() } });
}

// ---- live arrival: while a parcel is out for delivery, the position every 30 s. Live only: never
// queued (a late position is worth nothing, and the server keeps only the latest). The answer
// is each stop's estimate, which the stop shows.
let live = {};
async function reportPosition() {
  if (!tokens || !navigator.onLine || document.hidden) return;
  if (!stops.some((s) => s.status === "out_for_delivery")) { live = {}; return; }
  const p = await position();
  if (!p) return;
  try {
    const r = await api("PUT", "/v1/driver/position", { lat: p.lat, lon: p.lon, accuracy_m: p.accuracy_m });
    if (r.ok) {
      const a = await r.json();
      live = Object.fromEntries(a.stops.map((e) => [e.shipment_id, e]));
      await render();
    }
  } catch (e) { /* offline: the next one */ }
}

function position() {
  return new Promise((ok) => {
    if (!navigator.geolocation) return ok(null);
    navigator.geolocation.getCurrentPosition(
      (p) => ok({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy_m: p.coords.accuracy,
        captured_at: new Date(p.timestamp).toISOString() }),
      () => ok(null), { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
  });
}

// Photos above 8 MB are redrawn at 3000 px on the phone (the server takes up to 10 MiB); smaller
// ones go as taken, with their EXIF data, which the server checks.
async function shrink(file) {
  if (file.size <= 8 * 1024 * 1024 || !window.createImageBitmap) return file;
  const img = await createImageBitmap(file);
  const k = Math.min(1, 3000 / Math.max(img.width, img.height));
  const c = document.createElement("canvas");
  c.width = Math.round(img.width * k);
  c.height = Math.round(img.height * k);
  c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
  return new Promise((ok) => c.toBlob((b) => ok(b || file), "image/jpeg", 0.85));
}

async function recordAttempt(s, form) {
  const occurred_at = new Date().toISOString();
  const outcome = form.outcome.value;
  const body = { outcome, occurred_at };
  if (outcome === "failed") body.failure_reason = form.failure_reason.value;
  else {
    body.placement = form.placement.value;
    if (form.recipient_name.value.trim()) body.recipient_name = form.recipient_name.value.trim();
    if (form.handover_pin.value.trim()) body.handover_pin = form.handover_pin.value.trim();
  }
  if (form.intercom_note.value.trim()) body.intercom_note = form.intercom_note.value.trim();
  const gps = await position();
  if (gps) body.gps = gps;
  const key = crypto.randomUUID();
  const file = form.photo.files && form.photo.files[0];
  await enqueue({ kind: "attempt", key, shipment: s.id, method: "POST", path: `/v1/shipments/${s.id}/attempts`,
    body, becomes: outcome === "failed" ? "attempt_failed" : "delivered" });
  if (file) {
    const kind = outcome === "failed" ? "door" : "placement";
    await enqueue({ kind: "photo", shipment: s.id, after: key, method: "POST",
      path: `/v1/attempts/{attempt}/photos?kind=${kind}`, blob: await shrink(file) });
  }
}

// ---- log in, out, and start
function show() {
  $("#login").hidden = !!tokens;
  $("#route").hidden = !tokens;
}

async function login(e) {
  e.preventDefault();
  const f = e.target;
  $("#login-error").textContent = "";
  const r = await fetch("/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: f.email.value, password: f.password.value }) }).catch(() => null);
  if (!r || !r.ok) { $("#login-error").textContent = t("bad_login"); return; }
  saveTokens(await r.json());
  show();
  await loadRoute();
  flush();
}

async function logout() {
  const sub = localStorage.getItem(PUSH);
  if (sub && tokens) await api("DELETE", `/v1/me/push-subscriptions/${sub}`).catch(() => null);
  localStorage.removeItem(PUSH);
  setIncoming([]);
  if (tokens) await fetch("/v1/auth/logout", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: tokens.refresh }) }).catch(() => null);
  saveTokens(null);
  show();
}

document.addEventListener("DOMContentLoaded", async () => {
  translate(document);
  document.documentElement.lang = LANG;
  $("#login").addEventListener("submit", login);
  $("#logout").addEventListener("click", logout);
  $("#refresh").addEventListener("click", () => { flush(); loadRoute(); });
  $("#push").addEventListener("click", enablePush);
  // A notification opened: /driver?handoff=<shipment>/<hand-off>&ref=<reference>.
  const q = new URLSearchParams(location.search);
  if (q.get("handoff")) {
    const [shipment_id, handoff_id] = q.get("handoff").split("/");
    if (shipment_id && handoff_id) announce({ shipment_id, handoff_id, reference: q.get("ref") });
    history.replaceState(null, "", "/driver");
  }
  $("#scan").addEventListener("submit", (e) => {
    e.preventDefault();
    // The hand-off's code: "<shipment id>/<hand-off id>" (what the courier's label carries);
    // a shipment id alone accepts the hand-off waiting for this driver on a parcel they see.
    const [id, hid] = e.target.shipment.value.trim().split(/[\s/:]+/);
    e.target.reset();
    if (!id) return;
    enqueue({ kind: "accept", shipment: id, method: "POST", resolve: !hid,
      path: `/v1/shipments/${id}/handoffs/${hid || "{handoff}"}/accept`, body: { condition: "intact" } });
  });
  window.addEventListener("online", () => { flush(); });
  window.addEventListener("offline", () => render());
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/driver/sw.js", { scope: "/driver" }).catch(() => {});
    navigator.serviceWorker.addEventListener("message", (e) => {
      if (e.data === "flush") flush();
      else if (e.data && e.data.push) { announce(e.data.push); loadRoute(); }
    });
  }
  setInterval(flush, 15000);
  setInterval(reportPosition, 30000);
  show();
  if (tokens) { await render(); await flush(); await loadRoute(); reportPosition(); }
});
