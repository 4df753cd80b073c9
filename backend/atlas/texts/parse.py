"""Turn a raw scraped text (press release, article, news item) into a :class:`ParsedText`.

The parser is a pure function of the raw text: no database, no network, no per-file rules. It
recognises the site chrome of the sources the directory ingests (the Federal Foreign Office's
pages, news aktuell's ots wire, the Partnerschaften2030 site) and generic patterns (headers,
date lines, datelines, captions with photo credits, teaser lists).

Decisions worth knowing:

* **Publication date.** An explicit publication marker wins: the ``date yyyy[-mm[-dd]]`` header
  of scraped texts, then a ``dd.mm.yyyy - <Kind>`` date line. Only a text without either falls
  back to the dates in its body (first day-precision date, else first month-and-year date),
  on the reasoning that news items report on an event shortly after it. A date in the body of a
  text that has a header is an *event* date and does not replace the header, even when it is more
  precise: text 000 (header ``2020-09``) reports the ministerial meeting "vom 25. September 2020"
  in the past tense, so it was published on or after that day; the publication date stays
  September 2020 with month precision, and the meeting's day belongs to the event.
* **Clean text** keeps the article's own characters (typographic quotes, ``*innen``, en dashes)
  so that offsets into it can serve as evidence spans. Only whitespace is normalised: line
  endings become ``\\n``; inside a line, runs of spaces, tabs and no-break spaces become one
  space (the no-break spaces in scraped texts are link-boundary artefacts, and a plain space keeps
  quotes typeable in the annotation files); lines are stripped; paragraphs are separated by
  exactly one blank line.
* **Captions.** A paragraph containing a photo credit (``©``, ``Foto:``) goes to ``captions``,
  all its lines (alt text and caption). A single-line paragraph without closing punctuation
  directly before a single-line credit paragraph is that image's alt text and goes with it.
* **Duplicates.** A paragraph that repeats an earlier paragraph, or the concatenation of
  consecutive earlier paragraphs (a teaser repeated as the body's lead), is dropped; the first
  occurrence stays.
* **Title.** The headline when the text opens with one (a single line without closing
  punctuation, followed by more text); otherwise the first sentence, shortened at a word
  boundary to at most 100 characters. Curated titles can override this (seeds/annotations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from atlas.models.enums import DatePrecision, DocumentKind
from atlas.texts.dates import best_body_date, make_date, parse_iso_partial

TITLE_MAX_LENGTH: Final = 100


@dataclass(frozen=True)
class ParsedText:
    """What the parser reads out of one raw text."""

    title: str | None
    publisher: str | None
    kind: DocumentKind
    language: str
    published_on: date | None
    date_precision: DatePrecision | None
    place: str | None
    clean_text: str
    captions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SiteMarker:
    """A line of site chrome that identifies where a text was published."""

    line: str
    publisher: str
    kind: DocumentKind | None


SITE_MARKERS: Final = (
    SiteMarker("Willkommen auf den Seiten des Auswärtigen Amts", "Auswärtiges Amt", None),
    SiteMarker("Inside Partnerschaften2030", "Partnerschaften2030", DocumentKind.news),
)

# Lines that are navigation, never content.
CHROME_LINES: Final = frozenset({"nach oben", "Seite drucken", "Seite teilen", "Drucken"})

# Lines after which only chrome follows: tag lists, teaser lists, wire contact blocks.
CUT_MARKERS: Final = re.compile(
    r"^(?:Schlagworte|Das könnte Sie auch interessieren|Mehr zum Thema|Pressekontakt"
    r"|Original-Content von)\b.*$",
    re.IGNORECASE,
)

# Editorial placeholders left in by the content system, e.g. "(INTERNER LINK ZU …)".
PLACEHOLDER: Final = re.compile(
    r"\s*\((?:INTERNER |EXTERNER )?(?:LINK|BILD|FOTO|GRAFIK|VIDEO|PLATZHALTER|TODO)\b[^)]*\)"
)

HEADER: Final = re.compile(r"\A\s*date:?[ \t]+(\d{4}(?:-\d{1,2}){0,2})(?![\d-])[ \t]*")

KIND_WORDS: Final[dict[str, DocumentKind]] = {
    "pressemitteilung": DocumentKind.press_release,
    "pressemeldung": DocumentKind.press_release,
    "press release": DocumentKind.press_release,
    "artikel": DocumentKind.article,
    "article": DocumentKind.article,
    "nachricht": DocumentKind.news,
    "meldung": DocumentKind.news,
    "news": DocumentKind.news,
    "aktuelles": DocumentKind.news,
    "rede": DocumentKind.speech,
    "speech": DocumentKind.speech,
    "interview": DocumentKind.interview,
    "bericht": DocumentKind.report,
    "report": DocumentKind.report,
}

DATE_KIND_LINE: Final = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s*[-\u2013\u2014]\s*([^\W\d_]+(?: [^\W\d_]+)?)$", re.MULTILINE
)

# "Berlin/Astana (ots) - Text": place, then the wire's tag, then optionally the first sentence.
WIRE_DATELINE: Final = re.compile(
    r"^(?P<place>[^\W\d_][^\n()]{0,80}?)\s*\(ots\)\s*[-\u2013\u2014]?\s*(?P<rest>.*)$", re.MULTILINE
)
WIRE_SENDER: Final = re.compile(
    r"Original-Content von:\s*(?P<sender>[^,\n]+?)\s*,\s*übermittelt durch news aktuell"
)

# "erklärte … heute (04.06.) in Den Haag": the place a statement was made.
STATEMENT_PLACE: Final = re.compile(
    r"\bheute(?:\s*\(\d{1,2}\.\d{1,2}\.(?:\d{2,4})?\))?\s+in\s+"
    r"(?P<place>[A-ZÄÖÜ][\w-]*(?:[ /][A-ZÄÖÜ][\w-]*)*)"
)

CREDIT: Final = re.compile(r"©|^(?:Foto|Bild|Photo)\s*:", re.MULTILINE)

# A sentence may end inside closing quotes or a parenthesis (German closing quotes are U+201C
# and U+2018, English ones U+201D and U+2019).
SENTENCE_END: Final = re.compile(r"[.!?\u2026][\"\u201c\u201d'\u2018\u2019)]*$")


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable word lists."""
    return frozenset(words.split())


