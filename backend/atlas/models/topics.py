"""Topics (Klima, Gesundheit, Abrüstung, …) and what carries them."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from atlas.models.base import TimestampedTable, slug_field


class TopicBase(SQLModel):
    slug: str = slug_field()
    label_de: str = Field(min_length=1, max_length=200)
    label_en: str = Field(min_length=1, max_length=200)


class Topic(TopicBase, TimestampedTable, table=True):
    pass


# Link tables: the composite key serves lookups from the carrier; the index serves the topic filter.
class InitiativeTopic(SQLModel, table=True):
    __tablename__ = "initiative_topic"

    initiative_id: int = Field(foreign_key="initiative.id", ondelete="CASCADE", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", ondelete="CASCADE", primary_key=True, index=True)


class DocumentTopic(SQLModel, table=True):
    __tablename__ = "document_topic"

    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", ondelete="CASCADE", primary_key=True, index=True)


class ActorTopic(SQLModel, table=True):
    __tablename__ = "actor_topic"

    actor_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", ondelete="CASCADE", primary_key=True, index=True)
