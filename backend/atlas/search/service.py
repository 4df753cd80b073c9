"""Search and completion over the index: what `/api/v1/search`, `/api/v1/suggest`, `q` on every
list and the CLI share.

A query is parsed into clauses (words and quoted phrases, every one required); the engine finds
and ranks the entries that contain them all. Three things are added to what the engine finds:
entities whose names are close to a query word (typos: Kasachstn), entities whose names the
query matches, and the documents that mention those entities however the text spells them
(Tokayev finds the text about Tokajew). The final score is computed here, the same on every
engine: a name match beats a passing mention, a title beats a body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from atlas.errors import InvalidQuery
from atlas.models import Document, Mention, ReviewStatus
from atlas.search import analysis, engines
from atlas.search.engines import Clause, engine_for
from atlas.search.index import SOURCES, entry_table, key_table, trigram_table

SEARCH_TYPES: Final = ("document", "actor", "initiative", "event")
ENTITY_TYPES: Final = ("actor", "initiative", "event")
_ENTITY_CODES: Final = frozenset(engines.TYPE_CODES[type_] for type_ in ENTITY_TYPES)
MAX_CLAUSES: Final = 12
# How many of the engine's matches are candidates (entities first, then the newest documents);
# the engine ranks a query's matches when they are no more (see _matched).
WINDOW: Final = 1000
MAX_QUERY_LENGTH: Final = 1000
# How many of the engine's best matches are scored here; the rest only count.
CANDIDATES: Final = 200
# A name word this close to a query word counts as a typo of it (trigram similarity).
TYPO_SIMILARITY: Final = 0.45
# A query word this close to a name word is also searched in the name's spelling.
CORRECTION_SIMILARITY: Final = 0.5
# Typos are looked for when the query as typed finds fewer entries than this.
TYPO_CHECK_BELOW: Final = 20
SNIPPET_LENGTH: Final = 220
COMPLETION_KEYS: Final = 400
_PHRASE: Final = re.compile(r'"([^"]*)"')
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
# The column of a mention that points at each type of entity.
MENTION_COLUMNS: Final = {"actor": "actor_id", "initiative": "initiative_id", "event": "event_id"}


@dataclass(frozen=True)
class Query:
    text: str
    clauses: tuple[Clause, ...]
    words: tuple[str, ...]  # the unquoted words, for typo matching

    @cached_property
    def meaningful_terms(self) -> int:
        """How many of its terms are not stopwords (see `_names_match`)."""
        return sum(1 for c in self.clauses for term in c.terms if term not in _STOP_TERMS)


def parse_query(q: str) -> Query:
    """Clauses from a query string: quoted phrases as phrases, other words each on their own.

    Nothing of the string becomes query syntax; words the query may leave out (articles,
    prepositions) are dropped unless they are all there is.
    """
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidQuery("q", f"the query is longer than {MAX_QUERY_LENGTH} characters")
    text = " ".join(_CONTROL.sub(" ", q).split())
    clauses: list[Clause] = []
    for phrase in _PHRASE.findall(text):
        terms = tuple(analysis.term(word) for word in analysis.words(phrase))
        if terms:
            clauses.append(Clause(terms))
    loose = analysis.words(_PHRASE.sub(" ", text).replace('"', " "))
    meaningful = [word for word in loose if analysis.fold(word) not in analysis.STOPWORDS]
    chosen = meaningful or loose
    for word in chosen:
        clause = Clause.word(analysis.term(word))
        if clause not in clauses:
            clauses.append(clause)
    if not clauses:
        raise InvalidQuery("q", "the query has no words to search for")
    return Query(text, tuple(clauses[:MAX_CLAUSES]), tuple(meaningful))


# --- finding -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    entry_id: int
    type: str
    record_id: int
    slug: str
    name: str
    kind: str | None
    names: list[str]
    rank: float = 0.0  # the engine's, 0 when the engine did not find it
    typo: float = 0.0  # best similarity of a name word to a query word
    mentions: int = 0  # mentions of named entities (documents)
    mentioned: list[int] = field(default_factory=list)  # entry ids of those entities
    adjacent: bool = False  # the query's words stand side by side, in the query's order
    score: float = 0.0


@dataclass
class SearchResult:
    candidates: list[Candidate]
    total: int
    counts: dict[str, int]


_ENTRY_COLUMNS = tuple(entry_table.c[name] for name in engines.ENTRY_COLUMNS.split(", "))


def _candidate(row: Any, rank: float = 0.0) -> Candidate:
    return Candidate(row[0], row[1], row[2], row[3], row[4], row[5], row[6].split("\n"), rank)


def find(connection: Connection, query: Query, types: Sequence[str]) -> SearchResult:
    """Every entry of the given types the query finds, scored (best first), with counts per
    type over all search types."""
    index = engine_for(connection)
    matched, window, typos, query = _matched(connection, index, query)
    wanted = {engines.TYPE_CODES[type_] for type_ in types}
    chosen = [entry_id for entry_id in window if entry_id >> engines.ID_BITS in wanted]
    found = _entries(connection, chosen[:CANDIDATES], window)
    named = _named_entities(connection, query, window, typos, found)
    for entry_id, candidate in named.items():
        found.setdefault(entry_id, candidate)
    counts: dict[str, int] = defaultdict(int, matched.counts)
    for entry_id in typos:
        if entry_id not in window:
            counts[engines.type_of(entry_id)] += 1
    mentioning = _mentioning_documents(connection, named)
    if mentioning is not None:
        # Documents that mention a named entity count once, whether the text matched or not:
        # those the engine did not match are added. (One statement asking for the matches or the
        # mentions has each database test the query on every document: 0.1 to 1 s.)
        mentioned = connection.execute(mentioning.entry_ids).scalars().all()
        if mentioned:
            also_matched = index.among(connection, query.clauses, mentioned)
            counts["document"] += len(mentioned) - len(also_matched)
        for entry_id, candidate in mentioning.candidates.items():
            found.setdefault(entry_id, candidate)
            found[entry_id].mentions = candidate.mentions
            found[entry_id].mentioned = candidate.mentioned
    chosen_types = set(types)
    hits = [candidate for candidate in found.values() if candidate.type in chosen_types]
    for entry_id in _adjacent(connection, index, query, [hit.entry_id for hit in hits]):
        found[entry_id].adjacent = True
    ranked = _score(hits, query)
    total = sum(counts[type_] for type_ in types)
    return SearchResult(ranked, total, {t: counts[t] for t in SEARCH_TYPES if counts[t]})


def _matched(
    connection: Connection, index: Any, query: Query
) -> tuple[engines.Matches, dict[int, float], dict[int, tuple[Any, float]], Query]:
    """What the engine matches (the first ids and the counts per type), the window of them that
    is ranked ({entry id: rank}, best first), and the typos looked for when the query finds
    little as typed: then the entities whose names come close to its words, and the query with
    each word that is close to a name word also searched in that spelling (Multilateralismuss).
    A misspelt name finds nothing, or only what its stem happens to match (Guteres → gut); a
    query that finds much is taken as meant.

    The window is the first WINDOW matches: entities, then the newest documents. When it holds
    every match, the engine ranks them; a broader query is ranked by names, entities and
    closeness, then by recency, as the engine's ranking counts, for each term, the entries that
    hold it, which costs as much as the term is common (3 ms a query at 100,000 documents).
    """
    matched = index.matching(connection, query.clauses, WINDOW)
    typos: dict[int, tuple[Any, float]] = {}
    if matched.total < TYPO_CHECK_BELOW:
        typos, corrections = _close_names(connection, query.words)
        if corrections:
            query = _corrected(query, corrections)
            matched = index.matching(connection, query.clauses, WINDOW)
    window = matched.first[:WINDOW]
    if not window or matched.total > WINDOW:
        return matched, dict.fromkeys(window, 0.0), typos, query  # newest first
    ranks = dict.fromkeys(window, 0.0)
    ranks.update(index.ranks(connection, query.clauses))
    # Best rank first, then the higher id (the newer document).
    ordered = sorted(((rank, entry_id) for entry_id, rank in ranks.items()), reverse=True)
    return matched, {entry_id: rank for rank, entry_id in ordered}, typos, query


def _named_entities(
    connection: Connection,
    query: Query,
    window: dict[int, float],
    typos: dict[int, tuple[Any, float]],
    loaded: dict[int, Candidate],
) -> dict[int, Candidate]:
    """The entities the query names: every clause in one of their names (among the window's
    entities), or a name word it misspells. `loaded` are candidates already read."""
    entities = [e for e in window if e >> engines.ID_BITS in _ENTITY_CODES][:CANDIDATES]
    read = {**loaded, **_entries(connection, [e for e in entities if e not in loaded], window)}
    named = {e: read[e] for e in entities if e in read and _names_match(read[e], query)[0]}
    for entry_id, (row, similarity) in typos.items():
        candidate = named.setdefault(entry_id, read.get(entry_id) or _candidate(row))
        candidate.typo = similarity
    return named


def _entries(
    connection: Connection, entry_ids: Sequence[int], ranks: dict[int, float]
) -> dict[int, Candidate]:
    """The candidates of these entries, with their engine ranks."""
    rows = engines.entries(connection, sorted(set(entry_ids)))
    return {row[0]: _candidate(row, ranks.get(row[0], 0.0)) for row in rows}


def _adjacent(connection: Connection, index: Any, query: Query, entry_ids: list[int]) -> set[int]:
    """Entries where the query's words (two or more, unquoted) stand side by side: several words
    rank higher where they are close."""
    words = [clause for clause in query.clauses if len(clause.terms) == 1]
    if len(words) < 2 or not entry_ids:
        return set()
    together = Clause(tuple(clause.terms[0] for clause in words))
    return set(index.among(connection, [together], entry_ids))


def _corrected(query: Query, corrections: dict[str, str]) -> Query:
    clauses = []
    for clause in query.clauses:
        better = tuple(
            corrected
            for word, corrected in corrections.items()
            if clause.terms == (analysis.term(word),) and corrected not in clause.terms
        )
        clauses.append(replace(clause, alternatives=better) if better else clause)
    return replace(query, clauses=tuple(clauses))


def _close_names(
    connection: Connection, words: Sequence[str]
) -> tuple[dict[int, tuple[Any, float]], dict[str, str]]:
    """Entities with a name word close to every long query word (trigram similarity, the best
    word's), and for each long word the term of the closest name word when it is spelled
    otherwise."""
    long_words = [word for word in words if len(word) >= 4][:6]
    if not long_words:
        return {}, {}
    best: dict[int, tuple[Any, list[float]]] = {}
    nearest: dict[str, tuple[float, str]] = {}
    for position, word in enumerate(long_words):
        grams = sorted(analysis.trigrams(word))
        shared = sa.func.count().label("shared")
        closest = (
            sa.select(trigram_table.c.entry_id)
            .where(trigram_table.c.trigram.in_(grams))
            .group_by(trigram_table.c.entry_id)
            .having(shared >= max(2, int(len(grams) * TYPO_SIMILARITY)))
            .order_by(shared.desc(), trigram_table.c.entry_id)
            .limit(50)
        )
        rows = connection.execute(
            sa.select(*_ENTRY_COLUMNS).where(entry_table.c.id.in_(closest.scalar_subquery()))
        ).all()
        for row in rows:
            similarity, name_word = max(
                (
                    (analysis.similarity(word, name_word), name_word)
                    for name in row[6].split("\n")
                    for name_word in analysis.words(name)
                ),
                default=(0.0, ""),
            )
            if similarity >= TYPO_SIMILARITY:
                entry = best.setdefault(row[0], (row, [0.0] * len(long_words)))
                entry[1][position] = max(entry[1][position], similarity)
                if similarity > nearest.get(word, (0.0, ""))[0]:
                    nearest[word] = (similarity, name_word)
    corrections = {}
    for word, (similarity, name_word) in nearest.items():
        spelled, known = analysis.term(word), analysis.term(name_word)
        if similarity >= CORRECTION_SIMILARITY and not known.startswith(spelled):
            corrections[word] = known
    matches = {
        entry_id: (row, min(scores)) for entry_id, (row, scores) in best.items() if all(scores)
    }
    return matches, corrections


@dataclass
class Mentioning:
    """The documents that mention some entities: the best-mentioning ones as candidates, and
    all of them as SELECTs (of entry ids, of document ids) for counting and filtering."""

    candidates: dict[int, Candidate]
    entry_ids: Any
    document_ids: Any


def _mentioning_documents(
    connection: Connection, entities: dict[int, Candidate]
) -> Mentioning | None:
    """The documents that mention any of the entities (mentions not rejected); as candidates
    only the CANDIDATES with the most such mentions (a state may be mentioned thousands of
    times)."""
    entity_entry = {
        (candidate.type, candidate.record_id): candidate.entry_id
        for candidate in entities.values()
        if candidate.type in MENTION_COLUMNS
    }
    if not entity_entry:
        return None
    mention = Mention.__table__  # type: ignore[attr-defined]
    by_type: dict[str, list[int]] = defaultdict(list)
    for type_, record_id in entity_entry:
        by_type[type_].append(record_id)
    mentions = sa.and_(
        mention.c.status != ReviewStatus.rejected.value,
        sa.or_(*(mention.c[MENTION_COLUMNS[t]].in_(ids) for t, ids in by_type.items())),
    )
    document_ids = sa.select(mention.c.document_id).where(mentions)
    entry_ids = sa.select(entry_table.c.id).where(
        entry_table.c.type == "document", entry_table.c.record_id.in_(document_ids)
    )
    counted = sa.func.count().label("mentions")
    best = connection.execute(
        sa.select(mention.c.document_id, counted)
        .where(mentions)
        .group_by(mention.c.document_id)
        .order_by(counted.desc(), mention.c.document_id)
        .limit(CANDIDATES)
    ).all()
    candidates: dict[int, Candidate] = {}
    if best:
        counts: dict[int, int] = {row[0]: row[1] for row in best}
        rows = connection.execute(
            sa.select(*_ENTRY_COLUMNS).where(
                entry_table.c.type == "document", entry_table.c.record_id.in_(list(counts))
            )
        ).all()
        by_document: dict[int, Candidate] = {}
        for row in rows:
            candidate = _candidate(row)
            candidate.mentions = counts[candidate.record_id]
            candidates[candidate.entry_id] = by_document[candidate.record_id] = candidate
        for document_id, *targets in connection.execute(
            sa.select(
                mention.c.document_id,
                *(mention.c[column] for column in MENTION_COLUMNS.values()),
            )
            .where(mentions, mention.c.document_id.in_(list(counts)))
            .distinct()
        ):
            for type_, record_id in zip(MENTION_COLUMNS, targets, strict=True):
                entry_id = entity_entry.get((type_, record_id))
                if entry_id is not None and document_id in by_document:
                    by_document[document_id].mentioned.append(entry_id)
    return Mentioning(candidates, entry_ids, document_ids)


# --- scoring -------------------------------------------------------------------------------------


def _names_match(candidate: Candidate, query: Query) -> tuple[bool, bool]:
    """Whether every clause occurs in one of the names, and whether a name is nothing but the
    query (words like "für den" aside)."""
    wanted = query.meaningful_terms
    every, exact = False, False
    for name in candidate.names:
        terms, joined, meaningful = _name_terms(name)
        for clause in query.clauses:
            if not clause.occurs_in(terms, joined):
                break
        else:
            every = True
            exact = exact or meaningful == wanted
    return every, exact


@lru_cache(maxsize=65_536)
def _name_terms(name: str) -> tuple[tuple[str, ...], str, int]:
    """The terms of a name, the same joined (see `Clause.occurs_in`), and how many of them are
    not stopwords (names recur across searches: entities are candidates again and again)."""
    terms = tuple(analysis.terms(name).split())
    joined = " " + " ".join(terms) + " "
    return terms, joined, sum(1 for term in terms if term not in _STOP_TERMS)


_STOP_TERMS: Final = frozenset(analysis.term(word) for word in analysis.STOPWORDS)
# Among equal scores: entities before the documents about them, then the newest first.
_TYPE_ORDER: Final = {"initiative": 0, "actor": 1, "event": 2, "topic": 3, "document": 4}


def _score(candidates: list[Candidate], query: Query) -> list[Candidate]:
    best_rank = max((candidate.rank for candidate in candidates), default=0.0) or 1.0
    for candidate in candidates:
        every, exact = _names_match(candidate, query)
        score = candidate.rank / best_rank  # the engine's view of the text, 0 to 1
        if every:
            score += 6.0  # the name or title has every word
        if exact:
            score += 6.0  # it is the name
        if candidate.typo and not every:
            score += 8.0 * candidate.typo  # a name with a typo
        if candidate.mentions:
            score += 3.0 + min(candidate.mentions, 5) * 0.2  # mentions the named entity
        if candidate.adjacent:
            score += 1.5  # the words side by side
        candidate.score = round(score, 4)
    return sorted(
        candidates,
        key=lambda c: (-c.score, _TYPE_ORDER.get(c.type, 9), -c.entry_id),
    )


@dataclass(frozen=True)
class Hit:
    """One result of a page: the candidate and its snippet."""

    candidate: Candidate
    snippet: Snippet


def search_page(
    connection: Connection, q: str, types: Sequence[str], limit: int, offset: int = 0
) -> tuple[list[Hit], SearchResult]:
    """One page of results with their snippets, and the whole result's counts (what
    GET /api/v1/search and `atlas search query` show)."""
    query = parse_query(q)
    result = find(connection, query, types)
    page = result.candidates[offset : offset + limit]
    found = snippets(connection, page, query)
    return [Hit(candidate, found[candidate.entry_id]) for candidate in page], result


# --- snippets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


def snippet(text: str, query: Query, spans: Iterable[tuple[int, int]] = ()) -> Snippet:
    """The passage of a text around its best cluster of matches, with the matches' offsets in
    the passage. `spans` are more places to mark (mentions of the entities the query names)."""
    marks = set(spans) | _matches_in(text, query)
    ordered = sorted(marks)
    if not ordered:
        cut = _cut(text, 0)
        return Snippet(cut[0], [])
    # The window (of SNIPPET_LENGTH characters) starting at a mark that holds the most marks.
    # The marks are in order of their starts, and none ends before it starts: those of a window
    # are a run that begins at the first mark starting with it and stops at one starting after it.
    best_start, best_count = ordered[0][0], 0
    starts = [s for s, _e in ordered]
    for start, _end in ordered:
        limit = start + SNIPPET_LENGTH
        count = 0
        for s, e in ordered[bisect_left(starts, start) :]:
            if s > limit:
                break
            if e <= limit:
                count += 1
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, best_start - 60)
    passage, offset = _cut(text, begin)
    highlights = [
        (s - offset, e - offset) for s, e in ordered if s >= offset and e <= offset + len(passage)
    ]
    return Snippet(passage, _merged(highlights))


def _matches_in(text: str, query: Query) -> set[tuple[int, int]]:
    """Where the query's clauses occur in a text (character offsets).

    Single words are found with a pattern of their possible spellings and confirmed by their
    term, without analysing the whole text; phrases need the text's terms in order.
    """
    marks: set[tuple[int, int]] = set()
    words = [clause for clause in query.clauses if len(clause.terms) == 1]
    if words:
        subject, lower_case = analysis.skeleton(text)
        for spelling in sorted({spelling for clause in words for spelling in clause.spellings}):
            for match in _word_pattern(spelling, ignore_case=not lower_case).finditer(subject):
                span = match.span()
                if span in marks:  # the word of another spelling, already confirmed
                    continue
                if span[0] and _is_word_character(subject[span[0] - 1]):
                    continue  # inside a word: only a word's start counts (see _word_pattern)
                term = analysis.term(text[span[0] : span[1]])
                if any(clause.occurs_in((term,)) for clause in words):
                    marks.add(span)
    phrases = [clause for clause in query.clauses if len(clause.terms) > 1]
    if phrases:
        tokens = analysis.tokens(text)
        terms = [token.term for token in tokens]
        for clause in phrases:
            for i in clause.matches(terms):
                marks.add((tokens[i].start, tokens[i + len(clause.terms) - 1].end))
    return marks


@lru_cache(maxsize=4096)
def _word_pattern(spelling: str, ignore_case: bool) -> re.Pattern[str]:
    """The words that may spell a term's start (one pattern per term, not per query: terms
    recur across queries, and compiling a pattern costs more than a pass over a text)."""
    # No \b in front: a pattern that begins with its letters is searched for those letters
    # first (several times faster); a match inside a word runs to that word's end, so it hides
    # no word start, and the caller drops it.
    pattern = rf"{analysis.surface_pattern(spelling)}[^\W_]*"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def _is_word_character(character: str) -> bool:
    r"""Whether a regular expression's \w matches the character."""
    return character.isalnum() or character == "_"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping highlights (a mention around a matched word) as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _cut(text: str, begin: int) -> tuple[str, int]:
    """About SNIPPET_LENGTH characters from `begin`, moved to word boundaries; and where the
    passage starts in the text."""
    if begin > 0:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 30 else begin
    end = begin + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    else:
        end = len(text)
    return text[begin:end].replace("\n", " "), begin


