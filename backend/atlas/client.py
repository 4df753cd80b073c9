"""A Python client of the Atlas API, sync (`AtlasClient`) and async (`AsyncAtlasClient`).

    with AtlasClient("https://atlas.example.org") as atlas:
        page = atlas.actors.list(kind=["state"], limit=10)  # Page[ActorOut]
        germany = atlas.actors.get("deutschland")  # ActorDetail
        everyone = list(atlas.actors.iterate(country="DE"))  # every page, one request each

Results are the API's own response schemas (`atlas.api.schemas`), validated with pydantic. An error
answer raises an `AtlasAPIError`, a subclass per status a caller reacts to (`NotFoundError`,
`ConflictError`, `PreconditionFailedError`, `UnprocessableError`, …); a server that cannot be
reached raises `AtlasConnectionError`. The API key (argument or `ATLAS_API_KEY`) is sent as a bearer
token and never appears in a message or repr.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import TracebackType
from typing import Any, Generic, NamedTuple, TypeVar, cast, overload

import httpx
from pydantic import BaseModel, ValidationError

from atlas.api.schemas import (
    ActorDetail,
    ActorOut,
    AffiliationOut,
    DocumentDetail,
    DocumentOut,
    EventDetail,
    EventOut,
    InitiativeDetail,
    InitiativeOut,
    MentionOut,
    Page,
    ParticipationOut,
    TopicDetail,
    TopicOut,
)

API_PREFIX = "/api/v1"
API_KEY_VARIABLE = "ATLAS_API_KEY"
DEFAULT_TIMEOUT = 10.0
DEFAULT_PAGE_SIZE = 100
USER_AGENT = "atlas-client/1"

ItemT = TypeVar("ItemT", bound=BaseModel)
DetailT = TypeVar("DetailT", bound=BaseModel)
ModelT = TypeVar("ModelT", bound=BaseModel)
KeyT = TypeVar("KeyT", bound=str | int)

# --- the resources, described once for both clients ---------------------------------------------


@dataclass(frozen=True)
class Endpoint(Generic[ItemT, DetailT, KeyT]):
    """One resource of the API: its path segment, the schemas it answers with, its key type."""

    name: str
    item: type[ItemT]
    detail: type[DetailT]
    key: type[KeyT]  # str: records go by slug; int: relations go by id

    @property
    def page(self) -> type[Page[ItemT]]:
        return cast("type[Page[ItemT]]", Page[self.item])  # type: ignore[name-defined]

    def path(self, key: KeyT | None = None) -> str:
        return f"{API_PREFIX}/{self.name}" + ("" if key is None else f"/{key}")


DOCUMENTS = Endpoint("documents", DocumentOut, DocumentDetail, str)
ACTORS = Endpoint("actors", ActorOut, ActorDetail, str)
INITIATIVES = Endpoint("initiatives", InitiativeOut, InitiativeDetail, str)
TOPICS = Endpoint("topics", TopicOut, TopicDetail, str)
EVENTS = Endpoint("events", EventOut, EventDetail, str)
PARTICIPATIONS = Endpoint("participations", ParticipationOut, ParticipationOut, int)
AFFILIATIONS = Endpoint("affiliations", AffiliationOut, AffiliationOut, int)
MENTIONS = Endpoint("mentions", MentionOut, MentionOut, int)

ENDPOINTS: dict[str, Endpoint[Any, Any, Any]] = {
    endpoint.name: endpoint
    for endpoint in (
        DOCUMENTS, ACTORS, INITIATIVES, TOPICS, EVENTS, PARTICIPATIONS, AFFILIATIONS, MENTIONS,
    )
}  # fmt: skip


class Tagged(NamedTuple, Generic[DetailT]):
    """A record with the ETag to send as `if_match` when changing it."""

    record: DetailT
    etag: str


# --- errors -------------------------------------------------------------------------------------


class AtlasClientError(Exception):
    """Base of every error the client raises."""


class AtlasConnectionError(AtlasClientError):
    """The server could not be reached, or did not answer in time."""


class UnexpectedAnswerError(AtlasClientError):
    """A success answer that is not what the Atlas API answers: another server, or version."""


@dataclass(frozen=True)
class FieldError:
    """One invalid field or parameter of a 422 answer."""

    field: str
    message: str


class AtlasAPIError(AtlasClientError):
    """The API answered with an error: the fields of its problem document (RFC 9457).

    `problem` is the whole document, extension members included (a 409 on delete lists the
    `references`).
    """

    status_code = 0  # the status a subclass stands for

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        errors: Sequence[FieldError] = (),
        problem: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = list(errors)
        self.problem = dict(problem or {})
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"{self.status} {self.title}"
        if self.detail:
            message += f": {self.detail}"
        fields = "; ".join(f"{error.field}: {error.message}" for error in self.errors)
        if fields and fields not in message:
            message += f" ({fields})"
        return message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, title={self.title!r})"


class BadRequestError(AtlasAPIError):
    status_code = 400


class UnauthorizedError(AtlasAPIError):
    """No API key, or one the server does not accept (unknown, revoked)."""

    status_code = 401


class ForbiddenError(AtlasAPIError):
    """The key's role may not do this."""

    status_code = 403


