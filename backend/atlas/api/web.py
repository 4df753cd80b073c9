"""The web directory: the single-page app's shell at every clean URL, and the vocabularies it
labels values with."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.datastructures import State

from atlas.models.enums import LABELS
from atlas.settings import PROJECT_ROOT

FRONTEND_DIR = PROJECT_ROOT / "frontend"
ASSETS_PATH = "/assets"

# The page loads only its own files: no inline script or style, nothing from elsewhere, and no
# framing. An injected tag in the data could run nothing even if it reached the DOM.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

# Every path the app renders itself; the server answers each with the same shell, so links can
# be shared and reloaded.
APP_PATHS = [
    "/",
    "/actors",
    "/actors/{slug:str}",
    "/initiatives",
    "/initiatives/{slug:str}",
    "/documents",
    "/documents/{slug:str}",
    "/events/{slug:str}",
    "/topics/{slug:str}",
    "/edit/{resource:str}",
    "/edit/{resource:str}/{slug:str}",
    "/search",
    "/timeline",
    "/graph",
]


@get(APP_PATHS, include_in_schema=False, sync_to_thread=False)
def app_shell(state: State) -> Response[bytes]:
    """The single-page app; it reads the path and renders the page."""
    return Response(state.app_shell, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def read_app_shell() -> bytes:
    return (FRONTEND_DIR / "index.html").read_bytes()


@get(
    "/api/v1/vocabularies",
    operation_id="vocabularies",
    tags=["service"],
    sync_to_thread=False,
    summary="Labels of every vocabulary",
)
def vocabularies() -> dict[str, dict[str, dict[str, Any]]]:
    """German and English labels of each controlled value (actor and initiative kinds, roles,
    statuses, …), keyed by vocabulary, e.g. `{"ActorKind": {"state": {"de": "Staat", "en":
    "State"}}}`."""
    return {
        vocabulary.__name__: {value: {"de": de, "en": en} for value, (de, en) in labels.items()}
        for vocabulary, labels in LABELS.items()
    }
