from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.counted_for import CountedFor
from ...models.page_rating import PageRating
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    counted_for: CountedFor | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["driver_id"] = driver_id

    json_counted_for: str | Unset = UNSET
    if not isinstance(counted_for, Unset):
        json_counted_for = counted_for.value

    params["counted_for"] = json_counted_for

    params["shipment_id"] = shipment_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ratings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageRating | Problem:
    if response.status_code == 200:
        response_200 = PageRating.from_dict(response.json())

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
) -> Response[PageRating | Problem]:
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
    driver_id: str | Unset = UNSET,
    counted_for: CountedFor | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> Response[PageRating | Problem]:
    """Ratings of the caller's shipments

     Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with its
    shipment and attempt, whom it counts for and, when not the driver, why. Never the
    customer's contact data.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        driver_id (str | Unset):
        counted_for (CountedFor | Unset):
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRating | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        driver_id=driver_id,
        counted_for=counted_for,
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
    driver_id: str | Unset = UNSET,
    counted_for: CountedFor | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> PageRating | Problem | None:
    """Ratings of the caller's shipments

     Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with its
    shipment and attempt, whom it counts for and, when not the driver, why. Never the
    customer's contact data.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        driver_id (str | Unset):
        counted_for (CountedFor | Unset):
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRating | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        driver_id=driver_id,
        counted_for=counted_for,
        shipment_id=shipment_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    counted_for: CountedFor | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> Response[PageRating | Problem]:
    """Ratings of the caller's shipments

     Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with its
    shipment and attempt, whom it counts for and, when not the driver, why. Never the
    customer's contact data.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        driver_id (str | Unset):
        counted_for (CountedFor | Unset):
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRating | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        driver_id=driver_id,
        counted_for=counted_for,
        shipment_id=shipment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    counted_for: CountedFor | Unset = UNSET,
    shipment_id: str | Unset = UNSET,
) -> PageRating | Problem | None:
    """Ratings of the caller's shipments

     Ratings of the caller's shipments (marketplace) or deliveries (courier staff), each with its
    shipment and attempt, whom it counts for and, when not the driver, why. Never the
    customer's contact data.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        driver_id (str | Unset):
        counted_for (CountedFor | Unset):
        shipment_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRating | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            driver_id=driver_id,
            counted_for=counted_for,
            shipment_id=shipment_id,
        )
    ).parsed