class NotFoundError(AtlasAPIError):
    status_code = 404


class ConflictError(AtlasAPIError):
    """A slug or text already taken, or a delete refused while others refer to the record."""

    status_code = 409


class PreconditionFailedError(AtlasAPIError):
    """The record changed since the ETag given as `if_match` was read."""

    status_code = 412


class UnprocessableError(AtlasAPIError):
    """Invalid fields or parameters; `errors` names each."""

    status_code = 422


class ServiceUnavailableError(AtlasAPIError):
    """The server runs but is not ready (database unreachable or not migrated)."""

    status_code = 503


ERRORS_BY_STATUS: dict[int, type[AtlasAPIError]] = {
    error.status_code: error
    for error in (
        BadRequestError,
        UnauthorizedError,
        ForbiddenError,
        NotFoundError,
        ConflictError,
        PreconditionFailedError,
        UnprocessableError,
        ServiceUnavailableError,
    )
}


def error_from_response(response: httpx.Response) -> AtlasAPIError:
    """The error for an answer with an error status, from its problem document if it has one."""
    try:
        body = response.json()
    except ValueError:
        body = None
    problem: dict[str, Any] = body if isinstance(body, dict) else {}
    errors = [
        FieldError(str(entry.get("field", "")), str(entry.get("message", "")))
        for entry in problem.get("errors") or []
        if isinstance(entry, dict)
    ]
    error_class = ERRORS_BY_STATUS.get(response.status_code, AtlasAPIError)
    return error_class(
        response.status_code,
        str(problem.get("title") or response.reason_phrase or "Error"),
        str(problem["detail"]) if problem.get("detail") else None,
        errors,
        problem,
    )


# --- requests: what each operation sends, shared by both clients -------------------------------

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Call:
    """One request to make, independent of how it is sent."""

    method: str
    path: str
    params: Params | None = None
    json: Any = None
    headers: Mapping[str, str] | None = None


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def query_params(values: Mapping[str, Any]) -> Params:
    """Query parameters: None is left out, a list or tuple repeats the parameter."""
    params: list[tuple[str, str]] = []
    for name, value in values.items():
        if value is None:
            continue
        repeated = value if isinstance(value, list | tuple | set | frozenset) else [value]
        params.extend((name, _query_value(item)) for item in repeated)
    return tuple(params)


def _body(data: Mapping[str, Any] | BaseModel) -> Any:
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json", exclude_unset=True)
    return dict(data)


def _if_match(etag: str | None) -> dict[str, str] | None:
    return None if etag is None else {"If-Match": etag}


def list_call(
    endpoint: Endpoint[Any, Any, Any],
    *,
    q: str | None,
    sort: str | None,
    limit: int | None,
    offset: int,
    facets: Sequence[str] | None,
    filters: Mapping[str, Any],
) -> Call:
    page = {
        "q": q,
        "sort": sort,
        "limit": limit,
        "offset": offset or None,
        "facets": ",".join(facets) if facets else None,
    }
    return Call("GET", endpoint.path(), params=query_params({**filters, **page}))


def export_call(
    endpoint: Endpoint[Any, Any, Any],
    export_format: str,
    *,
    q: str | None,
    sort: str | None,
    filters: Mapping[str, Any],
) -> Call:
    if export_format not in ("csv", "ndjson"):
        raise ValueError(f"export format must be 'csv' or 'ndjson', not {export_format!r}")
    params = {**filters, "q": q, "sort": sort, "format": export_format}
    return Call("GET", endpoint.path(), params=query_params(params))


def delete_call(
    endpoint: Endpoint[Any, Any, KeyT], key: KeyT, cascade: bool, if_match: str | None
) -> Call:
    params = (("cascade", "true"),) if cascade else None
    return Call("DELETE", endpoint.path(key), params=params, headers=_if_match(if_match))


