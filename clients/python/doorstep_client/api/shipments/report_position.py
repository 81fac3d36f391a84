from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.position_answer import PositionAnswer
from ...models.position_report import PositionReport
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: PositionReport,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/driver/position",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PositionAnswer | Problem:
    if response.status_code == 200:
        response_200 = PositionAnswer.from_dict(response.json())

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
) -> Response[PositionAnswer | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PositionReport,
) -> Response[PositionAnswer | Problem]:
    """The driver's position now, while out for delivery

     The driver's position now, while out for delivery (the app sends it about every 30 s, live
    only: never queued offline). The server keeps only this latest position, with the estimate
    it gives each stop out for delivery, and forgets it when the round ends; customers and
    marketplaces see stops before theirs and minutes, never the position. With nothing out for
    delivery the position is not kept (`kept: false`).

    Args:
        body (PositionReport): The driver's position now (the phone's Geolocation API). Live only:
            a position is never
            queued offline and sent later.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PositionAnswer | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PositionReport,
) -> PositionAnswer | Problem | None:
    """The driver's position now, while out for delivery

     The driver's position now, while out for delivery (the app sends it about every 30 s, live
    only: never queued offline). The server keeps only this latest position, with the estimate
    it gives each stop out for delivery, and forgets it when the round ends; customers and
    marketplaces see stops before theirs and minutes, never the position. With nothing out for
    delivery the position is not kept (`kept: false`).

    Args:
        body (PositionReport): The driver's position now (the phone's Geolocation API). Live only:
            a position is never
            queued offline and sent later.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PositionAnswer | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PositionReport,
) -> Response[PositionAnswer | Problem]:
    """The driver's position now, while out for delivery

     The driver's position now, while out for delivery (the app sends it about every 30 s, live
    only: never queued offline). The server keeps only this latest position, with the estimate
    it gives each stop out for delivery, and forgets it when the round ends; customers and
    marketplaces see stops before theirs and minutes, never the position. With nothing out for
    delivery the position is not kept (`kept: false`).

    Args:
        body (PositionReport): The driver's position now (the phone's Geolocation API). Live only:
            a position is never
            queued offline and sent later.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PositionAnswer | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PositionReport,
) -> PositionAnswer | Problem | None:
    """The driver's position now, while out for delivery

     The driver's position now, while out for delivery (the app sends it about every 30 s, live
    only: never queued offline). The server keeps only this latest position, with the estimate
    it gives each stop out for delivery, and forgets it when the round ends; customers and
    marketplaces see stops before theirs and minutes, never the position. With nothing out for
    delivery the position is not kept (`kept: false`).

    Args:
        body (PositionReport): The driver's position now (the phone's Geolocation API). Live only:
            a position is never
            queued offline and sent later.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PositionAnswer | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
