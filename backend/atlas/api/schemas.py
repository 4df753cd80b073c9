"""The API's request and response shapes: the stable contract programs integrate against.

Field names here are public and documented in the OpenAPI document; table classes never leave
the service layer. Every relation embeds both of its ends as `Ref`s, and every fact its evidence.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model
from sqlmodel import SQLModel

from atlas.models import (
    ActorBase,
    DatePrecision,
    DocumentBase,
    DocumentKind,
    EntityType,
    EventBase,
    InitiativeBase,
    MentionMethod,
    ParticipationRole,
    ReviewStatus,
    SuggestionKind,
    SuggestionStatus,
    TopicBase,
)
from atlas.models.base import SLUG_MAX_LENGTH, SLUG_PATTERN

Item = TypeVar("Item")


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- embedded pieces --------------------------------------------------------------------------


class Ref(Schema):
    """One end of a relation, or a linked record: enough to show and link it."""

    slug: str
    name: str
    kind: str


class EntityRef(Ref):
    """A mentioned entity: an actor, initiative or event."""

    type: EntityType


class TopicRef(Schema):
    slug: str
    label_de: str
    label_en: str


class Evidence(Schema):
    """The passage of a document that states a fact: document slug, span and quoted text."""

    document: str = Field(description="Slug of the document.")
    start: int = Field(description="Offset of the passage in the document's clean text.")
    end: int
    quote: str = Field(description="The passage itself: clean_text[start:end].")
    mention_id: int | None = Field(default=None, description="The mention inside the passage.")


class DocumentRef(Schema):
    slug: str
    title: str
    kind: DocumentKind
    published_on: date | None
    date_precision: DatePrecision | None


class FacetValue(Schema):
    value: str
    label: str = Field(description="German label.")
    label_en: str
    count: int


class Page(Schema, Generic[Item]):
    """One page of a list, with the size of the whole filtered set and optional facet counts."""

    items: list[Item]
    total: int = Field(description="Size of the whole filtered set.")
    limit: int
    offset: int
    facets: dict[str, list[FacetValue]] | None = Field(
        default=None, description="Counts over the filtered set, when `facets=` asked for them."
    )


# --- relations ----------------------------------------------------------------------------------


class PeriodOut(Schema):
    start_on: date | None
    end_on: date | None
    date_precision: DatePrecision | None
    note: str | None


class ParticipationOut(PeriodOut):
    id: int
    actor: Ref
    initiative: Ref | None
    event: Ref | None
    role: ParticipationRole
    evidence: Evidence | None
    version: int


class AffiliationOut(PeriodOut):
    id: int
    actor: Ref
    organization: Ref
    title: str
    title_en: str | None
    evidence: Evidence | None
    version: int


class MentionOut(Schema):
    id: int
    document: Ref
    start: int
    end: int
    text: str
    entity: EntityRef
    method: MentionMethod
    confidence: float
    status: ReviewStatus
    version: int


# --- entities -----------------------------------------------------------------------------------


class Timestamps(SQLModel):
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Row version; the ETag is derived from it.")


class TopicOut(TopicBase, Timestamps):
    pass


class TopicDetail(TopicOut):
    actors: list[Ref]
    initiatives: list[Ref]
    documents: list[DocumentRef]


class ActorOut(ActorBase, Timestamps):
    topics: list[TopicRef]


class ActorDetail(ActorOut):
    participations: list[ParticipationOut]
    affiliations: list[AffiliationOut] = Field(
        description="Offices and memberships both ways: this actor in another, others in it."
    )
    documents: list[DocumentRef] = Field(description="Documents that mention this actor.")
    evidence: Evidence | None = Field(description="The first passage that names this actor.")


class InitiativeOut(InitiativeBase, Timestamps):
    parent: Ref | None
    topics: list[TopicRef]


class EventOut(EventBase, Timestamps):
    initiative: Ref | None


class InitiativeDetail(InitiativeOut):
    participants: dict[ParticipationRole, list[ParticipationOut]] = Field(
        description="Participations grouped by role (founders, hosts, chairs, members, …)."
    )
    sub_initiatives: list[Ref]
    events: list[EventOut]
    documents: list[DocumentRef]
    evidence: Evidence | None


class EventDetail(EventOut):
    participants: dict[ParticipationRole, list[ParticipationOut]]
    documents: list[DocumentRef]
    evidence: Evidence | None


class DocumentOut(DocumentBase, Timestamps):
    sha256: str
    topics: list[TopicRef]


class DocumentDetail(DocumentOut):
    clean_text: str
    raw_text: str
    captions: list[str]
    mentions: list[MentionOut]


# --- requests -----------------------------------------------------------------------------------
# A create body names related records by slug; an update body (…Patch) holds only the fields to
# change. Slugs are made from the name when not given and change only when a client asks.

SlugIn = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]
OptionalSlug = SlugIn | None


class TopicIn(TopicBase):
    slug: OptionalSlug = None  # type: ignore[assignment]


class ActorIn(ActorBase):
    slug: OptionalSlug = None  # type: ignore[assignment]
    topics: list[SlugIn] = Field(default_factory=list, description="Topic slugs.")


class InitiativeIn(InitiativeBase):
    slug: OptionalSlug = None  # type: ignore[assignment]
    parent: OptionalSlug = Field(default=None, description="Slug of the parent initiative.")
    topics: list[SlugIn] = Field(default_factory=list, description="Topic slugs.")


class EventIn(EventBase):
    slug: OptionalSlug = None  # type: ignore[assignment]
    initiative: OptionalSlug = Field(default=None, description="Slug of the initiative.")


class DocumentIn(DocumentBase):
    slug: OptionalSlug = None  # type: ignore[assignment]
    title: str | None = Field(  # type: ignore[assignment]
        default=None, max_length=500, description="Defaults to the headline the parser finds."
    )
    raw_text: str = Field(min_length=1, description="The text as received; its SHA-256 is unique.")
    clean_text: str | None = Field(
        default=None, description="Defaults to the parser's clean text of raw_text."
    )
    captions: list[str] | None = None
    topics: list[SlugIn] = Field(default_factory=list, description="Topic slugs.")


class EvidenceIn(Schema):
    document: SlugIn
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class RelationIn(Schema):
    start_on: date | None = None
    end_on: date | None = None
    date_precision: DatePrecision | None = None
    note: str | None = None
    evidence: EvidenceIn | None = Field(
        default=None, description="The passage (document slug and span) that states it."
    )


class ParticipationIn(RelationIn):
    actor: SlugIn
    initiative: OptionalSlug = None
    event: OptionalSlug = None
    role: ParticipationRole


class AffiliationIn(RelationIn):
    actor: SlugIn
    organization: SlugIn
    title: str = Field(min_length=1, max_length=200)
    title_en: str | None = Field(default=None, max_length=200)


class MentionIn(Schema):
    document: SlugIn
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    entity: str = Field(
        pattern=r"^(actor|initiative|event):[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="`actor:<slug>`, `initiative:<slug>` or `event:<slug>`.",
    )
    method: MentionMethod = MentionMethod.curated
    confidence: float = Field(default=1.0, ge=0, le=1)
    status: ReviewStatus = ReviewStatus.confirmed


def patch_model(model: type[BaseModel]) -> type[BaseModel]:
    """The update body of `model`: every field optional, and only the fields sent are applied."""
    fields: dict[str, Any] = {}
    for field_name, info in model.model_fields.items():
        # Keep each field's constraints (lengths, patterns, bounds); only its presence is optional.
        annotation: Any = info.annotation
        annotation = annotation | None
        if info.metadata:
            annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
        fields[field_name] = (annotation, Field(default=None, description=info.description))
    name = model.__name__.removesuffix("In") + "Patch"
    return create_model(name, __base__=Schema, **fields)


TopicPatch = patch_model(TopicIn)
ActorPatch = patch_model(ActorIn)
InitiativePatch = patch_model(InitiativeIn)
EventPatch = patch_model(EventIn)
DocumentPatch = patch_model(DocumentIn)
ParticipationPatch = patch_model(ParticipationIn)
AffiliationPatch = patch_model(AffiliationIn)
MentionPatch = patch_model(MentionIn)


# --- ingest and the review queue ----------------------------------------------------------------


class IngestIn(Schema):
    """A text to ingest, given as the text itself or as a URL to fetch (exactly one of them)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1, description="The raw text.")
    url: str | None = Field(
        default=None, max_length=2000, description="An http(s) URL whose article is fetched."
    )
    source_url: str | None = Field(
        default=None, max_length=2000, description="Where a given text was published."
    )


