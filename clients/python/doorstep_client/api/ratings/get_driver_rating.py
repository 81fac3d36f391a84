from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.driver_rating import DriverRating
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/drivers/{id}/rating".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DriverRating | Problem:
    if response.status_code == 200:
        response_200 = DriverRating.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DriverRating | Problem]:
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
) -> Response[DriverRating | Problem]:
    """A driver's rating, Uber-style

     A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
    distribution and tags. Their courier's staff also get the comments, each with the shipment
    and attempt rated (nothing that identifies the customer); marketplaces whose parcels the
    driver carried get the figures.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DriverRating | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> DriverRating | Problem | None:
    """A driver's rating, Uber-style

     A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
    distribution and tags. Their courier's staff also get the comments, each with the shipment
    and attempt rated (nothing that identifies the customer); marketplaces whose parcels the
    driver carried get the figures.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DriverRating | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DriverRating | Problem]:
    """A driver's rating, Uber-style

     A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
    distribution and tags. Their courier's staff also get the comments, each with the shipment
    and attempt rated (nothing that identifies the customer); marketplaces whose parcels the
    driver carried get the figures.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DriverRating | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> DriverRating | Problem | None:
    """A driver's rating, Uber-style

     A driver's rating, Uber-style: the mean of their latest 500 counted ratings, with the
    distribution and tags. Their courier's staff also get the comments, each with the shipment
    and attempt rated (nothing that identifies the customer); marketplaces whose parcels the
    driver carried get the figures.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DriverRating | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