def snippets(
    connection: Connection, candidates: Sequence[Candidate], query: Query
) -> dict[int, Snippet]:
    """A snippet for each candidate: a document's passage; an entity's matching name or
    description."""
    result: dict[int, Snippet] = {}
    documents = [c for c in candidates if c.type == "document"]
    if documents:
        document = Document.__table__  # type: ignore[attr-defined]
        texts: dict[int, str] = dict(
            connection.execute(
                sa.select(document.c.id, document.c.clean_text).where(
                    document.c.id.in_([c.record_id for c in documents])
                )
            ).all()
        )
        spans = _mention_spans(connection, documents)
        for candidate in documents:
            result[candidate.entry_id] = snippet(
                texts.get(candidate.record_id, ""), query, spans.get(candidate.record_id, ())
            )
    descriptions = _descriptions(connection, [c for c in candidates if c.type != "document"])
    for candidate in candidates:
        if candidate.type == "document":
            continue
        options = [snippet(name, query) for name in candidate.names]
        description = descriptions.get(candidate.entry_id)
        if description:
            options.append(snippet(description, query))
        result[candidate.entry_id] = max(
            options, key=lambda option: len(option.highlights), default=Snippet(candidate.name, [])
        )
    return result


def _descriptions(connection: Connection, candidates: Sequence[Candidate]) -> dict[int, str]:
    """The descriptions of entities, by entry id (one query per type)."""
    found: dict[int, str] = {}
    by_type: dict[str, dict[int, int]] = defaultdict(dict)
    for candidate in candidates:
        by_type[candidate.type][candidate.record_id] = candidate.entry_id
    for type_, entries in by_type.items():
        table = SOURCES[type_].model.__table__
        if "description" not in table.c:
            continue
        rows = connection.execute(
            sa.select(table.c.id, table.c.description).where(
                table.c.id.in_(list(entries)), table.c.description.is_not(None)
            )
        )
        for record_id, description in rows:
            found[entries[record_id]] = description
    return found


