from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.accept_handoff import AcceptHandoff
from ...models.problem import Problem
from ...models.shipment import Shipment
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    hid: str,
    *,
    body: AcceptHandoff,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/shipments/{id}/handoffs/{hid}/accept".format(
            id=quote(str(id), safe=""),
            hid=quote(str(hid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Shipment:
    if response.status_code == 200:
        response_200 = Shipment.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | Shipment]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    hid: str,
    *,
    client: AuthenticatedClient,
    body: AcceptHandoff,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Shipment]:
    """Accept a hand-off

     Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.

    Args:
        id (str):
        hid (str):
        idempotency_key (None | str | Unset):
        body (AcceptHandoff): The receiver's scan: the parcel's condition on receipt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Shipment]
    """

    kwargs = _get_kwargs(
        id=id,
        hid=hid,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    hid: str,
    *,
    client: AuthenticatedClient,
    body: AcceptHandoff,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Shipment | None:
    """Accept a hand-off

     Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.

    Args:
        id (str):
        hid (str):
        idempotency_key (None | str | Unset):
        body (AcceptHandoff): The receiver's scan: the parcel's condition on receipt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Shipment
    """

    return sync_detailed(
        id=id,
        hid=hid,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    hid: str,
    *,
    client: AuthenticatedClient,
    body: AcceptHandoff,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Shipment]:
    """Accept a hand-off

     Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.

    Args:
        id (str):
        hid (str):
        idempotency_key (None | str | Unset):
        body (AcceptHandoff): The receiver's scan: the parcel's condition on receipt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Shipment]
    """

    kwargs = _get_kwargs(
        id=id,
        hid=hid,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    hid: str,
    *,
    client: AuthenticatedClient,
    body: AcceptHandoff,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Shipment | None:
    """Accept a hand-off

     Accept a hand-off (the receiver's scan): custody moves and the shipment's status follows.

    Args:
        id (str):
        hid (str):
        idempotency_key (None | str | Unset):
        body (AcceptHandoff): The receiver's scan: the parcel's condition on receipt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Shipment
    """

    return (
        await asyncio_detailed(
            id=id,
            hid=hid,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