class LineBuffer:
    """Splits streamed text into lines that keep their line ending, so `"".join(lines)` is the
    body again and `csv.reader(lines)` reads fields that span lines."""

    def __init__(self) -> None:
        self._rest = ""

    def feed(self, text: str) -> list[str]:
        *lines, self._rest = (self._rest + text).split("\n")
        return [line + "\n" for line in lines]

    def finish(self) -> list[str]:
        return [self._rest] if self._rest else []


def _client_options(
    base_url: str, api_key: str | None, timeout: float | httpx.Timeout
) -> dict[str, Any]:
    api_key = api_key if api_key is not None else os.environ.get(API_KEY_VARIABLE) or None
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    # Redirects are followed: the API answers 301 (GET) and 308 (PATCH) for renamed slugs. httpx
    # drops the Authorization header when a redirect leaves the origin.
    return {"base_url": base_url, "headers": headers, "timeout": timeout, "follow_redirects": True}


def _client_repr(base_url: httpx.URL, has_key: bool, client: object) -> str:
    return f"{type(client).__name__}({str(base_url)!r}, api_key={'<set>' if has_key else None})"


def _unreachable(base_url: httpx.URL, exc: httpx.TransportError) -> AtlasConnectionError:
    reason = str(exc) or type(exc).__name__
    return AtlasConnectionError(f"cannot reach the Atlas API at {base_url}: {reason}")


def _validated(schema: type[ModelT], response: httpx.Response) -> ModelT:
    try:
        return schema.model_validate_json(response.content)
    except ValidationError as exc:
        raise _unexpected(response, exc) from None