# Words that end a sentence only in appearance: abbreviations followed by a full stop.
ABBREVIATIONS: Final = frozenset(
    {"sog", "bzw", "ca", "dr", "nr", "vgl", "z", "b", "u", "a", "d", "h", "st", "prof", "etc"}
)

# Words a shortened title should not end on.
DANGLING_WORDS: Final = _word_set(
    "der die das den dem des ein eine einen einem einer eines und oder sowie mit im in am an"
    " auf für von vom zu zur zum bei über unter nach aus durch gegen um als wie the a an of and"
    " or for to in on at by with as"
)
_TRAILING_PUNCTUATION: Final = ",;:-\u2013\u2014"

# Frequent function words, enough to tell German from English prose.
_GERMAN_MARKERS: Final = _word_set(
    "der die das und ist nicht mit für von den dem des sich auf eine ein zu im auch wird"
)
_ENGLISH_MARKERS: Final = _word_set(
    "the and is are of to with for from this that on by was were has have will be"
)
_HORIZONTAL_SPACE: Final = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def normalise_whitespace(raw: str) -> str:
    """Normalise line endings and horizontal whitespace, keeping every other character.

    Line endings become ``\\n``, a byte-order mark is dropped, runs of spaces, tabs and no-break
    spaces inside a line become one space, and each line is stripped.
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))


def split_header(text: str) -> tuple[tuple[date, DatePrecision] | None, str]:
    """Split off a leading ``date yyyy[-mm[-dd]]`` header; it may run into the first sentence.

    Returns the header's date and precision (None when there is no valid header) and the text
    without the header.
    """
    match = HEADER.match(text)
    if match is None:
        return None, text
    parsed = parse_iso_partial(match.group(1))
    if parsed is None:
        return None, text
    return parsed, text[match.end() :]


def parse_date_kind_line(text: str) -> tuple[date, DocumentKind] | None:
    """Read a ``dd.mm.yyyy - Pressemitteilung`` line: the publication day and the text's kind."""
    for match in DATE_KIND_LINE.finditer(text):
        day, month, year, kind_word = match.groups()
        value = make_date(int(year), int(month), int(day))
        if value is not None:
            return value, KIND_WORDS.get(kind_word.lower(), DocumentKind.other)
    return None


