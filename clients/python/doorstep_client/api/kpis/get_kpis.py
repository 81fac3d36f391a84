import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.granularity import Granularity
from ...models.kpi_report import KpiReport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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

    json_granularity: str | Unset = UNSET
    if not isinstance(granularity, Unset):
        json_granularity = granularity.value

    params["granularity"] = json_granularity

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/kpis",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> KpiReport | Problem:
    if response.status_code == 200:
        response_200 = KpiReport.from_dict(response.json())

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
) -> Response[KpiReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
) -> Response[KpiReport | Problem]:
    """KPIs of a courier

     KPIs of a courier (or a driver, or a marketplace's whole network) over a range of days,
    overall and per day, week or month, each with numerator, denominator, the contract's target
    and whether it is met. Definitions: the book, integrators/ratings-kpis.md.

    Args:
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        granularity (Granularity | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KpiReport | Problem]
    """

    kwargs = _get_kwargs(
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        granularity=granularity,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
) -> KpiReport | Problem | None:
    """KPIs of a courier

     KPIs of a courier (or a driver, or a marketplace's whole network) over a range of days,
    overall and per day, week or month, each with numerator, denominator, the contract's target
    and whether it is met. Definitions: the book, integrators/ratings-kpis.md.

    Args:
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        granularity (Granularity | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KpiReport | Problem
    """

    return sync_detailed(
        client=client,
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        granularity=granularity,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
) -> Response[KpiReport | Problem]:
    """KPIs of a courier

     KPIs of a courier (or a driver, or a marketplace's whole network) over a range of days,
    overall and per day, week or month, each with numerator, denominator, the contract's target
    and whether it is met. Definitions: the book, integrators/ratings-kpis.md.

    Args:
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        granularity (Granularity | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KpiReport | Problem]
    """

    kwargs = _get_kwargs(
        courier_id=courier_id,
        driver_id=driver_id,
        marketplace_id=marketplace_id,
        from_=from_,
        to=to,
        granularity=granularity,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    courier_id: str | Unset = UNSET,
    driver_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
) -> KpiReport | Problem | None:
    """KPIs of a courier

     KPIs of a courier (or a driver, or a marketplace's whole network) over a range of days,
    overall and per day, week or month, each with numerator, denominator, the contract's target
    and whether it is met. Definitions: the book, integrators/ratings-kpis.md.

    Args:
        courier_id (str | Unset):
        driver_id (str | Unset):
        marketplace_id (str | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        granularity (Granularity | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KpiReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            courier_id=courier_id,
            driver_id=driver_id,
            marketplace_id=marketplace_id,
            from_=from_,
            to=to,
            granularity=granularity,
        )
    ).parsed
