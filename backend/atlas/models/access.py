"""API keys: who may write. Only a hash of each key is stored; the key is shown once."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from atlas.models.base import UTCDateTime, enum_type, utcnow
from atlas.models.enums import ApiKeyRole


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=100, unique=True)
    role: ApiKeyRole = Field(sa_type=enum_type(ApiKeyRole, "api_key_role"))
    prefix: str = Field(max_length=16, description="The key's first characters, to recognise it.")
    key_hash: str = Field(max_length=64, unique=True, description="SHA-256 of the whole key (hex).")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
