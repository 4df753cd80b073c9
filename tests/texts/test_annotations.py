"""The curated annotations in seeds/annotations/: schema, offsets, evidence, references,
uniqueness and completeness; and the checks themselves, on deliberately broken copies."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from atlas.texts.annotate import read_word_list
from atlas.texts.annotations import (
    Affiliation,
    Annotations,
    Participation,
    Problem,
    check_annotations,
    check_completeness,
    count_occurrences,
    evidence_span,
    load_annotations,
    load_clean_texts,
)
from atlas.texts.mentions import propose_mentions
from atlas.texts.names import find_name_candidates, looks_german

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
ANNOTATIONS_DIR = SEEDS_DIR / "annotations"
TEXTS_DIR = SEEDS_DIR / "texts"
LEXICON = SEEDS_DIR / "lexicon" / "common-german-nouns.txt"


@pytest.fixture(scope="module")
def curated() -> Annotations:
    return load_annotations(ANNOTATIONS_DIR)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return load_clean_texts(TEXTS_DIR)


def _texts_by_slug(curated: Annotations, texts: dict[str, str]) -> dict[str, str]:
    return {document.slug: texts[document.file] for document in curated.documents}


def _report(problems: list[Problem]) -> str:
    return "\n".join(str(problem) for problem in problems)


# --- the curated files --------------------------------------------------------------------------


def test_files_load_without_schema_problems(curated: Annotations) -> None:
    assert curated.problems == [], _report(curated.problems)
    assert curated.actors
    assert curated.initiatives
    assert curated.events
    assert curated.participations
    assert curated.affiliations
    assert curated.exclusions


def test_cross_checks_find_no_problems(curated: Annotations, texts: dict[str, str]) -> None:
    problems = check_annotations(curated, texts)
    assert problems == [], _report(problems)


def test_every_text_has_exactly_one_document(curated: Annotations, texts: dict[str, str]) -> None:
    files = Counter(document.file for document in curated.documents)
    assert set(files) == set(texts)
    assert all(count == 1 for count in files.values())


def test_every_mention_matches_the_clean_text(curated: Annotations, texts: dict[str, str]) -> None:
    for document in curated.documents:
        text = texts[document.file]
        assert document.mentions, f"{document.slug} has no mentions"
        for mention in document.mentions:
            assert text[mention.start : mention.end] == mention.text, (document.slug, mention)


def test_every_evidence_quote_occurs_unambiguously(
    curated: Annotations, texts: dict[str, str]
) -> None:
    by_slug = _texts_by_slug(curated, texts)
    items: list[Participation | Affiliation] = [
        *curated.participations,
        *curated.affiliations,
    ]
    for item in items:
        text = by_slug[item.evidence.document]
        occurrences = len(count_occurrences(text, item.evidence.quote))
        if item.evidence.occurrence is None:
            assert occurrences == 1, item.evidence
        else:
            assert 1 <= item.evidence.occurrence <= occurrences, item.evidence
        span = evidence_span(item.evidence, text)
        assert span is not None
        assert text[span[0] : span[1]] == item.evidence.quote


def test_slugs_are_unique_per_kind(curated: Annotations) -> None:
    for section in ("topics", "actors", "initiatives", "events", "documents"):
        slugs = Counter(entry.slug for entry in getattr(curated, section))
        assert [slug for slug, count in slugs.items() if count > 1] == [], section


def test_no_name_or_alias_names_two_entities(curated: Annotations) -> None:
    owners: dict[str, set[str]] = {}
    for ref, entry in curated.named_entries():
        for name in entry.names():
            owners.setdefault(name.casefold(), set()).add(ref)
    assert {name: refs for name, refs in owners.items() if len(refs) > 1} == {}


def test_references_resolve(curated: Annotations) -> None:
    refs = {ref for ref, _ in curated.named_entries()}
    topics = {topic.slug for topic in curated.topics}
    documents = {document.slug for document in curated.documents}
    for item in curated.participations:
        assert f"actor:{item.actor}" in refs
        target = f"initiative:{item.initiative}" if item.initiative else f"event:{item.event}"
        assert target in refs
        assert item.evidence.document in documents
    for affiliation in curated.affiliations:
        assert f"actor:{affiliation.actor}" in refs
        assert f"actor:{affiliation.organization}" in refs
    for initiative in curated.initiatives:
        assert initiative.parent is None or f"initiative:{initiative.parent}" in refs
        assert set(initiative.topics) <= topics
    for event in curated.events:
        assert event.initiative is None or f"initiative:{event.initiative}" in refs
    for document in curated.documents:
        assert {mention.entity for mention in document.mentions} <= refs


def test_annotations_are_complete(curated: Annotations, texts: dict[str, str]) -> None:
    problems = check_completeness(curated, texts, read_word_list(LEXICON))
    assert problems == [], _report(problems)


def test_lexicon_holds_no_annotated_name(curated: Annotations) -> None:
    names = {name.casefold() for _, entry in curated.named_entries() for name in entry.names()}
    assert {word for word in read_word_list(LEXICON) if word.casefold() in names} == set()


@pytest.mark.parametrize(
    ("actor", "target", "role"),
    [
        ("deutschland", "initiative:arbeitsgruppe-stabilisierung", "co_chair"),
        ("deutschland", "initiative:stockholm-initiative", "member"),
        ("suedkorea", "initiative:stockholm-initiative", "member"),
        ("italien", "event:small-group-anti-is-koalition-videokonferenz-2020-06-04", "host"),
        ("kasachstan", "event:astana-international-forum-2025", "host"),
        ("heiko-maas", "event:allianz-multilateralismus-ministertreffen-2020", "host"),
        (
            "deutschland",
            "initiative:un-regionalzentrum-sdgs-zentralasien-afghanistan",
            "co_sponsor",
        ),
        ("daniel-haas", "event:partnerschaften2030-side-event-2023-03-27", "participant"),
    ],
)
def test_key_participations_are_recorded(
    curated: Annotations, actor: str, target: str, role: str
) -> None:
    recorded = {
        (
            item.actor,
            f"initiative:{item.initiative}" if item.initiative else f"event:{item.event}",
            item.role,
        )
        for item in curated.participations
    }
    assert (actor, target, role) in recorded


def test_sub_groups_have_their_coalition_as_parent(curated: Annotations) -> None:
    parents = {initiative.slug: initiative.parent for initiative in curated.initiatives}
    assert parents["small-group-anti-is-koalition"] == "anti-is-koalition"
    assert parents["arbeitsgruppe-stabilisierung"] == "anti-is-koalition"


def test_dated_events(curated: Annotations) -> None:
    events = {event.slug: event for event in curated.events}
    forum = events["astana-international-forum-2025"]
    assert (forum.starts, forum.ends, forum.place) == ("2025-05-29", "2025-05-30", "Astana")
    side_event = events["partnerschaften2030-side-event-2023-03-27"]
    assert (side_event.starts, side_event.virtual) == ("2023-03-27", True)
    assert events["allianz-multilateralismus-ministertreffen-2020"].starts == "2020-09-25"


# --- the checks catch broken annotations ----------------------------------------------------


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    """A writable copy of the annotation folder, to break on purpose."""
    folder = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of ``old`` in ``path``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, index) + 1


def _messages(folder: Path, texts: dict[str, str]) -> list[Problem]:
    return check_annotations(load_annotations(folder), texts)


def test_unknown_key_is_reported_with_its_line(broken_copy: Path, texts: dict[str, str]) -> None:
    line = _replace(
        broken_copy / "actors.yaml", "    kind: state\n", "    kind: state\n    capital: x\n"
    )
    problems = _messages(broken_copy, texts)
    assert any(
        problem.file == "actors.yaml" and problem.line == line + 1 and "capital" in problem.message
        for problem in problems
    ), _report(problems)


def test_bad_enum_value_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    line = _replace(broken_copy / "participations.yaml", "role: co_chair", "role: boss")
    problems = _messages(broken_copy, texts)
    assert [(p.file, p.line) for p in problems if "role" in p.message] == [
        ("participations.yaml", line)
    ]


def test_bad_partial_date_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    _replace(broken_copy / "events.yaml", "starts: 2025-05-29", 'starts: "2025-13"')
    assert any("partial ISO date" in p.message for p in _messages(broken_copy, texts))


def test_wrong_mention_offset_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    line = _replace(broken_copy / "documents.yaml", "start: 29, end: 50", "start: 30, end: 51")
    problems = _messages(broken_copy, texts)
    assert any(p.line == line and "not 'UN-Generalversammlung'" in p.message for p in problems)


def test_missing_quote_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    _replace(broken_copy / "participations.yaml", "Gastgeber Heiko Maas", "Gastgeberin Heiko Maas")
    assert any("quote not found" in p.message for p in _messages(broken_copy, texts))


def test_ambiguous_quote_needs_occurrence(broken_copy: Path, texts: dict[str, str]) -> None:
    _replace(
        broken_copy / "participations.yaml",
        'quote: "Gastgeber Heiko Maas betonte"',
        'quote: "Allianz für den Multilateralismus"',
    )
    problems = _messages(broken_copy, texts)
    assert any("add occurrence" in p.message for p in problems)
    _replace(
        broken_copy / "participations.yaml",
        'quote: "Allianz für den Multilateralismus"',
        'quote: "Allianz für den Multilateralismus"\n      occurrence: 2',
    )
    assert _messages(broken_copy, texts) == []


def test_unknown_reference_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    _replace(broken_copy / "affiliations.yaml", "organization: irak", "organization: iraq")
    assert any("unknown actor 'iraq'" in p.message for p in _messages(broken_copy, texts))


def test_duplicate_slug_and_shared_alias_are_reported(
    broken_copy: Path, texts: dict[str, str]
) -> None:
    _replace(broken_copy / "actors.yaml", "slug: syrien", "slug: irak")
    _replace(broken_copy / "actors.yaml", "aliases: [Blok]", "aliases: [Maas]")
    messages = [p.message for p in _messages(broken_copy, texts)]
    assert any("duplicate actors slug 'irak'" in message for message in messages)
    assert any("'maas' also belongs to actor:heiko-maas" in message for message in messages)


def test_duplicate_yaml_key_is_reported(broken_copy: Path, texts: dict[str, str]) -> None:
    line = _replace(broken_copy / "topics.yaml", "topics:\n", "topics: []\ntopics:\n")
    problems = _messages(broken_copy, texts)
    assert any(p.line == line + 1 and "given twice" in p.message for p in problems)


def test_completeness_flags_an_unannotated_name(
    curated: Annotations, texts: dict[str, str]
) -> None:
    document = curated.documents[0]
    extended = dict(texts)
    extended[document.file] = texts[document.file] + "\n\nDazu sprach Olaf Scholz mit der WHO."
    problems = check_completeness(curated, extended, read_word_list(LEXICON))
    flagged = {problem.message.split("'")[1] for problem in problems}
    assert flagged == {"Olaf Scholz", "WHO"}


# --- name candidates and mention proposals -----------------------------------------------------


def test_name_candidates_by_rule() -> None:
    text = (
        "Gestern traf Außenminister Heiko Maas die Vertreter der EU und von "
        "Partnerschaften2030 bei der International Solar Alliance in der Hauptstadt."
    )
    found = {(candidate.text, candidate.rule) for candidate in find_name_candidates(text)}
    assert found == {
        ("Heiko Maas", "capitalised_run"),
        ("EU", "acronym"),
        ("Partnerschaften2030", "inner_capital"),
        ("International Solar Alliance", "capitalised_run"),
    }


def test_sentence_start_and_german_compounds_are_not_names() -> None:
    text = "Die Multi-Akteurs-Partnerschaften wachsen. Gemeinsame Erklärungen folgen."
    assert find_name_candidates(text) == []


def test_connectors_join_english_names() -> None:
    text = "Vorgestellt wurden die Berlin Principles on One Health und anderes."
    texts = [candidate.text for candidate in find_name_candidates(text)]
    assert texts == ["Principles on One Health"]  # "Berlin" ends like a German noun: trimmed


def test_ordinary_words_trim_runs() -> None:
    text = "Sie tagten in der Hauptstadt Kasachstans."
    assert [c.text for c in find_name_candidates(text)] == ["Hauptstadt Kasachstans"]
    trimmed = find_name_candidates(text, frozenset({"Hauptstadt"}))
    assert [c.text for c in trimmed] == ["Kasachstans"]


@pytest.mark.parametrize(
    ("word", "german"),
    [
        ("Außenminister", True),
        ("Zusammenarbeit", True),
        ("Gemeinsamen", True),
        ("April", True),
        ("Heiko", False),
        ("Maas", False),
        ("Alliance", False),
        ("Kyung-wha", False),
    ],
)
def test_looks_german(word: str, german: bool) -> None:
    assert looks_german(word) is german


def test_propose_mentions_prefers_longest_and_respects_case() -> None:
    text = "Die UN-Generalversammlung und die UN; IS ist nicht is."
    names = {
        "UN": "actor:vereinte-nationen",
        "UN-Generalversammlung": "actor:un-generalversammlung",
        "IS": "actor:islamischer-staat",
    }
    proposed = [(m.entity, m.text, m.start) for m in propose_mentions(text, names)]
    assert proposed == [
        ("actor:un-generalversammlung", "UN-Generalversammlung", 4),
        ("actor:vereinte-nationen", "UN", 34),
        ("actor:islamischer-staat", "IS", 38),
    ]
