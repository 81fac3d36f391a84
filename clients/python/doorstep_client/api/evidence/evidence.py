from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.bundle import Bundle
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    photos: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["photos"] = photos

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shipments/{id}/evidence".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Bundle | Problem:
    if response.status_code == 200:
        response_200 = Bundle.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Bundle | Problem]:
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
    photos: bool | Unset = UNSET,
) -> Response[Bundle | Problem]:
    """A shipment's evidence bundle

     A shipment's evidence bundle: its chained events, attempts with their verdicts, photos'
    hashes, whether the chain checks, and the inclusion proof to the latest signed root.
    Verify it offline with `doorstep verify`. Parties of the shipment only.

    Args:
        id (str):
        photos (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Bundle | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        photos=photos,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    photos: bool | Unset = UNSET,
) -> Bundle | Problem | None:
    """A shipment's evidence bundle

     A shipment's evidence bundle: its chained events, attempts with their verdicts, photos'
    hashes, whether the chain checks, and the inclusion proof to the latest signed root.
    Verify it offline with `doorstep verify`. Parties of the shipment only.

    Args:
        id (str):
        photos (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Bundle | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        photos=photos,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    photos: bool | Unset = UNSET,
) -> Response[Bundle | Problem]:
    """A shipment's evidence bundle

     A shipment's evidence bundle: its chained events, attempts with their verdicts, photos'
    hashes, whether the chain checks, and the inclusion proof to the latest signed root.
    Verify it offline with `doorstep verify`. Parties of the shipment only.

    Args:
        id (str):
        photos (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Bundle | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        photos=photos,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    photos: bool | Unset = UNSET,
) -> Bundle | Problem | None:
    """A shipment's evidence bundle

     A shipment's evidence bundle: its chained events, attempts with their verdicts, photos'
    hashes, whether the chain checks, and the inclusion proof to the latest signed root.
    Verify it offline with `doorstep verify`. Parties of the shipment only.

    Args:
        id (str):
        photos (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Bundle | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            photos=photos,
        )
    ).parsed