def _mention_spans(
    connection: Connection, documents: Sequence[Candidate]
) -> dict[int, list[tuple[int, int]]]:
    """Offsets of the mentions of the named entities in each document."""
    mention = Mention.__table__  # type: ignore[attr-defined]
    entity_ids = {entry_id for d in documents for entry_id in d.mentioned}
    if not entity_ids:
        return {}
    entities = connection.execute(
        sa.select(entry_table.c.type, entry_table.c.record_id).where(
            entry_table.c.id.in_(entity_ids)
        )
    ).all()
    clauses = [
        mention.c[MENTION_COLUMNS[type_]] == record_id
        for type_, record_id in entities
        if type_ in MENTION_COLUMNS
    ]
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if not clauses:
        return spans
    for document_id, start, end in connection.execute(
        sa.select(mention.c.document_id, mention.c.start, mention.c.end).where(
            mention.c.document_id.in_([d.record_id for d in documents]),
            mention.c.status != ReviewStatus.rejected.value,
            sa.or_(*clauses),
        )
    ):
        spans[document_id].append((start, end))
    return spans


# --- completion ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completion:
    type: str
    slug: str
    name: str
    kind: str | None
    matched: str  # the name or alias that completes the input


def suggest(connection: Connection, q: str, limit: int) -> list[Completion]:
    """Names and aliases of actors, initiatives, events and topics that the input begins (at a
    word start), whole names first, shorter first; typos when nothing begins so.

    Only the first COMPLETION_KEYS keys in alphabetical order are considered, so a very short
    input (two letters) completes from part of its names; each further letter narrows them."""
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidQuery("q", f"the input is longer than {MAX_QUERY_LENGTH} characters")
    key = " ".join(analysis.fold(word) for word in analysis.words(_CONTROL.sub(" ", q)))
    if not key:
        raise InvalidQuery("q", "the input has no letters or digits to complete")
    # The first keys in order (a range scan of the key index that stops early), their entries.
    keys = connection.execute(
        sa.select(key_table.c.entry_id)
        .where(key_table.c.key >= key, key_table.c.key < key + "\U0010ffff")
        .order_by(key_table.c.key)
        .limit(COMPLETION_KEYS)
    ).scalars()
    entry_ids = list(dict.fromkeys(keys))
    rows = engines.entries(connection, entry_ids)
    completions = []
    for row in rows:
        candidate = _candidate(row)
        matched, whole = _completed_name(candidate.names, key)
        completions.append((not whole, len(matched), matched.casefold(), candidate, matched))
    completions.sort(key=lambda item: item[:3])
    found = [
        Completion(c.type, c.slug, c.name, c.kind, matched)
        for *_order, c, matched in completions[:limit]
    ]
    if not found:
        typos, _corrections = _close_names(connection, analysis.words(q))
        for _entry_id, (row, _similarity) in sorted(typos.items(), key=lambda item: -item[1][1]):
            candidate = _candidate(row)
            if len(found) < limit:
                found.append(
                    Completion(
                        candidate.type,
                        candidate.slug,
                        candidate.name,
                        candidate.kind,
                        candidate.name,
                    )
                )
    return found


