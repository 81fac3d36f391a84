import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.courier_scorecard import CourierScorecard
from ...models.kpi import Kpi
from ...models.problem import Problem
from ...models.sort_order import SortOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    org_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    sort: Kpi | Unset = UNSET,
    order: SortOrder | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["org_id"] = org_id

    params["marketplace_id"] = marketplace_id

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/kpis/couriers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CourierScorecard | Problem:
    if response.status_code == 200:
        response_200 = CourierScorecard.from_dict(response.json())

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
) -> Response[CourierScorecard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    org_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    sort: Kpi | Unset = UNSET,
    order: SortOrder | Unset = UNSET,
) -> Response[CourierScorecard | Problem]:
    """A marketplace's couriers side by side over a range of days, each against the targets of its contract

     A marketplace's couriers side by side over a range of days, each against the targets of
    its contract: which courier meets its on-time, first-attempt and rating targets and which
    does not. `Accept: text/csv` for a spreadsheet.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        org_id (str | Unset):
        marketplace_id (str | Unset):
        sort (Kpi | Unset):
        order (SortOrder | Unset): An order to rank in.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourierScorecard | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        org_id=org_id,
        marketplace_id=marketplace_id,
        sort=sort,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    org_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    sort: Kpi | Unset = UNSET,
    order: SortOrder | Unset = UNSET,
) -> CourierScorecard | Problem | None:
    """A marketplace's couriers side by side over a range of days, each against the targets of its contract

     A marketplace's couriers side by side over a range of days, each against the targets of
    its contract: which courier meets its on-time, first-attempt and rating targets and which
    does not. `Accept: text/csv` for a spreadsheet.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        org_id (str | Unset):
        marketplace_id (str | Unset):
        sort (Kpi | Unset):
        order (SortOrder | Unset): An order to rank in.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourierScorecard | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        org_id=org_id,
        marketplace_id=marketplace_id,
        sort=sort,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    org_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    sort: Kpi | Unset = UNSET,
    order: SortOrder | Unset = UNSET,
) -> Response[CourierScorecard | Problem]:
    """A marketplace's couriers side by side over a range of days, each against the targets of its contract

     A marketplace's couriers side by side over a range of days, each against the targets of
    its contract: which courier meets its on-time, first-attempt and rating targets and which
    does not. `Accept: text/csv` for a spreadsheet.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        org_id (str | Unset):
        marketplace_id (str | Unset):
        sort (Kpi | Unset):
        order (SortOrder | Unset): An order to rank in.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourierScorecard | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        org_id=org_id,
        marketplace_id=marketplace_id,
        sort=sort,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    org_id: str | Unset = UNSET,
    marketplace_id: str | Unset = UNSET,
    sort: Kpi | Unset = UNSET,
    order: SortOrder | Unset = UNSET,
) -> CourierScorecard | Problem | None:
    """A marketplace's couriers side by side over a range of days, each against the targets of its contract

     A marketplace's couriers side by side over a range of days, each against the targets of
    its contract: which courier meets its on-time, first-attempt and rating targets and which
    does not. `Accept: text/csv` for a spreadsheet.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        org_id (str | Unset):
        marketplace_id (str | Unset):
        sort (Kpi | Unset):
        order (SortOrder | Unset): An order to rank in.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourierScorecard | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            org_id=org_id,
            marketplace_id=marketplace_id,
            sort=sort,
            order=order,
        )
    ).parsed
