from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.batch_result import BatchResult
from ...models.create_batch import CreateBatch
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/shipments/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResult | Problem:
    if response.status_code == 200:
        response_200 = BatchResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[BatchResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[BatchResult | Problem]:
    """Create up to 500 shipments

     Create up to 500 shipments (marketplace staff or API key): one result per item, in order.
    Items are independent: an invalid one gets its problem, the others are created. An item
    whose reference the marketplace already used returns that shipment (200) when its body is
    the same, else a 409 problem; the same holds for a reference repeated within the batch. A
    retry with the same `Idempotency-Key` and body gets the stored results (tracking links are
    shown only the first time).

    Args:
        idempotency_key (None | str | Unset):
        body (CreateBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> BatchResult | Problem | None:
    """Create up to 500 shipments

     Create up to 500 shipments (marketplace staff or API key): one result per item, in order.
    Items are independent: an invalid one gets its problem, the others are created. An item
    whose reference the marketplace already used returns that shipment (200) when its body is
    the same, else a 409 problem; the same holds for a reference repeated within the batch. A
    retry with the same `Idempotency-Key` and body gets the stored results (tracking links are
    shown only the first time).

    Args:
        idempotency_key (None | str | Unset):
        body (CreateBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[BatchResult | Problem]:
    """Create up to 500 shipments

     Create up to 500 shipments (marketplace staff or API key): one result per item, in order.
    Items are independent: an invalid one gets its problem, the others are created. An item
    whose reference the marketplace already used returns that shipment (200) when its body is
    the same, else a 409 problem; the same holds for a reference repeated within the batch. A
    retry with the same `Idempotency-Key` and body gets the stored results (tracking links are
    shown only the first time).

    Args:
        idempotency_key (None | str | Unset):
        body (CreateBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateBatch,
    idempotency_key: None | str | Unset = UNSET,
) -> BatchResult | Problem | None:
    """Create up to 500 shipments

     Create up to 500 shipments (marketplace staff or API key): one result per item, in order.
    Items are independent: an invalid one gets its problem, the others are created. An item
    whose reference the marketplace already used returns that shipment (200) when its body is
    the same, else a 409 problem; the same holds for a reference repeated within the batch. A
    retry with the same `Idempotency-Key` and body gets the stored results (tracking links are
    shown only the first time).

    Args:
        idempotency_key (None | str | Unset):
        body (CreateBatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
