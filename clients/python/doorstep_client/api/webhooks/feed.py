from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.feed_page import FeedPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["types"] = types

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FeedPage | Problem:
    if response.status_code == 200:
        response_200 = FeedPage.from_dict(response.json())

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
) -> Response[FeedPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[FeedPage | Problem]:
    """The events the caller's org would receive by webhook

     The events the caller's org would receive by webhook (all types), as their payloads, in the
    order they committed. Resume from `next_cursor`: no event is skipped (one that commits late
    is served once every transaction before it has ended) nor served twice. Marketplace,
    supplier and courier staff and API keys only, each seeing the shipments they are party to.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> FeedPage | Problem | None:
    """The events the caller's org would receive by webhook

     The events the caller's org would receive by webhook (all types), as their payloads, in the
    order they committed. Resume from `next_cursor`: no event is skipped (one that commits late
    is served once every transaction before it has ended) nor served twice. Marketplace,
    supplier and courier staff and API keys only, each seeing the shipments they are party to.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedPage | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        types=types,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[FeedPage | Problem]:
    """The events the caller's org would receive by webhook

     The events the caller's org would receive by webhook (all types), as their payloads, in the
    order they committed. Resume from `next_cursor`: no event is skipped (one that commits late
    is served once every transaction before it has ended) nor served twice. Marketplace,
    supplier and courier staff and API keys only, each seeing the shipments they are party to.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> FeedPage | Problem | None:
    """The events the caller's org would receive by webhook

     The events the caller's org would receive by webhook (all types), as their payloads, in the
    order they committed. Resume from `next_cursor`: no event is skipped (one that commits late
    is served once every transaction before it has ended) nor served twice. Marketplace,
    supplier and courier staff and API keys only, each seeing the shipments they are party to.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            types=types,
            limit=limit,
        )
    ).parsed
