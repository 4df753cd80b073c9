"""The domain's errors. The API maps each to a problem document, the CLI to one line."""

from __future__ import annotations

from collections.abc import Mapping

# RFC 6750: a 401 names the scheme the client should use.
BEARER_CHALLENGE = 'Bearer realm="atlas"'


class AtlasError(Exception):
    """Base of the errors Atlas raises on purpose; the message is safe to show to a client.

    `headers` are added to the error response (for example `WWW-Authenticate` on a 401).
    """

    # The problem document's title is the status phrase (RFC 9457 for type "about:blank").
    status_code = 400

    def __init__(self, *args: object, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(*args)
        self.headers: dict[str, str] = dict(headers or {})
        # Extension members of the problem document (RFC 9457 §3.2).
        self.members: dict[str, object] = {}


class NotFound(AtlasError):
    status_code = 404


class Conflict(AtlasError):
    status_code = 409


class PreconditionFailed(AtlasError):
    status_code = 412


class InvalidInput(AtlasError):
    """A request field or parameter the client must correct: 422 with one entry per field."""

    status_code = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.members = {"errors": [{"field": field, "message": message}]}


class InvalidQuery(InvalidInput):
    """A query string that cannot be searched for (no words in it): 400, naming the parameter."""

    status_code = 400


class Unauthorized(AtlasError):
    """No valid credentials: the key is missing, malformed, unknown or revoked."""

    status_code = 401

    def __init__(self, *args: object, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(*args, headers={"WWW-Authenticate": BEARER_CHALLENGE, **(headers or {})})


class Forbidden(AtlasError):
    """Valid credentials without the right to do this."""

    status_code = 403


class ServiceUnavailable(AtlasError):
    status_code = 503
