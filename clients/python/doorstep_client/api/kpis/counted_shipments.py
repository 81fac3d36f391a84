import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.kpi import Kpi
from ...models.kpi_part import KpiPart
from ...models.page_counted_shipment import PageCountedShipment
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kpi: Kpi,
    part: KpiPart | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kpi = kpi.value
    params["kpi"] = json_kpi

    json_part: str | Unset = UNSET
    if not isinstance(part, Unset):
        json_part = part.value

    params["part"] = json_part

    params["courier_id"] = courier_id

    params["driver_id"] = driver_id

    params["marketplace_id"] = marketplace_id

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/kpis/shipments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCountedShipment | Problem:
    if response.status_code == 200:
        response_200 = PageCountedShipment.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[PageCountedShipment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kpi: Kpi,
    part: KpiPart | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[PageCountedShipment | Problem]:
    """The shipments behind one figure of `GET /v1/kpis`

     The shipments behind one figure of `GET /v1/kpis` (same scope, same parameters, one KPI):
    each with what it adds to the figure's numerator and denominator, as recorded when its
    facts were written — summed over every page, they are the figure. `part=against` lists what
    counts against the KPI: the late deliveries, the attempts without proof, the lost parcels.

    Args:
        kpi (Kpi):
        part (KpiPart | Unset): Which of a KPI's counts a drill-down lists: what the numerator
            counts, everything the
            denominator counts (the default), or what counts against the KPI (late deliveries,
            attempts
            without proof, upheld disputes, lost parcels…).
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCountedShipment | Problem]
    """

    kwargs = _get_kwargs(
        kpi=kpi,
        part=part,
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kpi: Kpi,
    part: KpiPart | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> PageCountedShipment | Problem | None:
    """The shipments behind one figure of `GET /v1/kpis`

     The shipments behind one figure of `GET /v1/kpis` (same scope, same parameters, one KPI):
    each with what it adds to the figure's numerator and denominator, as recorded when its
    facts were written — summed over every page, they are the figure. `part=against` lists what
    counts against the KPI: the late deliveries, the attempts without proof, the lost parcels.

    Args:
        kpi (Kpi):
        part (KpiPart | Unset): Which of a KPI's counts a drill-down lists: what the numerator
            counts, everything the
            denominator counts (the default), or what counts against the KPI (late deliveries,
            attempts
            without proof, upheld disputes, lost parcels…).
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCountedShipment | Problem
    """

    return sync_detailed(
        client=client,
        kpi=kpi,
        part=part,
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kpi: Kpi,
    part: KpiPart | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[PageCountedShipment | Problem]:
    """The shipments behind one figure of `GET /v1/kpis`

     The shipments behind one figure of `GET /v1/kpis` (same scope, same parameters, one KPI):
    each with what it adds to the figure's numerator and denominator, as recorded when its
    facts were written — summed over every page, they are the figure. `part=against` lists what
    counts against the KPI: the late deliveries, the attempts without proof, the lost parcels.

    Args:
        kpi (Kpi):
        part (KpiPart | Unset): Which of a KPI's counts a drill-down lists: what the numerator
            counts, everything the
            denominator counts (the default), or what counts against the KPI (late deliveries,
            attempts
            without proof, upheld disputes, lost parcels…).
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCountedShipment | Problem]
    """

    kwargs = _get_kwargs(
        kpi=kpi,
        part=part,
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kpi: Kpi,
    part: KpiPart | Unset = UNSET,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> PageCountedShipment | Problem | None:
    """The shipments behind one figure of `GET /v1/kpis`

     The shipments behind one figure of `GET /v1/kpis` (same scope, same parameters, one KPI):
    each with what it adds to the figure's numerator and denominator, as recorded when its
    facts were written — summed over every page, they are the figure. `part=against` lists what
    counts against the KPI: the late deliveries, the attempts without proof, the lost parcels.

    Args:
        kpi (Kpi):
        part (KpiPart | Unset): Which of a KPI's counts a drill-down lists: what the numerator
            counts, everything the
            denominator counts (the default), or what counts against the KPI (late deliveries,
            attempts
            without proof, upheld disputes, lost parcels…).
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCountedShipment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            kpi=kpi,
            part=part,
            courier_id=courier_id,
            driver_id=driver_id,
            marketplace_id=marketplace_id,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