def parse_published_date(raw: str) -> tuple[date | None, DatePrecision | None]:
    """The publication date a text states, with its precision.

    Priority: the ``date`` header, then a ``dd.mm.yyyy - <Kind>`` line, then the most precise
    date in the article body (see the module docstring for why body dates come last).
    """
    header, text = split_header(normalise_whitespace(raw))
    if header is not None:
        return header
    date_line = parse_date_kind_line(text)
    if date_line is not None:
        return date_line[0], DatePrecision.day
    found = best_body_date(strip_site_chrome(raw))
    if found is None:
        return None, None
    return found.value, found.precision


def detect_publisher(raw: str) -> str | None:
    """The publisher named by the site chrome, or the sender of a wire release if stated."""
    text = normalise_whitespace(raw)
    lines = set(text.split("\n"))
    for marker in SITE_MARKERS:
        if marker.line in lines:
            return marker.publisher
    sender = WIRE_SENDER.search(text)
    return sender.group("sender") if sender else None


def detect_kind(raw: str) -> DocumentKind:
    """The kind of text: from a date/kind line, the ots wire tag, or the site; else "other"."""
    _, text = split_header(normalise_whitespace(raw))
    date_line = parse_date_kind_line(text)
    if date_line is not None:
        return date_line[1]
    if WIRE_DATELINE.search(text):
        return DocumentKind.press_release
    lines = set(text.split("\n"))
    for marker in SITE_MARKERS:
        if marker.line in lines and marker.kind is not None:
            return marker.kind
    return DocumentKind.other


def detect_place(raw: str) -> str | None:
    """The dateline place: a wire dateline's place, else where a statement was made "heute"."""
    _, text = split_header(normalise_whitespace(raw))
    wire = WIRE_DATELINE.search(text)
    if wire is not None:
        return wire.group("place")
    # Only the opening paragraphs: further down "heute in …" is narrative, not a dateline.
    opening = "\n\n".join(_blocks(strip_site_chrome(raw))[:3])
    statement = STATEMENT_PLACE.search(opening)
    return statement.group("place") if statement else None


def strip_site_chrome(raw: str) -> str:
    """The text without chrome: header, site markers, date/kind line, wire dateline, navigation,
    tag and teaser lists (and everything after them) and editorial placeholders.

    Headline, captions and duplicates are still in; paragraphs are separated by one blank line.
    """
    _, text = split_header(normalise_whitespace(raw))
    marker_lines = {marker.line for marker in SITE_MARKERS}
    kept: list[str] = []
    dateline_seen = date_line_seen = False
    for line in text.split("\n"):
        if CUT_MARKERS.match(line):
            break
        if line in marker_lines or line in CHROME_LINES:
            continue
        if not date_line_seen and DATE_KIND_LINE.fullmatch(line):
            date_line_seen = True
            continue
        wire = None if dateline_seen else WIRE_DATELINE.fullmatch(line)
        if wire is not None:
            dateline_seen = True
            line = wire.group("rest")
        kept.append(PLACEHOLDER.sub("", line))
    return "\n\n".join("\n".join(block) for block in _group_blocks(kept))


def _group_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _blocks(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block]


