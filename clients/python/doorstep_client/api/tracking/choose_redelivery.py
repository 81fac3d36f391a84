from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.new_window import NewWindow
from ...models.problem import Problem
from ...models.tracking_view import TrackingView
from ...types import Response


def _get_kwargs(
    token: str,
    *,
    body: NewWindow,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/track/{token}/redelivery".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TrackingView:
    if response.status_code == 200:
        response_200 = TrackingView.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TrackingView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: NewWindow,
) -> Response[Problem | TrackingView]:
    """After a failed attempt, choose the window of the new visit

     After a failed attempt, choose the window of the new visit: it becomes the firm promised
    window, and the driver comes on its day. It starts at least 2 hours from now and within the
    courier's re-delivery horizon (`redelivery_horizon_days`, default 7), and lasts 1 to 24
    hours; 3 choices per wait.

    Args:
        token (str):
        body (NewWindow): A new delivery window, named as at creation: `{"window": {"start": …,
            "end": …}}` (so field
            errors say `window.start`, `window.end`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrackingView]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: NewWindow,
) -> Problem | TrackingView | None:
    """After a failed attempt, choose the window of the new visit

     After a failed attempt, choose the window of the new visit: it becomes the firm promised
    window, and the driver comes on its day. It starts at least 2 hours from now and within the
    courier's re-delivery horizon (`redelivery_horizon_days`, default 7), and lasts 1 to 24
    hours; 3 choices per wait.

    Args:
        token (str):
        body (NewWindow): A new delivery window, named as at creation: `{"window": {"start": …,
            "end": …}}` (so field
            errors say `window.start`, `window.end`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrackingView
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: NewWindow,
) -> Response[Problem | TrackingView]:
    """After a failed attempt, choose the window of the new visit

     After a failed attempt, choose the window of the new visit: it becomes the firm promised
    window, and the driver comes on its day. It starts at least 2 hours from now and within the
    courier's re-delivery horizon (`redelivery_horizon_days`, default 7), and lasts 1 to 24
    hours; 3 choices per wait.

    Args:
        token (str):
        body (NewWindow): A new delivery window, named as at creation: `{"window": {"start": …,
            "end": …}}` (so field
            errors say `window.start`, `window.end`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrackingView]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: NewWindow,
) -> Problem | TrackingView | None:
    """After a failed attempt, choose the window of the new visit

     After a failed attempt, choose the window of the new visit: it becomes the firm promised
    window, and the driver comes on its day. It starts at least 2 hours from now and within the
    courier's re-delivery horizon (`redelivery_horizon_days`, default 7), and lasts 1 to 24
    hours; 3 choices per wait.

    Args:
        token (str):
        body (NewWindow): A new delivery window, named as at creation: `{"window": {"start": …,
            "end": …}}` (so field
            errors say `window.start`, `window.end`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrackingView
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
        )
    ).parsed
