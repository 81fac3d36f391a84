#!/usr/bin/env python3
"""Property-based fuzzing of the whole API with schemathesis, as every party.

Starts the real `doorstep` binary on a fresh database, seeds a world through the API (platform
admin, a marketplace with an API key, a supplier, a courier with a driver, contracts, a shipment
out for delivery with a failed attempt and a dispute, a webhook), then runs `st run` against
`openapi.yaml` once per party with that party's credentials and the seeded ids as path parameters,
all phases (examples, coverage, fuzzing, stateful). Any 5xx, response outside its documented
schema, undocumented status code or content type fails the run.

    python3 tests/fuzz/run.py --binary target/debug/doorstep                 # SQLite
    python3 tests/fuzz/run.py --database-url postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable

Options: --seconds N (time box per party, default 45), --seed N, --parties a,b (default: all).
Reports (JUnit and NDJSON per party) go to target/fuzz/.
"""

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "a long fuzzing password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, base):
        self.base = base

    def call(self, method, path, token=None, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if body is not None:
            req.add_header("content-type", "application/json")
        if token:
            req.add_header("authorization", f"Bearer {token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            raise SystemExit(f"seed: {method} {path} -> {e.code}: {raw.decode(errors='replace')}")

    def post(self, path, token, body=None, **kw):
        return self.call("POST", path, token, {} if body is None else body, **kw)[1]

    def login(self, email):
        return self.post("/v1/auth/login", None, {"email": email, "password": PASSWORD})


def png(width, height):
    """A grey PNG, written with zlib alone (no imaging library needed)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x80" * (3 * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def seed(api, binary, env):
    """A small world with an object of every kind; returns credentials and ids per party."""
    subprocess.run(
        [binary, "admin", "bootstrap", "--email", "root@fuzz.test", "--password-stdin"],
        input=PASSWORD.encode(), env=env, check=True, stdout=subprocess.DEVNULL,
    )
    root = api.login("root@fuzz.test")["access_token"]
    orgs = {}
    for kind, name in [("marketplace", "shop"), ("supplier", "acme"), ("courier", "speedy")]:
        org = api.post("/v1/orgs", root, {"kind": kind, "name": name, "admin": {
            "email": f"admin@{name}.test", "name": "Admin", "password": PASSWORD}})
        orgs[name] = org["org"]["id"]
    shop = api.login("admin@shop.test")["access_token"]
    supplier = api.login("admin@acme.test")["access_token"]
    courier = api.login("admin@speedy.test")["access_token"]
    key = api.post("/v1/api-keys", shop, {"name": "fuzz"})
    contract = api.post("/v1/contracts", shop, {"partner_id": orgs["speedy"]})
    api.post("/v1/contracts", shop, {"partner_id": orgs["acme"]})
    driver = api.post("/v1/users", courier, {"email": "driver@speedy.test", "name": "Dan",
                                              "password": PASSWORD, "role": "driver"})
    driver_token = api.login("driver@speedy.test")
    now = dt.datetime.now(dt.timezone.utc)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    shipment = api.post("/v1/shipments", key["secret"], {
        "reference": "FUZZ-1", "supplier_id": orgs["acme"], "courier_id": orgs["speedy"],
        "recipient": {"name": "Camille Martin", "phone": "06 12 34 56 78",
                      "email": "camille@example.fr",
                      "address": {"line1": "1 rue de Rivoli", "postal_code": "75001",
                                  "city": "Paris", "country": "FR"},
                      "lat": 48.8606, "lon": 2.3376},
        "window": {"start": iso(now - dt.timedelta(hours=1)),
                   "end": iso(now + dt.timedelta(hours=4)), "firm": True},
        "parcel": {"description": "TV", "weight_grams": 18000, "declared_value_cents": 20000},
    })
    sid = shipment["id"]
    h = api.post(f"/v1/shipments/{sid}/handoffs", key["secret"], {"to": "courier"})
    api.post(f"/v1/shipments/{sid}/handoffs/{h['id']}/accept", courier, {"condition": "intact"})
    h = api.post(f"/v1/shipments/{sid}/handoffs", courier,
                 {"to": "driver", "driver_id": driver["id"]})
    api.post(f"/v1/shipments/{sid}/handoffs/{h['id']}/accept", driver_token["access_token"],
             {"condition": "intact"})
    api.post(f"/v1/shipments/{sid}/out-for-delivery", driver_token["access_token"])
    api.post(f"/v1/shipments/{sid}/contact-attempts", driver_token["access_token"],
             {"channel": "call", "outcome": "no_answer", "occurred_at": iso(now)})
    attempt = api.post(f"/v1/shipments/{sid}/attempts", driver_token["access_token"], {
        "outcome": "failed", "failure_reason": "recipient_absent", "intercom_note": "no answer",
        "gps": {"lat": 48.8606, "lon": 2.3376, "accuracy_m": 8.0, "captured_at": iso(now)},
        "occurred_at": iso(now)}, headers={"Idempotency-Key": "fuzz-attempt-1"})
    # A photo of the attempt: a real 64×48 PNG (the server decodes every photo).
    req = urllib.request.Request(f"{api.base}/v1/attempts/{attempt['id']}/photos?kind=door",
                                 data=png(64, 48), method="POST")
    req.add_header("content-type", "image/png")
    req.add_header("authorization", f"Bearer {driver_token['access_token']}")
    with urllib.request.urlopen(req, timeout=30) as r:
        photo = json.loads(r.read())
    token = shipment["tracking"]["token"]
    dispute = api.post(f"/v1/track/{token}/disputes", None,
                       {"reason": "was_home", "comment": "I was answering the intercom"})
    hook = api.post("/v1/webhooks", shop, {"url": "https://partner.example/hook",
                                           "event_types": ["*"]})
    api.post(f"/v1/webhooks/{hook['id']}/ping", shop)
    delivery = api.call("GET", f"/v1/webhooks/{hook['id']}/deliveries", shop)[1]["items"][0]
    params = {"id": sid, "hid": h["id"], "token": token, "photo_id": photo["id"]}
    # `{id}` names another kind of object under each of these prefixes.
    ids = {"/v1/orgs/": orgs["speedy"], "/v1/users/": driver["id"], "/v1/api-keys/": key["id"],
           "/v1/contracts/": contract["id"], "/v1/attempts/": attempt["id"],
           "/v1/disputes/": dispute["id"], "/v1/webhooks/": hook["id"],
           "/v1/drivers/": driver["id"], "/v1/photos/": photo["id"],
           "/v1/webhook-deliveries/": delivery["id"]}
    # Parties in this order: a later one may revoke, deactivate or rotate what an earlier used.
    parties = {
        "customer": None, "driver": driver_token["access_token"], "supplier_admin": supplier,
        "marketplace_key": key["secret"], "courier_admin": courier, "marketplace_admin": shop,
        "platform_admin": root,
    }
    return parties, params, ids


def config(token, params, ids):
    """A schemathesis.toml for one party: its credentials and real ids for path parameters."""
    # No automatic sign-up: every party's credentials come from the seed.
    lines = ["[auth]", "auto-signup = false", "",
             # Every check but positive_data_acceptance: it expects any schema-valid request to
             # succeed, while domain rules (a window in the past, a cursor we did not issue, a
             # transition the state does not allow) rightly answer 4xx to requests the schema
             # cannot tell apart. (Checks are set here, not on the command line, which would
             # override the per-operation setting below.)
             "[checks]", "positive_data_acceptance = { enabled = false }", ""]
    if token:
        lines.insert(0, f'headers = {{ Authorization = "Bearer {token}" }}')
    lines.append("[parameters]")
    for name, value in params.items():
        lines.append(f'"path.{name}" = "{value}"')
    # schemathesis 4.32's coverage phase makes every property of a `$ref`-ed object required
    # when it builds negative cases (`preferences: {}` is then "missing safe_place"), so it
    # calls the documented all-optional `preferences` wrongly accepted. Only this operation
    # reaches it with a valid token; every other check still runs on it.
    lines += ["", "[[operations]]", 'include-path-regex = "^/v1/track/[^/]+/contact$"',
              'checks = { negative_data_rejection = { enabled = false } }']
    # The batch checks each item on its own by design: an item the schema would refuse gets its
    # 422 problem in the 200 results while the valid items are created (documented on the
    # operation), so "a schema-violating item accepted" is the contract, not a bug.
    lines += ["", "[[operations]]", 'include-path-regex = "^/v1/shipments/batch$"',
              'checks = { negative_data_rejection = { enabled = false } }']
    for prefix, value in ids.items():
        lines += ["", "[[operations]]", f'include-path-regex = "^{prefix}"',
                  f'parameters = {{ "path.id" = "{value}" }}']
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/debug/doorstep"))
    ap.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    ap.add_argument("--seconds", type=int, default=45, help="time box per party")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--parties", default=None)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="doorstep-fuzz-")
    backend = "postgres" if (args.database_url or "").startswith("postgres") else "sqlite"
    reports = os.path.join(ROOT, "target/fuzz", backend)
    os.makedirs(reports, exist_ok=True)
    db_url, pg_db = args.database_url, None
    if db_url and db_url.startswith("postgres"):
        # A database of its own, dropped afterwards.
        pg_db = f"doorstep_test_fuzz_{os.getpid()}"
        subprocess.run(["psql", db_url, "-qc", f"CREATE DATABASE {pg_db}"], check=True)
        u = urllib.parse.urlsplit(db_url)
        db_url = urllib.parse.urlunsplit(u._replace(path="/" + pg_db))
    db_url = db_url or f"sqlite://{work}/fuzz.db"
    port = free_port()
    env = dict(os.environ, DATABASE_URL=db_url, DOORSTEP_BIND=f"127.0.0.1:{port}",
               DOORSTEP_JWT_SECRET="fuzzing-secret-" + "x" * 40,
               DOORSTEP_ACCESS_TOKEN_TTL="7200", DOORSTEP_BLOB_URL=f"{work}/blobs",
               DOORSTEP_PUBLIC_URL=f"http://127.0.0.1:{port}", RUST_LOG="warn",
               # Rate limits have their own tests; here they would stop most customer requests.
               DOORSTEP_TRACKING_PER_TOKEN_PER_MINUTE="1000000",
               DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE="1000000")
    subprocess.run([args.binary, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    # Every surface, not only the integration contract (openapi.yaml): the console's and the
    # customer page's forms get the same hostile inputs.
    spec = os.path.join(work, "every-route.yaml")
    with open(spec, "w") as f:
        subprocess.run([args.binary, "openapi", "--all"], env=env, check=True, stdout=f)
    log = open(os.path.join(reports, "server.log"), "w")
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=log, stderr=log)
    failed, generated = [], {}
    try:
        api = Api(f"http://127.0.0.1:{port}")
        for _ in range(100):
            try:
                urllib.request.urlopen(api.base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        parties, params, ids = seed(api, args.binary, env)
        chosen = args.parties.split(",") if args.parties else list(parties)
        for party in chosen:
            # Seeded ids as path parameters reach deep into each operation, but they would
            # override the ids that stateful links carry from one response to the next request:
            # so the stateful phase runs apart, without them.
            for phases, share, fixed in [("examples,coverage,fuzzing", 0.6, True),
                                         ("stateful", 0.4, False)]:
                cfg = os.path.join(work, f"{party}-{fixed}.toml")
                with open(cfg, "w") as f:
                    f.write(config(parties[party], params if fixed else {},
                                   ids if fixed else {}))
                seconds = max(5, int(args.seconds * share))
                cmd = [sys.executable, "-m", "schemathesis.cli", "--config-file", cfg, "run", spec,
                       "--url", api.base, "--phases", phases, "--workers", "1",
                       "--max-time", str(seconds), "--request-timeout", "10",
                       "--report", "junit,ndjson",
                       # A generator's complaint, not the server's: hypothesis gives up on an
                       # operation whose valid inputs it finds too rarely (seen once on a console
                       # form post); the server's answers are still checked on what it did send.
                       "--suppress-health-check", "filter_too_much",
                       "--report-dir", os.path.join(reports, party, phases.split(",")[-1]),
                       "--no-color"]
                if args.seed is not None:
                    cmd += ["--seed", str(args.seed)]
                print(f"== schemathesis as {party}: {phases} ({seconds} s)", flush=True)
                started = time.time()
                # In the scratch directory: schemathesis keeps a cache in its working directory.
                run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, cwd=work)
                print(run.stdout, flush=True)
                rc = run.returncode
                found = re.search(r"(\d+) generated", run.stdout)
                cases = int(found.group(1)) if found else 0
                generated[party] = generated.get(party, 0) + cases
                print(f"== {party} {phases}: exit {rc}, {cases} test cases in "
                      f"{time.time() - started:.0f} s", flush=True)
                if rc != 0 or cases == 0:
                    failed.append(f"{party} ({phases})")
            if server.poll() is not None:
                raise SystemExit(f"the server died (exit {server.returncode}); see {log.name}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
        if pg_db:
            subprocess.run(["psql", args.database_url, "-qc",
                            f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)"])
    summary = ", ".join(f"{p} {n}" for p, n in generated.items())
    print(f"schemathesis: {sum(generated.values())} test cases ({summary})")
    if failed:
        raise SystemExit(f"schemathesis found failures as: {', '.join(failed)}")
    print("schemathesis: no failures for any party")


if __name__ == "__main__":
    sys.exit(main())
