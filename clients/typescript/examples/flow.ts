// The marketplace integration and a driver's day, through the generated client only.
//
//   DOORSTEP_URL=http://127.0.0.1:8080 DOORSTEP_ROOT_TOKEN=<a platform admin's access token> \
//   DOORSTEP_PHOTO=photo.jpg node dist/examples/flow.js
//
// Run by CI against a server started by the test, on SQLite and PostgreSQL
// (`tests/api/clients.rs`). Every step asserts what the server answered.
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { catchUp, createClient, verifyWebhook, type Problem, type Schemas } from "../src/index.js";

const BASE = process.env.DOORSTEP_URL!;
const RUN = randomUUID().slice(0, 8);
const PASSWORD = "correct horse battery staple";
const HOME = { lat: 48.8606, lon: 2.3376 };

/** The typed body of an answer with the expected status. */
function ok<T>(r: { data?: T; error?: unknown; response: Response }, status: number): T {
  assert.equal(r.response.status, status, `expected ${status}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** The typed problem of an answer with the expected status. */
function problem(r: { error?: unknown; response: Response }, status: number): Problem {
  assert.equal(r.response.status, status);
  assert.equal(r.response.headers.get("content-type"), "application/problem+json");
  return r.error as Problem;
}

const now = () => new Date();
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function logIn(email: string) {
  const pair = ok(await createClient(BASE).POST("/v1/auth/login", {
    body: { email, password: PASSWORD },
  }), 200);
  return createClient(BASE, pair.access_token);
}

async function newOrg(root: ReturnType<typeof createClient>, kind: Schemas["OrgKind"], name: string) {
  const email = `admin-${RUN}@${name}.example`;
  const created = ok(await root.POST("/v1/orgs", {
    body: { kind, name: `${name} ${RUN}`, admin: { email, name: `${name} admin`, password: PASSWORD } },
  }), 201);
  return { id: created.org.id, client: await logIn(email) };
}

// The customer below chooses a new visit 3 to 5 hours ahead and the driver goes out again at
// once, which the server allows only on the window's local day: a zone where that is still
// today (Paris until 16:00 UTC, then Los Angeles), so the flow passes at any hour.
const ZONE = new Date().getUTCHours() < 16 ? "Europe/Paris" : "America/Los_Angeles";

function shipment(reference: string, courier: string): Schemas["CreateShipment"] {
  return {
    reference, courier_id: courier, time_zone: ZONE,
    recipient: {
      name: "Camille Martin", phone: "+33 6 12 34 56 78", email: "camille@mail.example",
      address: { line1: "1 rue de Rivoli", postal_code: "75001", city: "Paris", country: "FR" },
      lat: HOME.lat, lon: HOME.lon,
    },
    window: { start: hours(-1), end: hours(4), firm: true },
    parcel: { description: "Headphones", weight_grams: 600, declared_value_cents: 15900 },
  };
}

const gps = () => ({ ...HOME, accuracy_m: 8, captured_at: now().toISOString() });

async function main() {
  const root = createClient(BASE, process.env.DOORSTEP_ROOT_TOKEN);

  // --- The marketplace integration ---------------------------------------------------------
  const shop = await newOrg(root, "marketplace", "shop");
  const key = ok(await shop.client.POST("/v1/api-keys", { body: { name: "order sync" } }), 201);
  const api = createClient(BASE, key.secret);
  const courier = await newOrg(root, "courier", "rapid");
  const contract = ok(await shop.client.POST("/v1/contracts", {
    body: { partner_id: courier.id, pin_above_value_cents: 10000 },
  }), 201);
  const targets = ok(await shop.client.PUT("/v1/contracts/{id}/targets", {
    params: { path: { id: contract.id } },
    body: { targets: [{ kpi: "on_time_rate", op: ">=", value: 0.9 }, { kpi: "average_stars", value: 4 }] },
  }), 200);
  assert.deepEqual(targets.targets.map((t) => t.kpi).sort(), ["average_stars", "on_time_rate"]);

  const received: Schemas["EventPayload"][] = [];
  let rejected = 0;
  let secret = "";
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (verifyWebhook(body, String(req.headers["doorstep-signature"] ?? ""), secret)) {
        received.push(JSON.parse(body.toString()));
        res.writeHead(204).end();
      } else {
        rejected += 1;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  const hook = ok(await shop.client.POST("/v1/webhooks", {
    body: { url: `http://127.0.0.1:${port}/hooks`, event_types: ["*"] },
  }), 201);
  secret = hook.secret;

  const reference = `TS-${RUN}`;
  const order = shipment(reference, courier.id);
  const idem = (k: string) => ({ header: { "Idempotency-Key": k } });
  const created = ok(await api.POST("/v1/shipments", { params: idem(reference), body: order }), 201);
  const again = ok(await api.POST("/v1/shipments", { params: idem(reference), body: order }), 201);
  assert.equal(again.id, created.id, "a retried creation is the same shipment");
  const token = created.tracking!.token;
  const batch = ok(await api.POST("/v1/shipments/batch", {
    params: idem(`${reference}-batch`),
    body: { shipments: [shipment(`${reference}-b1`, courier.id), shipment(`${reference}-b2`, courier.id)] },
  }), 200);
  assert.deepEqual(batch.results.map((r) => r.status), [201, 201]);

  const path = { path: { id: created.id } };
  const handoff = ok(await api.POST("/v1/shipments/{id}/handoffs", { params: path, body: { to: "courier" } }), 201);
  ok(await courier.client.POST("/v1/shipments/{id}/handoffs/{hid}/accept", {
    params: { path: { id: created.id, hid: handoff.id } }, body: { condition: "intact" },
  }), 200);

  // --- The driver's day ----------------------------------------------------------------------
  const driverEmail = `driver-${RUN}@rapid.example`;
  const driverUser = ok(await courier.client.POST("/v1/users", {
    body: { email: driverEmail, name: "Dana Driver", password: PASSWORD, role: "driver" },
  }), 201);
  const toDriver = ok(await courier.client.POST("/v1/shipments/{id}/handoffs", {
    params: path, body: { to: "driver", driver_id: driverUser.id },
  }), 201);
  const driver = await logIn(driverEmail);
  ok(await driver.POST("/v1/shipments/{id}/handoffs/{hid}/accept", {
    params: { path: { id: created.id, hid: toDriver.id } }, body: { condition: "intact" },
  }), 200);
  const route = ok(await driver.GET("/v1/driver/route", {}), 200);
  assert.ok(route.items.some((s) => s.id === created.id), "the parcel is on the driver's route");
  ok(await driver.POST("/v1/shipments/{id}/out-for-delivery", { params: path }), 200);
  ok(await driver.POST("/v1/shipments/{id}/contact-attempts", {
    params: path, body: { channel: "call", outcome: "no_answer", occurred_at: now().toISOString() },
  }), 201);
  const failedBody: Schemas["CreateAttempt"] = {
    outcome: "failed", failure_reason: "recipient_absent", gps: gps(),
    intercom_note: "rang twice, no answer", occurred_at: now().toISOString(),
  };
  const attemptPath = (k: string) => ({ path: { id: created.id }, header: { "Idempotency-Key": k } });
  const failed = ok(await driver.POST("/v1/shipments/{id}/attempts", {
    params: attemptPath(`${reference}-1`), body: failedBody,
  }), 201);
  const retried = ok(await driver.POST("/v1/shipments/{id}/attempts", {
    params: attemptPath(`${reference}-1`), body: failedBody,
  }), 200);
  assert.equal(retried.id, failed.id, "a retried attempt is the same attempt");
  assert.ok(failed.distance_m != null && failed.distance_m < 50);
  const jpeg = readFileSync(process.env.DOORSTEP_PHOTO!);
  const photo = ok(await driver.POST("/v1/attempts/{id}/photos", {
    params: { path: { id: failed.id }, query: { kind: "door" } },
    // A binary body is typed as a string; the bytes go as they are.
    body: jpeg as unknown as string,
    bodySerializer: (b: unknown) => b as BodyInit,
    headers: { "Content-Type": "image/jpeg" },
  }), 201);
  assert.equal(photo.content_type, "image/jpeg");

  // The customer chooses a new visit through the link.
  const customer = createClient(BASE);
  const link = { path: { token } };
  const view = ok(await customer.GET("/v1/track/{token}", { params: link }), 200);
  assert.ok(view.can_choose_redelivery);
  const chosen = ok(await customer.POST("/v1/track/{token}/redelivery", {
    params: link, body: { window: { start: hours(3), end: hours(5) } },
  }), 200);
  assert.ok(chosen.redelivery);
  ok(await driver.POST("/v1/shipments/{id}/out-for-delivery", {
    params: { path: { id: created.id }, header: { "Idempotency-Key": `${reference}-out-2` } },
  }), 200);
  const pin = ok(await customer.GET("/v1/track/{token}", { params: link }), 200).handover_pin;
  assert.ok(pin, "the customer reads the PIN on the link");
  const delivered = ok(await driver.POST("/v1/shipments/{id}/attempts", {
    params: attemptPath(`${reference}-2`),
    body: {
      outcome: "delivered", placement: "handed_to_recipient", recipient_name: "Camille Martin",
      handover_pin: pin, gps: gps(), occurred_at: now().toISOString(),
    },
  }), 201);
  assert.equal(delivered.outcome, "delivered");
  ok(await customer.POST("/v1/track/{token}/rating", {
    params: link, body: { stars: 5, tags: ["friendly"], comment: "Second visit, right on time." },
  }), 201);
  const shipped = ok(await api.GET("/v1/shipments/{id}", { params: path }), 200);
  assert.equal(shipped.status, "delivered");

  // --- What the marketplace hears and measures -----------------------------------------------
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !received.some((e) => e.type === "shipment.delivered")) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const kinds = new Set(received.map((e) => e.type));
  for (const k of ["shipment.created", "attempt.recorded", "shipment.delivered"] as const) {
    assert.ok(kinds.has(k), `webhook ${k} received`);
  }
  assert.equal(rejected, 0, "every delivery carries a valid signature");
  const feed = async (after?: string) =>
    ok(await api.GET("/v1/events", { params: { query: { after } } }), 200);
  const { events, cursor } = await catchUp(feed);
  const ours = new Set(events.filter((e) => e.shipment?.id === created.id).map((e) => e.type));
  assert.ok(ours.has("shipment.created") && ours.has("shipment.delivered"));
  assert.equal(new Set(events.map((e) => e.id)).size, events.length, "each event once");
  assert.deepEqual((await catchUp(feed, cursor)).events, [], "caught up: nothing new");
  const report = ok(await shop.client.GET("/v1/kpis", { params: { query: { courier_id: courier.id } } }), 200);
  assert.ok(report.overall);
  const card = ok(await shop.client.GET("/v1/kpis/couriers", {}), 200);
  // The scorecard is also served as CSV (`Accept: text/csv`): here, JSON.
  assert.ok(typeof card !== "string" && card.couriers.some((c) => c.courier_id === courier.id));

  // --- Three bad requests, each a typed problem ------------------------------------------------
  const bad = shipment(`${reference}-bad`, courier.id);
  bad.window.end = bad.window.start;
  const invalid = problem(await api.POST("/v1/shipments", { params: idem(`${reference}-bad`), body: bad }), 422);
  assert.equal(invalid.type, "/problems/validation");
  assert.ok(invalid.errors?.some((e) => e.field.startsWith("window")));
  const missing = problem(await api.GET("/v1/shipments/{id}", { params: { path: { id: "shp_nothing_here" } } }), 404);
  assert.equal(missing.type, "/problems/not-found");
  const reused = problem(await driver.POST("/v1/shipments/{id}/attempts", {
    params: attemptPath(`${reference}-1`), body: { ...failedBody, intercom_note: "another body" },
  }), 422);
  assert.equal(reused.type, "/problems/idempotency-key-reused");
  // The server's webhook connections are kept alive: close them too, or the process lingers.
  receiver.close();
  receiver.closeAllConnections();
  console.log(`typescript flow: ${received.length} webhooks verified, ${events.length} feed events`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