def _ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def split_captions(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Separate image alt texts, captions and photo credits from the body paragraphs.

    Returns ``(body, captions)``; captions are single lines in text order.
    """
    is_caption = [bool(CREDIT.search(paragraph)) for paragraph in paragraphs]
    for index in range(1, len(paragraphs)):
        previous = paragraphs[index - 1]
        # An alt text stands alone right before a credit paragraph that has no description of
        # its own. The first paragraph is never taken: that is where a headline stands.
        if (
            is_caption[index]
            and "\n" not in paragraphs[index]
            and index - 1 > 0
            and not is_caption[index - 1]
            and "\n" not in previous
            and not _ends_sentence(previous)
        ):
            is_caption[index - 1] = True
    body = [p for p, caption in zip(paragraphs, is_caption, strict=True) if not caption]
    captions = [
        line
        for p, caption in zip(paragraphs, is_caption, strict=True)
        if caption
        for line in p.split("\n")
    ]
    return body, captions


def split_headline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Take the headline off the front: a single line without closing punctuation, followed by
    more text. Returns ``(headline or None, remaining paragraphs)``."""
    if len(paragraphs) >= 2:
        first = paragraphs[0]
        if "\n" not in first and not _ends_sentence(first) and len(first) <= 200:
            return first, paragraphs[1:]
    return None, paragraphs


def drop_duplicate_paragraphs(paragraphs: list[str]) -> list[str]:
    """Drop paragraphs repeating an earlier paragraph or a run of consecutive earlier ones."""
    kept: list[str] = []
    flat: list[str] = []  # kept paragraphs with line breaks flattened, for comparison
    for paragraph in paragraphs:
        candidate = " ".join(paragraph.split())
        repeated = any(
            " ".join(flat[first:last]) == candidate
            for first in range(len(flat))
            for last in range(first + 1, len(flat) + 1)
        )
        if not repeated:
            kept.append(paragraph)
            flat.append(candidate)
    return kept


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (without its closing full stop), ignoring abbreviations
    such as "sog." and ordinal numbers such as "27."."""
    paragraph = text.split("\n\n", 1)[0].replace("\n", " ")
    for match in re.finditer(r"[.!?](?=\s+[\"\u201e\u201c\u201a'(]?[A-ZÄÖÜ0-9])", paragraph):
        before = paragraph[: match.start()]
        last_word = re.split(r"[\s(]", before)[-1]
        if match.group() == "." and (
            last_word.isdigit() or last_word.lower().rstrip(".") in ABBREVIATIONS
        ):
            continue
        return before if match.group() == "." else paragraph[: match.end()]
    return paragraph.rstrip(".")


def shorten_title(text: str, limit: int = TITLE_MAX_LENGTH) -> str:
    """Shorten ``text`` at a word boundary to at most ``limit`` characters, ending with "…".

    Trailing articles, prepositions and conjunctions are dropped so the title does not dangle.
    """
    if len(text) <= limit:
        return text
    words = text[: limit - 1].split(" ")
    if len(text) > limit - 1 and text[limit - 1] != " ":
        words = words[:-1]  # the last word was cut in the middle
    while len(words) > 1 and (
        words[-1].lower() in DANGLING_WORDS or not words[-1].strip(_TRAILING_PUNCTUATION)
    ):
        words.pop()
    return " ".join(words).rstrip(_TRAILING_PUNCTUATION + " ") + "…"


def derive_title(clean_text: str) -> str | None:
    """A short title for a text without a headline: its first sentence, shortened if needed."""
    if not clean_text:
        return None
    return shorten_title(first_sentence(clean_text))


def detect_language(text: str) -> str:
    """``"en"`` when English function words outnumber German ones, else ``"de"``.

    Texts too short to tell are taken as German, the language of the directory's sources.
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    german = sum(word in _GERMAN_MARKERS for word in words)
    english = sum(word in _ENGLISH_MARKERS for word in words)
    return "en" if english > german else "de"


def parse_text(raw: str) -> ParsedText:
    """Parse a raw text into title, publisher, kind, language, date, place, clean text and
    captions. See the module docstring for the rules."""
    paragraphs = _blocks(strip_site_chrome(raw))
    body, captions = split_captions(paragraphs)
    headline, body = split_headline(body)
    clean_text = "\n\n".join(drop_duplicate_paragraphs(body))
    published_on, precision = parse_published_date(raw)
    return ParsedText(
        title=headline if headline is not None else derive_title(clean_text),
        publisher=detect_publisher(raw),
        kind=detect_kind(raw),
        language=detect_language(clean_text),
        published_on=published_on,
        date_precision=precision,
        place=detect_place(raw),
        clean_text=clean_text,
        captions=captions,
    )
