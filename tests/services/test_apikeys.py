"""API keys as the API and the CLI use them, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from sqlmodel import Session

from atlas.errors import Conflict, InvalidInput, NotFound
from atlas.models import ApiKey, ApiKeyRole
from atlas.services.apikeys import (
    authenticate,
    create_api_key,
    list_api_keys,
    revoke_api_key,
    role_allows,
)


def test_create_stores_only_the_hash_and_a_prefix(session: Session) -> None:
    api_key, key = create_api_key(session, "importer", ApiKeyRole.editor)

    assert key.startswith("atlas_")
    assert len(key) > 40
    stored = session.get(ApiKey, api_key.id)
    assert stored is not None
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.prefix == key[:12]
    assert stored.role == ApiKeyRole.editor
    assert stored.revoked_at is None
    raw_rows = session.connection().exec_driver_sql("SELECT * FROM api_key").all()
    assert all(key not in str(value) for row in raw_rows for value in row)


def test_each_key_is_different(session: Session) -> None:
    _, first = create_api_key(session, "one", ApiKeyRole.editor)
    _, second = create_api_key(session, "two", ApiKeyRole.editor)

    assert first != second


def test_authenticate_finds_the_key(session: Session) -> None:
    api_key, key = create_api_key(session, "editor-1", ApiKeyRole.editor)

    assert authenticate(session, key) == api_key


@pytest.mark.parametrize("presented", ["", "atlas_", "atlas_not-a-key", "Bearer x", "garbage"])
def test_authenticate_rejects_unknown_keys(session: Session, presented: str) -> None:
    create_api_key(session, "editor-1", ApiKeyRole.editor)

    assert authenticate(session, presented) is None


def test_a_revoked_key_fails_at_once(session: Session) -> None:
    _, key = create_api_key(session, "leaving", ApiKeyRole.admin)
    assert authenticate(session, key) is not None

    revoked = revoke_api_key(session, "leaving")

    assert revoked.revoked_at is not None
    assert authenticate(session, key) is None


def test_revoking_twice_keeps_the_first_time(session: Session) -> None:
    create_api_key(session, "leaving", ApiKeyRole.editor)
    first = revoke_api_key(session, "leaving").revoked_at

    assert revoke_api_key(session, "leaving").revoked_at == first


def test_revoking_an_unknown_name_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound, match="nobody"):
        revoke_api_key(session, "nobody")


def test_a_duplicate_name_is_a_conflict(session: Session) -> None:
    create_api_key(session, "importer", ApiKeyRole.editor)

    with pytest.raises(Conflict, match="importer"):
        create_api_key(session, "importer", ApiKeyRole.admin)
    # The session stays usable after the conflict, and holds one key of that name.
    # (Other tests may have committed keys of their own to this database.)
    assert [key.name for key in list_api_keys(session) if key.name == "importer"] == ["importer"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_name_is_required_and_bounded(session: Session, name: str) -> None:
    with pytest.raises(InvalidInput, match="name"):
        create_api_key(session, name, ApiKeyRole.editor)


def test_list_is_by_name_and_includes_revoked_keys(session: Session) -> None:
    for name in ["zeta", "alpha", "mid"]:
        create_api_key(session, name, ApiKeyRole.editor)
    revoke_api_key(session, "mid")

    # Other tests may have committed keys of their own to this database.
    listed = [key.name for key in list_api_keys(session) if key.name in {"zeta", "alpha", "mid"}]
    assert listed == ["alpha", "mid", "zeta"]


@pytest.mark.parametrize(
    ("role", "required", "allowed"),
    [
        (ApiKeyRole.editor, ApiKeyRole.editor, True),
        (ApiKeyRole.admin, ApiKeyRole.editor, True),
        (ApiKeyRole.admin, ApiKeyRole.admin, True),
        (ApiKeyRole.editor, ApiKeyRole.admin, False),
    ],
)
def test_role_allows(role: ApiKeyRole, required: ApiKeyRole, allowed: bool) -> None:
    assert role_allows(role, required) is allowed
