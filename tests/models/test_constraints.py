"""What the database itself guarantees, whatever writes to it (API, CLI, seeding, SQL)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from atlas.models import (
    Actor,
    ActorKind,
    Affiliation,
    DatePrecision,
    Document,
    DocumentTopic,
    Event,
    Initiative,
    InitiativeTopic,
    Mention,
    Participation,
    ParticipationRole,
)


def test_slugs_are_unique_per_type(session: Session, build) -> None:
    build.actor(slug="deutschland")
    build.initiative(slug="deutschland")  # another type may use the same slug

    with pytest.raises(IntegrityError):
        build.actor(slug="deutschland")


def test_the_same_raw_text_is_one_document(session: Session, build) -> None:
    build.document(raw_text="Gleicher Text.")

    with pytest.raises(IntegrityError):
        build.document(raw_text="Gleicher Text.")


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("actor", "kind", "planet"),
        ("initiative", "kind", "club"),
        ("initiative", "status", "dormant"),
        ("document", "kind", "tweet"),
    ],
)
def test_enumerations_are_checked_by_the_database(
    session: Session, build, table: str, column: str, value: str
) -> None:
    record = {"actor": build.actor, "initiative": build.initiative, "document": build.document}[
        table
    ]()

    with pytest.raises(IntegrityError):
        session.execute(
            text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
            {"value": value, "id": record.id},
        )


def test_role_outside_the_vocabulary_is_refused(session: Session, build) -> None:
    participation = Participation(
        actor_id=build.actor().id,
        initiative_id=build.initiative().id,
        role=ParticipationRole.member,
    )
    build.add(participation)

    with pytest.raises(IntegrityError):
        session.execute(
            text("UPDATE participation SET role = 'emperor' WHERE id = :id"),
            {"id": participation.id},
        )


def test_enum_values_are_stored_as_their_lowercase_value(session: Session, build) -> None:
    actor = build.actor(kind=ActorKind.international_organisation)

    stored = session.execute(text("SELECT kind FROM actor WHERE id = :id"), {"id": actor.id})
    assert stored.scalar_one() == "international_organisation"


def test_aliases_round_trip_with_umlauts_and_eszett(session: Session, build) -> None:
    actor = build.actor(name="Kassym-Schomart Tokajew", aliases=["Tokayev", "Tokajews", "Straße"])
    session.expire_all()

    assert session.get(Actor, actor.id).aliases == ["Tokayev", "Tokajews", "Straße"]


def test_a_date_needs_its_precision(session: Session, build) -> None:
    with pytest.raises(IntegrityError):
        build.document(published_on=date(2020, 9, 1))


def test_a_document_keeps_month_precision(session: Session, build) -> None:
    document = build.document(published_on=date(2020, 9, 1), date_precision=DatePrecision.month)
    session.expire_all()

    stored = session.get(Document, document.id)
    assert (stored.published_on, stored.date_precision) == (date(2020, 9, 1), "month")


def test_an_event_cannot_end_before_it_starts(session: Session, build) -> None:
    with pytest.raises(IntegrityError):
        build.event(
            starts_on=date(2025, 5, 30), ends_on=date(2025, 5, 29), date_precision=DatePrecision.day
        )


def test_a_participation_is_in_an_initiative_or_an_event_not_both(session: Session, build) -> None:
    initiative = build.initiative()
    event = build.event(initiative_id=initiative.id)
    actor = build.actor()

    with pytest.raises(IntegrityError), session.begin_nested():
        build.add(
            Participation(
                actor_id=actor.id,
                initiative_id=initiative.id,
                event_id=event.id,
                role=ParticipationRole.host,
            )
        )
    with pytest.raises(IntegrityError):
        build.add(Participation(actor_id=actor.id, role=ParticipationRole.host))


def test_a_mention_refers_to_exactly_one_entity(session: Session, build) -> None:
    document = build.document()

    with pytest.raises(IntegrityError):
        build.add(Mention(document_id=document.id, start=0, end=4, text="Text"))


def test_a_mention_span_is_not_empty(session: Session, build) -> None:
    document = build.document()

    with pytest.raises(IntegrityError):
        build.add(
            Mention(document_id=document.id, start=4, end=4, text="x", actor_id=build.actor().id)
        )


def test_an_actor_is_not_affiliated_with_itself(session: Session, build) -> None:
    actor = build.actor()

    with pytest.raises(IntegrityError):
        build.add(Affiliation(actor_id=actor.id, organization_id=actor.id, title="Mitglied"))


def test_evidence_span_needs_a_document(session: Session, build) -> None:
    with pytest.raises(IntegrityError):
        build.add(
            Participation(
                actor_id=build.actor().id,
                initiative_id=build.initiative().id,
                role=ParticipationRole.member,
                evidence_start=0,
                evidence_end=10,
            )
        )


def test_deleting_an_actor_removes_its_relations_and_mentions(session: Session, build) -> None:
    maas = build.actor(kind=ActorKind.person)
    germany = build.actor()
    alliance = build.initiative()
    document = build.document(raw_text="Heiko Maas", clean_text="Heiko Maas")
    build.add(Participation(actor_id=maas.id, initiative_id=alliance.id, role="host"))
    build.add(Affiliation(actor_id=maas.id, organization_id=germany.id, title="Außenminister"))
    build.add(
        Mention(document_id=document.id, start=0, end=10, text="Heiko Maas", actor_id=maas.id)
    )

    session.delete(maas)
    session.flush()

    assert session.exec(select(Participation)).all() == []
    assert session.exec(select(Affiliation)).all() == []
    assert session.exec(select(Mention)).all() == []
    assert session.get(Actor, germany.id) is not None


def test_deleting_an_initiative_removes_its_events_and_keeps_sub_groups(
    session: Session, build
) -> None:
    coalition = build.initiative()
    small_group = build.initiative(parent_id=coalition.id)
    meeting = build.event(initiative_id=coalition.id)
    topic = build.topic()
    build.add(InitiativeTopic(initiative_id=coalition.id, topic_id=topic.id))

    meeting_id, small_group_id = meeting.id, small_group.id

    session.delete(coalition)
    session.flush()
    session.expire_all()

    assert session.get(Event, meeting_id) is None
    assert session.get(Initiative, small_group_id).parent_id is None
    assert session.exec(select(InitiativeTopic)).all() == []


def test_a_document_cited_as_evidence_cannot_be_deleted(session: Session, build) -> None:
    document = build.document(raw_text="Deutschland ist Mitglied.")
    build.add(
        Participation(
            actor_id=build.actor().id,
            initiative_id=build.initiative().id,
            role=ParticipationRole.member,
            evidence_document_id=document.id,
            evidence_start=0,
            evidence_end=25,
        )
    )

    with pytest.raises(IntegrityError):
        session.execute(text("DELETE FROM document WHERE id = :id"), {"id": document.id})


def test_deleting_a_document_removes_its_mentions_and_topics(session: Session, build) -> None:
    document = build.document(raw_text="COVAX", clean_text="COVAX")
    build.add(
        Mention(
            document_id=document.id,
            start=0,
            end=5,
            text="COVAX",
            initiative_id=build.initiative().id,
        )
    )
    build.add(DocumentTopic(document_id=document.id, topic_id=build.topic().id))

    session.execute(text("DELETE FROM document WHERE id = :id"), {"id": document.id})

    assert session.exec(select(Mention)).all() == []
    assert session.exec(select(DocumentTopic)).all() == []


def test_timestamps_are_set_on_insert_and_update(session: Session, build) -> None:
    actor = build.actor()
    created = actor.created_at

    actor.name = "Bundesrepublik Deutschland"
    session.flush()
    session.refresh(actor)

    assert actor.created_at == created
    assert actor.updated_at >= created


def test_sha256_is_hex_of_64_characters(build) -> None:
    document = build.document(raw_text="abc")
    assert document.sha256 == hashlib.sha256(b"abc").hexdigest()
