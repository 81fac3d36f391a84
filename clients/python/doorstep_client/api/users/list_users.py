from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.page_user_view import PageUserView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    org_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["org_id"] = org_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageUserView | Problem:
    if response.status_code == 200:
        response_200 = PageUserView.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[PageUserView | Problem]:
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
    org_id: str | Unset = UNSET,
) -> Response[PageUserView | Problem]:
    """Users of the caller's org

     Users of the caller's org (platform admins: all, or one org with `org_id`). Drivers see
    only themselves.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        org_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUserView | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        org_id=org_id,
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
    org_id: str | Unset = UNSET,
) -> PageUserView | Problem | None:
    """Users of the caller's org

     Users of the caller's org (platform admins: all, or one org with `org_id`). Drivers see
    only themselves.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        org_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUserView | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        org_id=org_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    org_id: str | Unset = UNSET,
) -> Response[PageUserView | Problem]:
    """Users of the caller's org

     Users of the caller's org (platform admins: all, or one org with `org_id`). Drivers see
    only themselves.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        org_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUserView | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        org_id=org_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    org_id: str | Unset = UNSET,
) -> PageUserView | Problem | None:
    """Users of the caller's org

     Users of the caller's org (platform admins: all, or one org with `org_id`). Drivers see
    only themselves.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        org_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUserView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            org_id=org_id,
        )
    ).parsed