def _status(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise _unexpected(response, exc) from None
    if not isinstance(body, dict):
        raise _unexpected(response, "not an object")
    return body


def _unexpected(response: httpx.Response, reason: object) -> UnexpectedAnswerError:
    first_line = str(reason).strip().splitlines()[0] if str(reason).strip() else "invalid"
    return UnexpectedAnswerError(
        f"the answer to {response.request.method} {response.request.url} is not the Atlas "
        f"API's: {first_line}"
    )


def _etag(response: httpx.Response) -> str:
    return str(response.headers.get("ETag", ""))


# --- the sync client ----------------------------------------------------------------------------


class Resource(Generic[ItemT, DetailT, KeyT]):
    """The operations on one resource, e.g. `client.actors`."""

    def __init__(self, client: AtlasClient, endpoint: Endpoint[ItemT, DetailT, KeyT]) -> None:
        self._client = client
        self.endpoint = endpoint

    def list(
        self,
        *,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        facets: Sequence[str] | None = None,
        **filters: Any,
    ) -> Page[ItemT]:
        """One page; filters are the list's query parameters (a list repeats one)."""
        call = list_call(
            self.endpoint, q=q, sort=sort, limit=limit, offset=offset, facets=facets,
            filters=filters,
        )  # fmt: skip
        return _validated(self.endpoint.page, self._client.send(call))

    def iterate(
        self,
        *,
        q: str | None = None,
        sort: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        **filters: Any,
    ) -> Iterator[ItemT]:
        """Every item of the filtered list, fetching one page of `page_size` at a time."""
        offset = 0
        while True:
            page = self.list(q=q, sort=sort, limit=page_size, offset=offset, **filters)
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def get(self, key: KeyT) -> DetailT:
        """One record with what it links to (a renamed slug is followed)."""
        return self.get_with_etag(key).record

    def get_with_etag(self, key: KeyT) -> Tagged[DetailT]:
        """One record and its ETag, for a later `update` or `delete` with `if_match`."""
        response = self._client.send(Call("GET", self.endpoint.path(key)))
        return Tagged(_validated(self.endpoint.detail, response), _etag(response))

    def create(self, data: Mapping[str, Any] | BaseModel) -> DetailT:
        """Create a record (needs an editor key); answers the record as stored."""
        response = self._client.send(Call("POST", self.endpoint.path(), json=_body(data)))
        return _validated(self.endpoint.detail, response)

    def update(
        self, key: KeyT, changes: Mapping[str, Any] | BaseModel, if_match: str | None = None
    ) -> DetailT:
        """Change the fields given; with `if_match`, only if the record is still that version."""
        call = Call(
            "PATCH", self.endpoint.path(key), json=_body(changes), headers=_if_match(if_match)
        )
        return _validated(self.endpoint.detail, self._client.send(call))

    def delete(self, key: KeyT, cascade: bool = False, if_match: str | None = None) -> None:
        """Delete a record; `cascade` also deletes what refers to it (else 409)."""
        self._client.send(delete_call(self.endpoint, key, cascade, if_match))

    def export(
        self, format: str, *, q: str | None = None, sort: str | None = None, **filters: Any
    ) -> Iterator[str]:
        """The whole filtered list as `csv` or `ndjson`, line by line as the server sends it."""
        call = export_call(self.endpoint, format, q=q, sort=sort, filters=filters)
        return self._client.stream_lines(call)


class _ResourceAttribute(Generic[ItemT, DetailT, KeyT]):
    """`client.actors` and the like: the resource bound to the sync or async client."""

    def __init__(self, endpoint: Endpoint[ItemT, DetailT, KeyT]) -> None:
        self.endpoint = endpoint

    @overload
    def __get__(
        self, client: None, owner: type[Any]
    ) -> _ResourceAttribute[ItemT, DetailT, KeyT]: ...

    @overload
    def __get__(self, client: AtlasClient, owner: type[Any]) -> Resource[ItemT, DetailT, KeyT]: ...

    @overload
    def __get__(
        self, client: AsyncAtlasClient, owner: type[Any]
    ) -> AsyncResource[ItemT, DetailT, KeyT]: ...

    def __get__(self, client: Any, owner: type[Any]) -> Any:
        if client is None:
            return self
        if isinstance(client, AsyncAtlasClient):
            return AsyncResource(client, self.endpoint)
        return Resource(client, self.endpoint)


class _Directory:
    """The resources both clients offer, each an attribute named like its path segment."""

    documents = _ResourceAttribute(DOCUMENTS)
    actors = _ResourceAttribute(ACTORS)
    initiatives = _ResourceAttribute(INITIATIVES)
    topics = _ResourceAttribute(TOPICS)
    events = _ResourceAttribute(EVENTS)
    participations = _ResourceAttribute(PARTICIPATIONS)
    affiliations = _ResourceAttribute(AFFILIATIONS)
    mentions = _ResourceAttribute(MENTIONS)


def _endpoint(name: str) -> Endpoint[Any, Any, Any]:
    try:
        return ENDPOINTS[name]
    except KeyError:
        raise ValueError(f"no resource {name!r}; one of: {', '.join(ENDPOINTS)}") from None


class AtlasClient(_Directory):
    """The Atlas API over HTTP, synchronously (httpx.Client).

    `base_url` is where Atlas is served (e.g. `https://atlas.example.org`); `api_key` defaults to
    the environment variable ATLAS_API_KEY and is only needed for writes. `transport` lets tests
    or callers supply their own httpx transport.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        options = _client_options(base_url, api_key, timeout)
        self._has_key = "Authorization" in options["headers"]
        self._http = httpx.Client(**options, transport=transport)

    @property
    def base_url(self) -> httpx.URL:
        return self._http.base_url

    def __repr__(self) -> str:
        return _client_repr(self.base_url, self._has_key, self)

    def resource(self, name: str) -> Resource[Any, Any, Any]:
        """A resource by its path segment, e.g. `client.resource("actors")`."""
        return Resource(self, _endpoint(name))

    def health(self) -> dict[str, Any]:
        """Liveness: the server process answers."""
        return _status(self.send(Call("GET", "/health")))

    def ready(self) -> dict[str, Any]:
        """Readiness: raises ServiceUnavailableError unless the database answers and is migrated."""
        return _status(self.send(Call("GET", "/ready")))

    def send(self, call: Call) -> httpx.Response:
        """Make one request; an error status raises the matching AtlasAPIError."""
        try:
            response = self._http.request(
                call.method, call.path, params=call.params, json=call.json, headers=call.headers
            )
        except httpx.TransportError as exc:
            raise _unreachable(self.base_url, exc) from exc
        if response.is_error:
            raise error_from_response(response)
        return response

    def stream_lines(self, call: Call) -> Iterator[str]:
        """Make one request and yield its body line by line as it arrives."""
        try:
            with self._http.stream(call.method, call.path, params=call.params) as response:
                if response.is_error:
                    response.read()
                    raise error_from_response(response)
                lines = LineBuffer()
                for text in response.iter_text():
                    yield from lines.feed(text)
                yield from lines.finish()
        except httpx.TransportError as exc:
            raise _unreachable(self.base_url, exc) from exc

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AtlasClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# --- the async client ---------------------------------------------------------------------------


class AsyncResource(Generic[ItemT, DetailT, KeyT]):
    """The operations on one resource of the async client; see `Resource` for each."""

    def __init__(self, client: AsyncAtlasClient, endpoint: Endpoint[ItemT, DetailT, KeyT]) -> None:
        self._client = client
        self.endpoint = endpoint

    async def list(
        self,
        *,
        q: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        facets: Sequence[str] | None = None,
        **filters: Any,
    ) -> Page[ItemT]:
        call = list_call(
            self.endpoint, q=q, sort=sort, limit=limit, offset=offset, facets=facets,
            filters=filters,
        )  # fmt: skip
        response = await self._client.send(call)
        return _validated(self.endpoint.page, response)

    async def iterate(
        self,
        *,
        q: str | None = None,
        sort: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        **filters: Any,
    ) -> AsyncIterator[ItemT]:
        offset = 0
        while True:
            page = await self.list(q=q, sort=sort, limit=page_size, offset=offset, **filters)
            for item in page.items:
                yield item
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    async def get(self, key: KeyT) -> DetailT:
        return (await self.get_with_etag(key)).record

    async def get_with_etag(self, key: KeyT) -> Tagged[DetailT]:
        response = await self._client.send(Call("GET", self.endpoint.path(key)))
        return Tagged(_validated(self.endpoint.detail, response), _etag(response))

    async def create(self, data: Mapping[str, Any] | BaseModel) -> DetailT:
        response = await self._client.send(Call("POST", self.endpoint.path(), json=_body(data)))
        return _validated(self.endpoint.detail, response)

    async def update(
        self, key: KeyT, changes: Mapping[str, Any] | BaseModel, if_match: str | None = None
    ) -> DetailT:
        call = Call(
            "PATCH", self.endpoint.path(key), json=_body(changes), headers=_if_match(if_match)
        )
        response = await self._client.send(call)
        return _validated(self.endpoint.detail, response)

    async def delete(self, key: KeyT, cascade: bool = False, if_match: str | None = None) -> None:
        await self._client.send(delete_call(self.endpoint, key, cascade, if_match))

    def export(
        self, format: str, *, q: str | None = None, sort: str | None = None, **filters: Any
    ) -> AsyncIterator[str]:
        call = export_call(self.endpoint, format, q=q, sort=sort, filters=filters)
        return self._client.stream_lines(call)


class AsyncAtlasClient(_Directory):
    """The Atlas API over HTTP, asynchronously (httpx.AsyncClient); as `AtlasClient` otherwise."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        options = _client_options(base_url, api_key, timeout)
        self._has_key = "Authorization" in options["headers"]
        self._http = httpx.AsyncClient(**options, transport=transport)

    @property
    def base_url(self) -> httpx.URL:
        return self._http.base_url

    def __repr__(self) -> str:
        return _client_repr(self.base_url, self._has_key, self)

    def resource(self, name: str) -> AsyncResource[Any, Any, Any]:
        return AsyncResource(self, _endpoint(name))

    async def health(self) -> dict[str, Any]:
        return _status(await self.send(Call("GET", "/health")))

    async def ready(self) -> dict[str, Any]:
        return _status(await self.send(Call("GET", "/ready")))

    async def send(self, call: Call) -> httpx.Response:
        try:
            response = await self._http.request(
                call.method, call.path, params=call.params, json=call.json, headers=call.headers
            )
        except httpx.TransportError as exc:
            raise _unreachable(self.base_url, exc) from exc
        if response.is_error:
            raise error_from_response(response)
        return response

    async def stream_lines(self, call: Call) -> AsyncIterator[str]:
        try:
            async with self._http.stream(call.method, call.path, params=call.params) as response:
                if response.is_error:
                    await response.aread()
                    raise error_from_response(response)
                lines = LineBuffer()
                async for text in response.aiter_text():
                    for line in lines.feed(text):
                        yield line
                for line in lines.finish():
                    yield line
        except httpx.TransportError as exc:
            raise _unreachable(self.base_url, exc) from exc

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncAtlasClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


__all__ = [
    "ENDPOINTS",
    "AsyncAtlasClient",
    "AsyncResource",
    "AtlasAPIError",
    "AtlasClient",
    "AtlasClientError",
    "AtlasConnectionError",
    "BadRequestError",
    "ConflictError",
    "Endpoint",
    "FieldError",
    "ForbiddenError",
    "NotFoundError",
    "PreconditionFailedError",
    "Resource",
    "ServiceUnavailableError",
    "Tagged",
    "UnauthorizedError",
    "UnexpectedAnswerError",
    "UnprocessableError",
]
