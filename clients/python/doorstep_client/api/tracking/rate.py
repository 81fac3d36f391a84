from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.customer_rating import CustomerRating
from ...models.problem import Problem
from ...models.rate_delivery import RateDelivery
from ...types import Response


def _get_kwargs(
    token: str,
    *,
    body: RateDelivery,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/track/{token}/rating".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomerRating | Problem:
    if response.status_code == 200:
        response_200 = CustomerRating.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CustomerRating.from_dict(response.json())

        return response_201

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
) -> Response[CustomerRating | Problem]:
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
    body: RateDelivery,
) -> Response[CustomerRating | Problem]:
    """Rate the delivery

     Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
    or failed), up to 30 days after it. Rating again within 7 days replaces the rating.

    Args:
        token (str):
        body (RateDelivery): The customer's rating of the delivery: 1–5 stars, tags from the fixed
            vocabulary, a comment.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerRating | Problem]
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
    body: RateDelivery,
) -> CustomerRating | Problem | None:
    """Rate the delivery

     Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
    or failed), up to 30 days after it. Rating again within 7 days replaces the rating.

    Args:
        token (str):
        body (RateDelivery): The customer's rating of the delivery: 1–5 stars, tags from the fixed
            vocabulary, a comment.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerRating | Problem
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
    body: RateDelivery,
) -> Response[CustomerRating | Problem]:
    """Rate the delivery

     Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
    or failed), up to 30 days after it. Rating again within 7 days replaces the rating.

    Args:
        token (str):
        body (RateDelivery): The customer's rating of the delivery: 1–5 stars, tags from the fixed
            vocabulary, a comment.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerRating | Problem]
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
    body: RateDelivery,
) -> CustomerRating | Problem | None:
    """Rate the delivery

     Rate the delivery: 1–5 stars, tags, a comment. Possible once an attempt was made (delivered
    or failed), up to 30 days after it. Rating again within 7 days replaces the rating.

    Args:
        token (str):
        body (RateDelivery): The customer's rating of the delivery: 1–5 stars, tags from the fixed
            vocabulary, a comment.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerRating | Problem
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
        )
    ).parsed
