import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.page_shipment import PageShipment
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date: str | Unset = UNSET
    if not isinstance(date, Unset):
        json_date = date.isoformat()
    params["date"] = json_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/driver/route",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageShipment | Problem:
    if response.status_code == 200:
        response_200 = PageShipment.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PageShipment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
) -> Response[PageShipment | Problem]:
    """The driver's route

     The driver's route: their assigned, not-final shipments whose window starts by the end of
    the day (without `date`: today, plus every parcel they have out for delivery, whatever its
    window), ordered by window start, with the contact fields the policy allows now (each read
    is logged). A re-delivery is on it from the day the customer chose, never before: its window
    is the chosen one, and the round cannot start earlier.

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageShipment | Problem]
    """

    kwargs = _get_kwargs(
        date=date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
) -> PageShipment | Problem | None:
    """The driver's route

     The driver's route: their assigned, not-final shipments whose window starts by the end of
    the day (without `date`: today, plus every parcel they have out for delivery, whatever its
    window), ordered by window start, with the contact fields the policy allows now (each read
    is logged). A re-delivery is on it from the day the customer chose, never before: its window
    is the chosen one, and the round cannot start earlier.

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageShipment | Problem
    """

    return sync_detailed(
        client=client,
        date=date,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
) -> Response[PageShipment | Problem]:
    """The driver's route

     The driver's route: their assigned, not-final shipments whose window starts by the end of
    the day (without `date`: today, plus every parcel they have out for delivery, whatever its
    window), ordered by window start, with the contact fields the policy allows now (each read
    is logged). A re-delivery is on it from the day the customer chose, never before: its window
    is the chosen one, and the round cannot start earlier.

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageShipment | Problem]
    """

    kwargs = _get_kwargs(
        date=date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    date: datetime.date | Unset = UNSET,
) -> PageShipment | Problem | None:
    """The driver's route

     The driver's route: their assigned, not-final shipments whose window starts by the end of
    the day (without `date`: today, plus every parcel they have out for delivery, whatever its
    window), ordered by window start, with the contact fields the policy allows now (each read
    is logged). A re-delivery is on it from the day the customer chose, never before: its window
    is the chosen one, and the round cannot start earlier.

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageShipment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            date=date,
        )
    ).parsed
