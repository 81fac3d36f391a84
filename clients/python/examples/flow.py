"""The marketplace integration and a driver's day, through the generated client only.

    DOORSTEP_URL=http://127.0.0.1:8080 DOORSTEP_ROOT_TOKEN=<a platform admin's access token> \
    DOORSTEP_PHOTO=photo.jpg python3 clients/python/examples/flow.py

Run by CI against a server started by the test, on SQLite and PostgreSQL
(`tests/api/clients.rs`). Every step asserts what the server answered.
"""

from __future__ import annotations

import http.server
import json
import os
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from doorstep_client import AuthenticatedClient, Client  # noqa: E402
from doorstep_client.api.api_keys import create_api_key  # noqa: E402
from doorstep_client.api.attempts import (  # noqa: E402
    create_attempt,
    create_contact_attempt,
    upload_photo,
)
from doorstep_client.api.auth import login  # noqa: E402
from doorstep_client.api.contracts import create_contract  # noqa: E402
from doorstep_client.api.custody import accept_handoff, create_handoff, out_for_delivery  # noqa: E402
from doorstep_client.api.kpis import courier_scorecard, get_kpis, set_targets  # noqa: E402
from doorstep_client.api.orgs import create_org  # noqa: E402
from doorstep_client.api.shipments import (  # noqa: E402
    create_batch,
    create_shipment,
    driver_route,
    get_shipment,
)
from doorstep_client.api.tracking import choose_redelivery, rate, track  # noqa: E402
from doorstep_client.api.users import create_user  # noqa: E402
from doorstep_client.api.webhooks import create_webhook, feed  # noqa: E402
from doorstep_client.models import (  # noqa: E402
    AcceptHandoff,
    CreateApiKey,
    CreateAttempt,
    CreateBatch,
    CreateContactAttempt,
    CreateContract,
    CreateHandoff,
    CreateOrg,
    CreateShipment,
    CreateUser,
    CreateWebhook,
    LoginRequest,
    NewWindow,
    Problem,
    UploadPhotoKind,
    RateDelivery,
    SetTargets,
)
from doorstep_client.types import File  # noqa: E402
from doorstep_helpers import catch_up, verify_webhook  # noqa: E402

BASE = os.environ["DOORSTEP_URL"]
RUN = uuid.uuid4().hex[:8]
PASSWORD = "correct horse battery staple"
HOME = (48.8606, 2.3376)


def ok(response, status: int):
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.content[:500]!r}"
    )
    return response.parsed


def now() -> datetime:
    return datetime.now(timezone.utc)


def authed(token: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE, token=token)


def log_in(email: str) -> AuthenticatedClient:
    pair = ok(login.sync_detailed(client=Client(base_url=BASE),
                                  body=LoginRequest(email=email, password=PASSWORD)), 200)
    return authed(pair.access_token)


def new_org(root: AuthenticatedClient, kind: str, name: str) -> tuple[str, AuthenticatedClient]:
    email = f"admin-{RUN}@{name}.example"
    created = ok(create_org.sync_detailed(client=root, body=CreateOrg.from_dict({
        "kind": kind, "name": f"{name} {RUN}",
        "admin": {"email": email, "name": f"{name} admin", "password": PASSWORD}})), 201)
    return created.org.id, log_in(email)


# The customer below chooses a new visit 3 to 5 hours ahead and the driver goes out again at
# once, which the server allows only on the window's local day: a zone where that is still
# today (Paris until 16:00 UTC, then Los Angeles), so the flow passes at any hour.
ZONE = "Europe/Paris" if datetime.now(timezone.utc).hour < 16 else "America/Los_Angeles"


def shipment(reference: str, courier: str) -> dict:
    return {
        "reference": reference, "courier_id": courier, "time_zone": ZONE,
        "recipient": {"name": "Camille Martin", "phone": "+33 6 12 34 56 78",
                      "email": "camille@mail.example",
                      "address": {"line1": "1 rue de Rivoli", "postal_code": "75001",
                                  "city": "Paris", "country": "FR"},
                      "lat": HOME[0], "lon": HOME[1]},
        "window": {"start": (now() - timedelta(hours=1)).isoformat(),
                   "end": (now() + timedelta(hours=4)).isoformat(), "firm": True},
        "parcel": {"description": "Headphones", "weight_grams": 600,
                   "declared_value_cents": 15900},
    }


def gps() -> dict:
    return {"lat": HOME[0], "lon": HOME[1], "accuracy_m": 8.0, "captured_at": now().isoformat()}


