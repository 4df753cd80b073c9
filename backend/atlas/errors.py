"""The domain's errors. The API maps each to a problem document, the CLI to one line."""

from __future__ import annotations


class AtlasError(Exception):
    """Base of the errors Atlas raises on purpose; the message is safe to show to a client."""

    status_code = 400
    title = "Bad request"


class NotFound(AtlasError):
    status_code = 404
    title = "Not found"


class Conflict(AtlasError):
    status_code = 409
    title = "Conflict"


class PreconditionFailed(AtlasError):
    status_code = 412
    title = "Precondition failed"


class InvalidQuery(AtlasError):
    status_code = 400
    title = "Invalid query"


class ServiceUnavailable(AtlasError):
    status_code = 503
    title = "Service unavailable"
