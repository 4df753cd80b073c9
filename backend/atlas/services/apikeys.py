"""API keys: creating, listing, revoking and checking the keys that may write.

Only the SHA-256 of a key and its first characters are stored; the key itself is returned once,
by `create_api_key`. A key is checked against the database on every request, so revoking it takes
effect at once.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from atlas.errors import Conflict, InvalidInput, NotFound
from atlas.models.access import ApiKey
from atlas.models.base import utcnow
from atlas.models.enums import ApiKeyRole

KEY_MARKER = "atlas_"
# "atlas_" and six random characters: enough to tell keys apart in a list, useless to an attacker.
PREFIX_LENGTH = 12
NAME_MAX_LENGTH = 100

# What each role may do, as a rank: a role allows everything a lower one does.
_ROLE_RANK = {ApiKeyRole.reader: 0, ApiKeyRole.editor: 1, ApiKeyRole.admin: 2}


def hash_api_key(key: str) -> str:
    """The SHA-256 (hex) under which a key is stored and looked up.

    A plain hash suffices (no salt, no slow hash): the keys are 256 random bits, not passwords.
    """
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(session: Session, name: str, role: ApiKeyRole) -> tuple[ApiKey, str]:
    """Store a new key under a unique name; return the row and the key, which is never stored."""
    if not name.strip() or len(name) > NAME_MAX_LENGTH:
        raise InvalidInput("name", f"an API key's name must have 1 to {NAME_MAX_LENGTH} characters")
    if _find_by_name(session, name) is not None:
        raise Conflict(f"An API key named {name!r} already exists; choose another name.")
    key = KEY_MARKER + secrets.token_urlsafe(32)
    api_key = ApiKey(
        name=name, role=ApiKeyRole(role), prefix=key[:PREFIX_LENGTH], key_hash=hash_api_key(key)
    )
    try:
        # A savepoint, so a concurrent create of the same name leaves the session usable.
        with session.begin_nested():
            session.add(api_key)
    except IntegrityError:
        raise Conflict(f"An API key named {name!r} already exists; choose another name.") from None
    return api_key, key


def list_api_keys(session: Session) -> list[ApiKey]:
    """Every key, revoked ones included, by name."""
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.name))))


def revoke_api_key(session: Session, name: str) -> ApiKey:
    """Revoke the key with this name from now on; revoking it again changes nothing."""
    api_key = _find_by_name(session, name)
    if api_key is None:
        raise NotFound(f"No API key is named {name!r}.")
    if api_key.revoked_at is None:
        api_key.revoked_at = utcnow()
        session.add(api_key)
        session.flush()
    return api_key


def authenticate(session: Session, presented_key: str) -> ApiKey | None:
    """The unrevoked key matching the presented one, or None.

    The lookup is by hash, so no comparison of secrets happens in Python to be timed.
    """
    if not presented_key.startswith(KEY_MARKER):
        return None
    statement = select(ApiKey).where(
        ApiKey.key_hash == hash_api_key(presented_key), col(ApiKey.revoked_at).is_(None)
    )
    return session.exec(statement).first()


def role_allows(role: ApiKeyRole, required: ApiKeyRole) -> bool:
    """Whether a key with `role` may do what needs `required`; admins may do all editors may."""
    return _ROLE_RANK[ApiKeyRole(role)] >= _ROLE_RANK[ApiKeyRole(required)]


def _find_by_name(session: Session, name: str) -> ApiKey | None:
    return session.exec(select(ApiKey).where(ApiKey.name == name)).first()
