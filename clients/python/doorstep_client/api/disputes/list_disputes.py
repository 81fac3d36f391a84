from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.dispute_status import DisputeStatus
from ...models.page_dispute import PageDispute
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: DisputeStatus | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["shipment_id"] = shipment_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/disputes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageDispute | Problem:
    if response.status_code == 200:
        response_200 = PageDispute.from_dict(response.json())

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
) -> Response[PageDispute | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: DisputeStatus | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> Response[PageDispute | Problem]:
    """Disputes on the caller's shipments

     Disputes on the caller's shipments (marketplace) or deliveries (courier staff).

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (DisputeStatus | Unset): Where a dispute stands: the courier answers an open one,
            the marketplace resolves it.
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDispute | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        shipment_id=shipment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: DisputeStatus | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> PageDispute | Problem | None:
    """Disputes on the caller's shipments

     Disputes on the caller's shipments (marketplace) or deliveries (courier staff).

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (DisputeStatus | Unset): Where a dispute stands: the courier answers an open one,
            the marketplace resolves it.
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDispute | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        shipment_id=shipment_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: DisputeStatus | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> Response[PageDispute | Problem]:
    """Disputes on the caller's shipments

     Disputes on the caller's shipments (marketplace) or deliveries (courier staff).

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (DisputeStatus | Unset): Where a dispute stands: the courier answers an open one,
            the marketplace resolves it.
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDispute | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        shipment_id=shipment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: DisputeStatus | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> PageDispute | Problem | None:
    """Disputes on the caller's shipments

     Disputes on the caller's shipments (marketplace) or deliveries (courier staff).

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        status (DisputeStatus | Unset): Where a dispute stands: the courier answers an open one,
            the marketplace resolves it.
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDispute | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            shipment_id=shipment_id,
        )
    ).parsed
