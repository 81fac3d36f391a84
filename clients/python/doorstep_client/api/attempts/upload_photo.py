from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.photo import Photo
from ...models.problem import Problem
from ...models.upload_photo_kind import UploadPhotoKind
from ...types import UNSET, File, Response


def _get_kwargs(
    id: str,
    *,
    body: File,
    kind: UploadPhotoKind,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_kind = kind.value
    params["kind"] = json_kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/attempts/{id}/photos".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "image/jpeg"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Photo | Problem:
    if response.status_code == 201:
        response_201 = Photo.from_dict(response.json())

        return response_201

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Photo | Problem]:
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
    body: File,
    kind: UploadPhotoKind,
) -> Response[Photo | Problem]:
    """Upload a photo of an attempt

     Upload a photo of an attempt (its driver), as the raw image bytes. The type is sniffed from
    the bytes, not the header; the attempt's flags are recomputed with the photo's EXIF data.

    Args:
        id (str):
        kind (UploadPhotoKind): What a photo shows.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Photo | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        kind=kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File,
    kind: UploadPhotoKind,
) -> Photo | Problem | None:
    """Upload a photo of an attempt

     Upload a photo of an attempt (its driver), as the raw image bytes. The type is sniffed from
    the bytes, not the header; the attempt's flags are recomputed with the photo's EXIF data.

    Args:
        id (str):
        kind (UploadPhotoKind): What a photo shows.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Photo | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        kind=kind,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File,
    kind: UploadPhotoKind,
) -> Response[Photo | Problem]:
    """Upload a photo of an attempt

     Upload a photo of an attempt (its driver), as the raw image bytes. The type is sniffed from
    the bytes, not the header; the attempt's flags are recomputed with the photo's EXIF data.

    Args:
        id (str):
        kind (UploadPhotoKind): What a photo shows.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Photo | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File,
    kind: UploadPhotoKind,
) -> Photo | Problem | None:
    """Upload a photo of an attempt

     Upload a photo of an attempt (its driver), as the raw image bytes. The type is sniffed from
    the bytes, not the header; the attempt's flags are recomputed with the photo's EXIF data.

    Args:
        id (str):
        kind (UploadPhotoKind): What a photo shows.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Photo | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            kind=kind,
        )
    ).parsed
