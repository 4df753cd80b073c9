"""The SQLModel tables. Importing this package registers every table on SQLModel.metadata."""

from atlas.models.access import ApiKey
from atlas.models.actors import Actor, ActorBase
from atlas.models.changes import Change, ChangeAction, RecordType
from atlas.models.documents import Document, DocumentBase
from atlas.models.enums import (
    ActorKind,
    ApiKeyRole,
    DatePrecision,
    DocumentKind,
    EntityType,
    InitiativeKind,
    InitiativeStatus,
    MentionMethod,
    ParticipationRole,
    ReviewStatus,
    SuggestionKind,
    SuggestionStatus,
)
from atlas.models.initiatives import Event, EventBase, Initiative, InitiativeBase
from atlas.models.mentions import Mention, MentionBase
from atlas.models.redirects import SlugRedirect
from atlas.models.relations import Affiliation, AffiliationBase, Participation, ParticipationBase
from atlas.models.suggestions import Suggestion
from atlas.models.topics import ActorTopic, DocumentTopic, InitiativeTopic, Topic, TopicBase

__all__ = [
    "Actor",
    "ActorBase",
    "ActorKind",
    "ActorTopic",
    "Affiliation",
    "AffiliationBase",
    "ApiKey",
    "ApiKeyRole",
    "Change",
    "ChangeAction",
    "DatePrecision",
    "Document",
    "DocumentBase",
    "DocumentKind",
    "DocumentTopic",
    "EntityType",
    "Event",
    "EventBase",
    "Initiative",
    "InitiativeBase",
    "InitiativeKind",
    "InitiativeStatus",
    "InitiativeTopic",
    "Mention",
    "MentionBase",
    "MentionMethod",
    "Participation",
    "ParticipationBase",
    "ParticipationRole",
    "RecordType",
    "ReviewStatus",
    "SlugRedirect",
    "Suggestion",
    "SuggestionKind",
    "SuggestionStatus",
    "Topic",
    "TopicBase",
]