class IngestOut(Schema):
    status: str = Field(description="`new`, or `unchanged` when the same text was there.")
    document: DocumentRef
    mentions: int = Field(description="Mentions of known entities linked in the text.")
    suggestions: int = Field(description="Suggestions added to the review queue.")


class SuggestedParty(Schema):
    name: str
    start: int
    end: int
    ref: str | None = Field(
        description="`type:slug` when the text's name is a known entity, or has been accepted "
        "as one since."
    )


class SuggestedRelationOut(Schema):
    role: str = Field(description="A participation role, or an affiliation's title.")
    subject: SuggestedParty
    object: SuggestedParty | None


class SuggestionOut(Schema):
    """One item of the review queue, with the passage that suggested it."""

    id: int
    kind: SuggestionKind
    status: SuggestionStatus
    name: str = Field(description="The name as the text writes it (for a relation, a summary).")
    entity_type: EntityType | None
    entity_kind: str | None
    country: str | None
    aliases: list[str]
    start: int
    end: int
    spans: list[list[int]] = Field(description="Every [start, end] in the text it stands for.")
    document_title: str = Field(description="Title of the document that suggested it.")
    evidence: Evidence
    rule: str = Field(description="The rule that found it.")
    relation: SuggestedRelationOut | None
    created_at: datetime
    decided_at: datetime | None
    outcome: str | None = Field(
        description="What accepting made: `actor:slug`, `participation:12`."
    )
    version: int


class DecisionIn(Schema):
    """Accepting a suggestion; every field may be left out."""

    model_config = ConfigDict(extra="forbid")

    into: str | None = Field(
        default=None, description="Merge into this entity (`actor:slug`): it gains the alias."
    )
    name: str | None = Field(default=None, min_length=1, max_length=300)
    entity_type: EntityType | None = None
    kind: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    subject: str | None = Field(default=None, description="The relation's actor (`actor:slug`).")
    object: str | None = Field(default=None, description="Its other end (`initiative:slug`, …).")
    role: str | None = Field(default=None, min_length=1, max_length=200)
