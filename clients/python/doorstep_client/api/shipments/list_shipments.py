import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.page_shipment import PageShipment
from ...models.problem import Problem
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    supplier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["reference"] = reference

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["courier_id"] = courier_id

    params["supplier_id"] = supplier_id

    params["driver_id"] = driver_id

    json_updated_since: str | Unset = UNSET
    if not isinstance(updated_since, Unset):
        json_updated_since = updated_since.isoformat()
    params["updated_since"] = json_updated_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shipments",
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
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    supplier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> Response[PageShipment | Problem]:
    """Shipments the caller is party to, newest last, with filters

     Shipments the caller is party to, newest last, with filters. Lists carry no contact data
    except for the owning marketplace; read one shipment to see (and log) contact fields.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        reference (str | Unset):
        status (Status | Unset):
        courier_id (str | Unset):
        supplier_id (str | Unset):
        driver_id (str | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageShipment | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        reference=reference,
        status=status,
        courier_id=courier_id,
        supplier_id=supplier_id,
        driver_id=driver_id,
        updated_since=updated_since,
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
    reference: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    supplier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> PageShipment | Problem | None:
    """Shipments the caller is party to, newest last, with filters

     Shipments the caller is party to, newest last, with filters. Lists carry no contact data
    except for the owning marketplace; read one shipment to see (and log) contact fields.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        reference (str | Unset):
        status (Status | Unset):
        courier_id (str | Unset):
        supplier_id (str | Unset):
        driver_id (str | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageShipment | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        reference=reference,
        status=status,
        courier_id=courier_id,
        supplier_id=supplier_id,
        driver_id=driver_id,
        updated_since=updated_since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    supplier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> Response[PageShipment | Problem]:
    """Shipments the caller is party to, newest last, with filters

     Shipments the caller is party to, newest last, with filters. Lists carry no contact data
    except for the owning marketplace; read one shipment to see (and log) contact fields.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        reference (str | Unset):
        status (Status | Unset):
        courier_id (str | Unset):
        supplier_id (str | Unset):
        driver_id (str | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageShipment | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        reference=reference,
        status=status,
        courier_id=courier_id,
        supplier_id=supplier_id,
        driver_id=driver_id,
        updated_since=updated_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    supplier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> PageShipment | Problem | None:
    """Shipments the caller is party to, newest last, with filters

     Shipments the caller is party to, newest last, with filters. Lists carry no contact data
    except for the owning marketplace; read one shipment to see (and log) contact fields.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        reference (str | Unset):
        status (Status | Unset):
        courier_id (str | Unset):
        supplier_id (str | Unset):
        driver_id (str | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageShipment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            reference=reference,
            status=status,
            courier_id=courier_id,
            supplier_id=supplier_id,
            driver_id=driver_id,
            updated_since=updated_since,
        )
    ).parsed