@lru_cache(maxsize=65_536)
def _folded_name(name: str) -> str:
    """A name as completion keys spell it (names recur: every keystroke completes them anew)."""
    return " ".join(analysis.fold(word) for word in analysis.words(name))


def _completed_name(names: Sequence[str], key: str) -> tuple[str, bool]:
    """The name the key completes, and whether it completes it from its first word."""
    partial = None
    for name in names:
        folded = _folded_name(name)
        if folded.startswith(key):
            return name, True
        if partial is None and (" " + key) in (" " + folded):
            partial = name
    return partial or names[0], False


# --- `q` on lists --------------------------------------------------------------------------------


def list_filter(connection: Connection, q: str) -> Callable[[str, Any], Any]:
    """For `q` on a list: a function turning (a searchable type, a column of record ids of that
    type) into the clause "the query finds this record" (by the engine, by a name with a typo,
    or, for documents, by mentioning an entity the query names). The query is run once, however
    many columns a list searches (a participation by its actor, initiative and event)."""
    index = engine_for(connection)
    matches, window, typos, query = _matched(connection, index, parse_query(q))
    named = _named_entities(connection, query, window, typos, {})
    mentioning = _mentioning_documents(connection, named)
    # Every match is known when the engine read them all (PostgreSQL always does): the list's
    # statements then take them as values. Embedded as a subquery, the match is planned as part
    # of each statement, and PostgreSQL tests a broad query on every row (1.4 s at 100,000
    # documents).
    known = len(matches.first) == matches.total
    matched = None if known else index.ids(query.clauses).subquery("matched")

    @cache  # an affiliation asks twice for actors
    def records(type_: str) -> list[int]:
        found = {c.record_id for c in named.values() if c.type == type_}
        if known:
            found.update(engines.records_of(matches.first, type_))
        return sorted(found)

    def where(type_: str, column: Any) -> Any:
        found: list[Any] = []
        if matched is not None:
            low = engines.entry_id(type_, 0)
            found.append(
                column.in_(
                    sa.select(matched.c.entry_id - low).where(
                        matched.c.entry_id >= low,
                        matched.c.entry_id < low + (1 << engines.ID_BITS),
                    )
                )
            )
        if records(type_):
            found.append(engines.one_of(connection, column, records(type_)))
        if type_ == "document" and mentioning is not None:
            found.append(column.in_(mentioning.document_ids))
        return sa.or_(sa.false(), *found)

    return where
