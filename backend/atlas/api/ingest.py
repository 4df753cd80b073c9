"""POST /api/v1/documents/ingest: a new text in, as JSON (`text` or `url`), as an uploaded file
(multipart `file`, or the `text`/`url` fields), or as the raw body (`text/plain`, `text/html`).

The handler only reads the request; fetching, parsing, linking and storing are the ingest
pipeline's, run in a worker thread because they block.

No `from __future__ import annotations`: Litestar reads the handler's types at runtime.
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

import anyio
from litestar import Request, Response, post
from litestar.datastructures import State, UploadFile
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
)
from pydantic import ValidationError
from sqlmodel import select

from atlas.api.auth import AUTH_RESPONSES, WRITE_SECURITY, editor_guard
from atlas.api.problems import problem_responses
from atlas.api.resources import API_PREFIX
from atlas.api.schemas import DocumentRef, IngestIn, IngestOut
from atlas.api.security import body_limit
from atlas.db import session_scope
from atlas.errors import AtlasError, InvalidInput
from atlas.ingest.fetch import fetch_url
from atlas.ingest.pipeline import CatalogueCache, Reader, Vocabulary, ingest_source
from atlas.ingest.sources import SourceError, SourceText, text_from_bytes
from atlas.models import Document
from atlas.settings import Settings


class PayloadTooLarge(AtlasError):
    status_code = 413


@dataclass
class IngestContext:
    """What the ingest route keeps between requests: settings, word lists, the name catalogue."""

    settings: Settings
    vocabulary: Vocabulary
    catalogues: CatalogueCache


def ingest_context(settings: Settings) -> IngestContext:
    return IngestContext(settings, Vocabulary.from_seeds(settings.seeds_dir), CatalogueCache())


_TEXT_FIELDS = {
    "text": Schema(type=OpenAPIType.STRING, description="The raw text."),
    "url": Schema(type=OpenAPIType.STRING, description="An http(s) URL to fetch."),
    "source_url": Schema(type=OpenAPIType.STRING, description="Where a text was published."),
}


@dataclass
class IngestOperation(Operation):
    """The request body in three forms, which Litestar cannot infer from one `data` type."""

    def __post_init__(self) -> None:
        form = Schema(
            type=OpenAPIType.OBJECT,
            properties={
                "file": Schema(
                    type=OpenAPIType.STRING,
                    format=OpenAPIFormat.BINARY,
                    description="A text or HTML file.",
                ),
                **_TEXT_FIELDS,
            },
        )
        self.request_body = RequestBody(
            required=True,
            description="Exactly one of `text`, `url` or `file`.",
            content={
                "application/json": OpenAPIMediaType(
                    schema=Schema(
                        type=OpenAPIType.OBJECT,
                        properties=dict(_TEXT_FIELDS),
                        additional_properties=False,
                    )
                ),
                "multipart/form-data": OpenAPIMediaType(schema=form),
                "text/plain": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
                "text/html": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
            },
        )


def _source_problem(exc: SourceError, field: str) -> AtlasError:
    if exc.reason == "too_large":
        return PayloadTooLarge(str(exc))
    return InvalidInput(field, str(exc))


def _from_fields(fields: IngestIn, settings: Settings) -> tuple[str, Reader]:
    if (fields.text is None) == (fields.url is None):
        raise InvalidInput("text", "give exactly one of text, url and file")
    if fields.url is not None:
        url = fields.url
        return "url", partial(fetch_url, url, settings)
    data = (fields.text or "").encode("utf-8")
    source_url = fields.source_url

    def read() -> SourceText:
        source = text_from_bytes(data, name="text", max_bytes=settings.ingest_max_bytes)
        return SourceText(**{**source.__dict__, "source_url": source_url})

    return "text", read


async def _reader(request: Request[Any, Any, Any], settings: Settings) -> tuple[str, Reader]:
    """Which field the text comes from, and how to read it, from any of the three forms."""
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            data = await upload.read(settings.ingest_max_bytes + 1)
            name, content_type = upload.filename or "upload", upload.content_type
            return "file", partial(
                text_from_bytes,
                data,
                name=name,
                content_type=content_type,
                max_bytes=settings.ingest_max_bytes,
            )
        values = {key: form.get(key) for key in ("text", "url", "source_url") if form.get(key)}
        return _from_fields(_validated(values), settings)
    if media_type in ("text/plain", "text/html", "application/xhtml+xml"):
        data = await request.body()
        return "text", partial(
            text_from_bytes,
            data,
            name="request body",
            content_type=request.headers.get("content-type"),
            max_bytes=settings.ingest_max_bytes,
        )
    if media_type != "application/json":
        raise InvalidInput(
            "content-type", "send JSON, a multipart form, or text/plain or text/html"
        )
    try:
        body = await request.json()
    except Exception:  # Litestar's decoder raises its own and msgspec's errors
        raise InvalidInput("body", "not valid JSON") from None
    return _from_fields(_validated(body), settings)


def _validated(body: Any) -> IngestIn:
    try:
        return IngestIn.model_validate(body)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "body"
        raise InvalidInput(field, error["msg"]) from None


def _ingest(state: State, field: str, read: Reader) -> tuple[bool, IngestOut]:
    context: IngestContext = state.ingest
    try:
        source = read()
    except SourceError as exc:
        raise _source_problem(exc, field) from None
    with session_scope(state.engine) as session:
        catalogue = context.catalogues.get(session.connection())
        ingested = ingest_source(session, source, catalogue, context.vocabulary)
        document = session.exec(select(Document).where(Document.slug == ingested.document)).one()
        out = IngestOut(
            status="new" if ingested.new else "unchanged",
            document=DocumentRef.model_validate(document),
            mentions=ingested.mentions,
            suggestions=ingested.suggestions,
        )
    return ingested.new, out


@post(
    f"{API_PREFIX}/documents/ingest",
    operation_id="ingest_document",
    summary="Ingest a text",
    description="Stores the text as a document (parsed: title, date, publisher, place), links "
    "the actors, initiatives and events it names, and queues suggestions for what it names "
    "that the directory does not know. The same text again answers 200 `unchanged` and writes "
    "nothing. Unreadable input (empty, binary, no article in the HTML, a URL that cannot or may "
    "not be fetched) answers 422, too large 413. Needs an editor key.",
    tags=["documents"],
    guards=[editor_guard],
    security=WRITE_SECURITY,
    operation_class=IngestOperation,
    opt=body_limit("ingest_max_bytes"),
    responses={
        200: ResponseSpec(IngestOut, description="The same text is already stored: unchanged."),
        **AUTH_RESPONSES,
        **problem_responses(409, 413, 422),
    },
    status_code=201,
)
async def ingest_document(request: Request[Any, Any, Any], state: State) -> Response[IngestOut]:
    field, read = await _reader(request, state.ingest.settings)
    new, out = await anyio.to_thread.run_sync(_ingest, state, field, read)
    if not new:
        return Response(out, status_code=200)
    location = f"{API_PREFIX}/documents/{out.document.slug}"
    return Response(out, status_code=201, headers={"Location": location})
