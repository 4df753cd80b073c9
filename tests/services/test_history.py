"""How the change history is captured, below the API: per transaction, on every write path
(seeding and ORM writes of any code), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select
from tests.conftest import Builder

from atlas.models import (
    Actor,
    ActorTopic,
    Change,
    ChangeAction,
    Mention,
    Participation,
    ParticipationRole,
    RecordType,
)
from atlas.seeding import read_seed_bundle, seed_database
from atlas.services.history import changes_by, current_author, references_of
from atlas.services.records import KINDS, delete_record
from atlas.settings import PROJECT_ROOT


def recorded(session: Session, **where: Any) -> list[Change]:
    statement = select(Change).order_by(Change.id)  # type: ignore[arg-type]
    for name, value in where.items():
        statement = statement.where(getattr(Change, name) == value)
    return list(session.exec(statement).all())


def test_one_row_per_record_and_transaction(session: Session, build: Builder) -> None:
    actor = build.actor(name="Erst")
    actor.name = "Zweit"
    session.flush()
    actor.description = "Beschreibung"
    session.commit()

    (created,) = recorded(session, record_type=RecordType.actor, record_id=actor.id)
    assert created.action is ChangeAction.create
    assert created.after is not None
    assert (created.after["name"], created.after["description"]) == ("Zweit", "Beschreibung")
    assert created.who == "system"


def test_created_and_deleted_in_one_transaction_leaves_nothing(
    session: Session, build: Builder
) -> None:
    actor = build.actor()
    session.delete(actor)
    session.commit()
    assert recorded(session) == []


def test_a_rolled_back_change_is_not_recorded(session: Session, build: Builder) -> None:
    actor = build.actor()
    session.commit()
    actor.name = "Verworfen"
    session.flush()
    session.rollback()
    session.commit()
    assert [change.action for change in recorded(session)] == [ChangeAction.create]


def test_an_unchanged_assignment_is_not_an_update(session: Session, build: Builder) -> None:
    actor = build.actor(name="Gleich")
    session.commit()
    actor.name = "Gleich"
    session.commit()
    assert len(recorded(session)) == 1


def test_topic_links_belong_to_their_carrier(session: Session, build: Builder) -> None:
    topic = build.topic(slug="klima")
    actor = build.actor()
    session.commit()
    # As seeding does it: the link alone, through the ORM.
    session.add(ActorTopic(actor_id=actor.id, topic_id=topic.id))
    with changes_by("seed"):
        session.commit()

    update = recorded(session, action=ChangeAction.update)[0]
    assert (update.record_type, update.record_id, update.who) == (
        RecordType.actor,
        actor.id,
        "seed",
    )
    assert (update.before, update.after) == ({"topics": []}, {"topics": ["klima"]})


def test_a_cascade_records_every_dependent_in_one_changeset(
    session: Session, build: Builder
) -> None:
    topic = build.topic()
    actor = build.actor()
    initiative = build.initiative()
    session.add(ActorTopic(actor_id=actor.id, topic_id=topic.id))
    participation = build.add(
        Participation(actor_id=actor.id, initiative_id=initiative.id, role=ParticipationRole.member)
    )
    session.commit()

    delete_record(session, KINDS["actor"], actor, cascade=True)
    session.commit()

    deleted = recorded(session, action=ChangeAction.delete)
    assert {(change.record_type, change.record_id) for change in deleted} == {
        (RecordType.actor, actor.id),
        (RecordType.participation, participation.id),
    }
    assert len({change.changeset for change in deleted}) == 1
    actor_deletion = next(change for change in deleted if change.record_type is RecordType.actor)
    assert actor_deletion.before is not None
    assert actor_deletion.before["topics"] == [topic.slug]


def test_seeding_is_recorded_as_seed_and_a_second_run_records_nothing(session: Session) -> None:
    bundle = read_seed_bundle(PROJECT_ROOT / "seeds")
    with changes_by("seed"):
        seed_database(session, bundle)
        session.commit()
        created = recorded(session)
        seed_database(session, bundle)
        session.commit()

    assert {change.who for change in created} == {"seed"}
    assert {change.action for change in created} == {ChangeAction.create}
    actors = session.exec(select(sa.func.count()).select_from(Actor)).one()
    assert len([change for change in created if change.record_type is RecordType.actor]) == actors
    assert len(recorded(session)) == len(created)


def test_the_author_comes_from_the_session_then_the_context(session: Session) -> None:
    assert current_author(session) == "system"
    with changes_by("ingest"):
        assert current_author(session) == "ingest"
        session.info["changed_by"] = "importer"
        assert current_author(session) == "importer"
    del session.info["changed_by"]


def test_references_know_which_may_be_emptied() -> None:
    participation = {ref.column: ref.optional for ref in references_of(RecordType.participation)}
    assert participation["actor_id"] is False
    assert participation["evidence_mention_id"] is True
    assert participation["evidence_document_id"] is False


def test_what_the_database_does_by_itself_is_recorded_too(session: Session, build: Builder) -> None:
    document = build.document(raw_text="Chile und Peru.", clean_text="Chile und Peru.")
    actor = build.actor()
    initiative = build.initiative()
    event = build.event(initiative_id=initiative.id)
    mention = build.add(
        Mention(document_id=document.id, actor_id=actor.id, start=0, end=5, text="Chile")
    )
    evidenced = build.add(
        Participation(
            actor_id=actor.id,
            initiative_id=initiative.id,
            role=ParticipationRole.member,
            evidence_document_id=document.id,
            evidence_mention_id=mention.id,
            evidence_start=0,
            evidence_end=5,
        )
    )
    in_event = build.add(
        Participation(actor_id=actor.id, event_id=event.id, role=ParticipationRole.host)
    )
    session.commit()
    ids = {"mention": mention.id, "evidenced": evidenced.id, "in_event": in_event.id}

    session.delete(mention)  # the database empties the evidence's mention (SET NULL)
    session.delete(event)  # and deletes the participation in the event (CASCADE)
    session.commit()

    (emptied,) = recorded(session, action=ChangeAction.update)
    assert (emptied.record_type, emptied.record_id) == (RecordType.participation, ids["evidenced"])
    assert (emptied.before, emptied.after) == (
        {"evidence_mention_id": ids["mention"]},
        {"evidence_mention_id": None},
    )
    deleted = {(c.record_type, c.record_id) for c in recorded(session, action=ChangeAction.delete)}
    assert (RecordType.participation, ids["in_event"]) in deleted