class Receiver(http.server.BaseHTTPRequestHandler):
    """A partner's webhook endpoint: keeps what it verified."""
    secret = ""
    received: list[dict] = []
    rejected = 0

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if verify_webhook(body, self.headers.get("Doorstep-Signature", ""), Receiver.secret):
            Receiver.received.append(json.loads(body))
            self.send_response(204)
        else:
            Receiver.rejected += 1
            self.send_response(400)
        self.end_headers()

    def log_message(self, *args):
        pass


def main() -> None:
    root = authed(os.environ["DOORSTEP_ROOT_TOKEN"])

    # --- The marketplace integration -----------------------------------------------------
    shop_id, shop = new_org(root, "marketplace", "shop")
    key = ok(create_api_key.sync_detailed(client=shop, body=CreateApiKey(name="order sync")), 201)
    api = authed(key.secret)
    courier_id, courier = new_org(root, "courier", "rapid")
    contract = ok(create_contract.sync_detailed(client=shop, body=CreateContract.from_dict(
        {"partner_id": courier_id, "pin_above_value_cents": 10000})), 201)
    targets = ok(set_targets.sync_detailed(contract.id, client=shop, body=SetTargets.from_dict(
        {"targets": [{"kpi": "on_time_rate", "op": ">=", "value": 0.9},
                     {"kpi": "average_stars", "value": 4.0}]})), 200)
    assert {t.kpi.value for t in targets.targets} == {"on_time_rate", "average_stars"}

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = ok(create_webhook.sync_detailed(client=shop, body=CreateWebhook.from_dict({
        "url": f"http://127.0.0.1:{server.server_port}/hooks", "event_types": ["*"]})), 201)
    Receiver.secret = hook.secret

    reference = f"PY-{RUN}"
    order = CreateShipment.from_dict(shipment(reference, courier_id))
    created = ok(create_shipment.sync_detailed(client=api, body=order,
                                               idempotency_key=reference), 201)
    again = ok(create_shipment.sync_detailed(client=api, body=order,
                                             idempotency_key=reference), 201)
    assert again.id == created.id, "a retried creation is the same shipment"
    token = created.tracking.token
    batch = ok(create_batch.sync_detailed(client=api, body=CreateBatch.from_dict({"shipments": [
        shipment(f"{reference}-b1", courier_id), shipment(f"{reference}-b2", courier_id)]}),
        idempotency_key=f"{reference}-batch"), 200)
    assert [item.status for item in batch.results] == [201, 201]

    handoff = ok(create_handoff.sync_detailed(created.id, client=api, body=CreateHandoff.from_dict(
        {"to": "courier"})), 201)
    ok(accept_handoff.sync_detailed(created.id, handoff.id, client=courier,
                                    body=AcceptHandoff.from_dict({"condition": "intact"})), 200)

    # --- The driver's day ----------------------------------------------------------------
    driver_email = f"driver-{RUN}@rapid.example"
    driver_id = ok(create_user.sync_detailed(client=courier, body=CreateUser.from_dict({
        "email": driver_email, "name": "Dana Driver", "password": PASSWORD,
        "role": "driver"})), 201).id
    to_driver = ok(create_handoff.sync_detailed(created.id, client=courier,
                                                body=CreateHandoff.from_dict(
        {"to": "driver", "driver_id": driver_id})), 201)
    driver = log_in(driver_email)
    ok(accept_handoff.sync_detailed(created.id, to_driver.id, client=driver,
                                    body=AcceptHandoff.from_dict({"condition": "intact"})), 200)
    route = ok(driver_route.sync_detailed(client=driver), 200)
    assert created.id in [s.id for s in route.items], "the parcel is on the driver's route"
    ok(out_for_delivery.sync_detailed(created.id, client=driver), 200)
    ok(create_contact_attempt.sync_detailed(created.id, client=driver,
                                            body=CreateContactAttempt.from_dict(
        {"channel": "call", "outcome": "no_answer", "occurred_at": now().isoformat()})), 201)
    failed_body = {"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(),
                   "intercom_note": "rang twice, no answer", "occurred_at": now().isoformat()}
    failed = ok(create_attempt.sync_detailed(created.id, client=driver,
                                             body=CreateAttempt.from_dict(failed_body),
                                             idempotency_key=f"{reference}-1"), 201)
    retried = ok(create_attempt.sync_detailed(created.id, client=driver,
                                              body=CreateAttempt.from_dict(failed_body),
                                              idempotency_key=f"{reference}-1"), 200)
    assert retried.id == failed.id, "a retried attempt is the same attempt"
    assert failed.distance_m is not None and failed.distance_m < 50
    with open(os.environ["DOORSTEP_PHOTO"], "rb") as f:
        photo = ok(upload_photo.sync_detailed(failed.id, client=driver, kind=UploadPhotoKind.DOOR,
                                              body=File(payload=f, mime_type="image/jpeg")), 201)
    assert photo.content_type == "image/jpeg"

    # The customer chooses a new visit through the link.
    customer = Client(base_url=BASE)
    view = ok(track.sync_detailed(token, client=customer), 200)
    assert view.can_choose_redelivery
    start = now() + timedelta(hours=3)
    chosen = ok(choose_redelivery.sync_detailed(token, client=customer, body=NewWindow.from_dict(
        {"window": {"start": start.isoformat(),
                    "end": (start + timedelta(hours=2)).isoformat()}})), 200)
    assert chosen.redelivery is not None
    ok(out_for_delivery.sync_detailed(created.id, client=driver,
                                      idempotency_key=f"{reference}-out-2"), 200)
    pin = ok(track.sync_detailed(token, client=customer), 200).handover_pin
    assert pin, "the customer reads the PIN on the link"
    delivered = ok(create_attempt.sync_detailed(created.id, client=driver,
                                                body=CreateAttempt.from_dict({
        "outcome": "delivered", "placement": "handed_to_recipient",
        "recipient_name": "Camille Martin", "handover_pin": pin, "gps": gps(),
        "occurred_at": now().isoformat()}), idempotency_key=f"{reference}-2"), 201)
    assert delivered.outcome.value == "delivered"
    ok(rate.sync_detailed(token, client=customer, body=RateDelivery.from_dict(
        {"stars": 5, "tags": ["friendly"], "comment": "Second visit, right on time."})), 201)
    assert ok(get_shipment.sync_detailed(created.id, client=api), 200).status.value == "delivered"

    # --- What the marketplace hears and measures -----------------------------------------
    deadline = time.time() + 30
    while time.time() < deadline and not any(
            e["type"] == "shipment.delivered" for e in Receiver.received):
        time.sleep(0.1)
    kinds = {e["type"] for e in Receiver.received}
    assert {"shipment.created", "attempt.recorded", "shipment.delivered"} <= kinds, kinds
    assert Receiver.rejected == 0, "every delivery carries a valid signature"
    events, cursor = catch_up(lambda after: ok(feed.sync_detailed(
        client=api, after=after if after else None), 200))
    ours = [e for e in events if e.shipment and e.shipment.id == created.id]
    assert {"shipment.created", "shipment.delivered"} <= {e.type_ for e in ours}
    assert len({e.id for e in events}) == len(events), "the feed serves each event once"
    later, _ = catch_up(lambda after: ok(feed.sync_detailed(client=api, after=after), 200),
                        cursor)
    assert later == [], "caught up: nothing new"
    report = ok(get_kpis.sync_detailed(client=shop, courier_id=courier_id), 200)
    assert report.overall is not None
    card = ok(courier_scorecard.sync_detailed(client=shop), 200)
    assert courier_id in [c.courier_id for c in card.couriers]

    # --- Three bad requests, each a typed problem ----------------------------------------
    bad = shipment(f"{reference}-bad", courier_id)
    bad["window"]["end"] = bad["window"]["start"]
    problem = ok(create_shipment.sync_detailed(client=api, body=CreateShipment.from_dict(bad),
                                               idempotency_key=f"{reference}-bad"), 422)
    assert isinstance(problem, Problem) and problem.type_ == "/problems/validation"
    assert any(e.field.startswith("window") for e in problem.errors)
    problem = ok(get_shipment.sync_detailed("shp_nothing_here", client=api), 404)
    assert isinstance(problem, Problem) and problem.type_ == "/problems/not-found"
    problem = ok(create_attempt.sync_detailed(created.id, client=driver,
                                              body=CreateAttempt.from_dict(failed_body | {
        "intercom_note": "another body"}), idempotency_key=f"{reference}-1"), 422)
    assert isinstance(problem, Problem)
    assert problem.type_ == "/problems/idempotency-key-reused", problem.type_
    server.shutdown()
    print(f"python flow: {len(Receiver.received)} webhooks verified, {len(events)} feed events")


if __name__ == "__main__":
    main()
