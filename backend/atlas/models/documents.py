"""Documents: press releases and articles, with their metadata, clean text and raw text."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import JsonList, TimestampedTable, enum_type, slug_field
from atlas.models.enums import DatePrecision, DocumentKind

SHA256_HEX_LENGTH = 64


class DocumentBase(SQLModel):
    slug: str = slug_field()
    title: str = Field(min_length=1, max_length=500)
    publisher: str | None = Field(default=None, max_length=200, index=True)
    kind: DocumentKind = Field(
        default=DocumentKind.article, sa_type=enum_type(DocumentKind, "document_kind"), index=True
    )
    language: str = Field(
        default="de", min_length=2, max_length=8, index=True, description="BCP 47 language tag."
    )
    published_on: date | None = Field(
        default=None, index=True, description="Publication date, as precise as the text states."
    )
    date_precision: DatePrecision | None = Field(
        default=None, sa_type=enum_type(DatePrecision, "date_precision")
    )
    place: str | None = Field(default=None, max_length=200, description="Dateline place.")
    source_url: str | None = Field(default=None, max_length=2000)


class Document(DocumentBase, TimestampedTable, table=True):
    """One text. The same raw text (by SHA-256) is always the same document."""

    __table_args__ = (
        sa.CheckConstraint(
            "(published_on IS NULL) = (date_precision IS NULL)", name="date_with_precision"
        ),
    )

    clean_text: str = Field(sa_type=sa.Text, description="Article text without site chrome.")
    raw_text: str = Field(sa_type=sa.Text, description="The text exactly as it was received.")
    captions: list[str] = Field(
        default_factory=list,
        sa_type=JsonList,
        description="Image captions and photo credits, kept apart from the body.",
    )
    sha256: str = Field(
        min_length=SHA256_HEX_LENGTH,
        max_length=SHA256_HEX_LENGTH,
        unique=True,
        description="SHA-256 of the raw text (hex).",
    )
