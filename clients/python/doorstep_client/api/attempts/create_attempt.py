from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.attempt import Attempt
from ...models.create_attempt import CreateAttempt
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: CreateAttempt,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/shipments/{id}/attempts".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Attempt | Problem:
    if response.status_code == 200:
        response_200 = Attempt.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Attempt.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Attempt | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: CreateAttempt,
    idempotency_key: str,
) -> Response[Attempt | Problem]:
    """Record a delivery attempt

     Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
    same key and body returns the stored attempt; another body is a 422
    `/problems/idempotency-key-reused`. The server judges the
    attempt (flags, distance) and moves the shipment to `delivered` or `attempt_failed`.

    Args:
        id (str):
        idempotency_key (str):
        body (CreateAttempt): A delivery attempt as the driver's app sends it (requires an
            `Idempotency-Key`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attempt | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: CreateAttempt,
    idempotency_key: str,
) -> Attempt | Problem | None:
    """Record a delivery attempt

     Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
    same key and body returns the stored attempt; another body is a 422
    `/problems/idempotency-key-reused`. The server judges the
    attempt (flags, distance) and moves the shipment to `delivered` or `attempt_failed`.

    Args:
        id (str):
        idempotency_key (str):
        body (CreateAttempt): A delivery attempt as the driver's app sends it (requires an
            `Idempotency-Key`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attempt | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: CreateAttempt,
    idempotency_key: str,
) -> Response[Attempt | Problem]:
    """Record a delivery attempt

     Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
    same key and body returns the stored attempt; another body is a 422
    `/problems/idempotency-key-reused`. The server judges the
    attempt (flags, distance) and moves the shipment to `delivered` or `attempt_failed`.

    Args:
        id (str):
        idempotency_key (str):
        body (CreateAttempt): A delivery attempt as the driver's app sends it (requires an
            `Idempotency-Key`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attempt | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: CreateAttempt,
    idempotency_key: str,
) -> Attempt | Problem | None:
    """Record a delivery attempt

     Record a delivery attempt (assigned driver). Requires `Idempotency-Key`: a retry with the
    same key and body returns the stored attempt; another body is a 422
    `/problems/idempotency-key-reused`. The server judges the
    attempt (flags, distance) and moves the shipment to `delivered` or `attempt_failed`.

    Args:
        id (str):
        idempotency_key (str):
        body (CreateAttempt): A delivery attempt as the driver's app sends it (requires an
            `Idempotency-Key`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attempt | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
