from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.set_targets import SetTargets
from ...models.targets import Targets
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: SetTargets,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/contracts/{id}/targets".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Targets:
    if response.status_code == 200:
        response_200 = Targets.from_dict(response.json())

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
) -> Response[Problem | Targets]:
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
    body: SetTargets,
) -> Response[Problem | Targets]:
    """Set the contract's KPI targets

     Set the contract's KPI targets (the marketplace's admins): one per KPI, `>=` or `<=` a
    value. Replaces the whole set. `GET /v1/kpis` then says met or missed for each.

    Args:
        id (str):
        body (SetTargets): The complete set of targets (replaces the previous set; an empty list
            removes them all).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Targets]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SetTargets,
) -> Problem | Targets | None:
    """Set the contract's KPI targets

     Set the contract's KPI targets (the marketplace's admins): one per KPI, `>=` or `<=` a
    value. Replaces the whole set. `GET /v1/kpis` then says met or missed for each.

    Args:
        id (str):
        body (SetTargets): The complete set of targets (replaces the previous set; an empty list
            removes them all).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Targets
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SetTargets,
) -> Response[Problem | Targets]:
    """Set the contract's KPI targets

     Set the contract's KPI targets (the marketplace's admins): one per KPI, `>=` or `<=` a
    value. Replaces the whole set. `GET /v1/kpis` then says met or missed for each.

    Args:
        id (str):
        body (SetTargets): The complete set of targets (replaces the previous set; an empty list
            removes them all).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Targets]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SetTargets,
) -> Problem | Targets | None:
    """Set the contract's KPI targets

     Set the contract's KPI targets (the marketplace's admins): one per KPI, `>=` or `<=` a
    value. Replaces the whole set. `GET /v1/kpis` then says met or missed for each.

    Args:
        id (str):
        body (SetTargets): The complete set of targets (replaces the previous set; an empty list
            removes them all).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Targets
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
