"""Ways in: bytes from files, folders, standard input or uploads turned into one text each.

Every refusal is a :class:`SourceError` with a short ``reason`` code and a one-line message, so the
command line can print it and carry on with the next file, and the API can answer with a problem
document. Nothing here touches the database.

Decisions worth knowing:

* **Identity.** A document is its text: :attr:`SourceText.sha256` hashes the decoded text with
  only line endings and a byte-order mark normalised. A UTF-8 file with ``\\n`` line endings hashes
  to the same value as its bytes, which is what seeding stores, so ingesting a seed text again is
  recognised as the same document.
* **Decoding.** A byte-order mark decides; else strict UTF-8; else a charset the source declares
  (HTTP header or HTML ``<meta>``); else charset-normalizer's detection. Single-byte texts that
  charset-normalizer finds equally readable in several code pages are read as Windows-1252, the
  superset of Latin-1 that German texts from Windows use.
* **HTML** is reduced to its article with trafilatura and laid out the way
  :func:`atlas.texts.parse.parse_text` reads scraped texts: a ``date yyyy-mm-dd`` header when the
  page's metadata states a publication date, the headline alone on its line, then the paragraphs,
  separated by blank lines.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final, Protocol

import trafilatura
from charset_normalizer import from_bytes

TEXT_SUFFIXES: Final = (".txt", ".text", ".md", ".html", ".htm")
HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
# Declared types that say nothing about HTML or not, so the text's first tag decides.
SNIFFED_TYPES: Final = frozenset({None, "text/plain", "application/octet-stream"})
STDIN_NAME: Final = "<stdin>"

# Leading bytes of the binary formats people most often pick by mistake.
MAGIC_NUMBERS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"{\\rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "program"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"fLaC", "FLAC audio file"),
    (b"\x1aE\xdf\xa3", "Matroska or WebM video"),
)
# RIFF containers (WebP, WAV, AVI) and ISO media (MP4, MOV, HEIC) name their kind further in.
RIFF_KINDS: Final = {b"WEBP": "WebP image", b"WAVE": "WAV audio file", b"AVI ": "AVI video"}

BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Charsets a source declares that browsers read as Windows-1252 (WHATWG Encoding Standard).
WINDOWS_1252_LABELS: Final = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"}
)

_DECLARED_CHARSET: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HTML_START: Final = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_ANY_TAG: Final = re.compile(r"<[A-Za-z!/?]")
_HORIZONTAL_SPACE: Final = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_SENTENCE_END: Final = re.compile(r"[.!?\u2026][\"\u201c\u201d'\u2018\u2019)]*(?:\s|$)")

# An HTML page whose extracted text is shorter than this is navigation or an app shell, not an
# article: even a short news item has a couple of sentences.
MIN_ARTICLE_WORDS: Final = 20


class _TreeElement(Protocol):
    """The part of an lxml element that reading trafilatura's result tree needs."""

    tag: object
    text: str | None
    tail: str | None

    def __iter__(self) -> Iterator[_TreeElement]: ...


class SourceError(Exception):
    """A source Atlas cannot ingest; ``reason`` is a short code, ``str()`` one line for people.

    Reasons: ``empty``, ``binary``, ``too_large``, ``not_text``, ``no_article`` (sources) and
    ``unreachable``, ``timeout``, ``refused_address``, ``bad_status``, ``bad_content_type``,
    ``too_many_redirects``, ``bad_url`` (fetching).
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class SourceText:
    """One text to ingest, with what its source said about it."""

    text: str
    name: str
    source_url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date from the HTML's metadata
    content_type: str = "text/plain"  # the media type of the source, before extraction

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the text in UTF-8: the same text twice is the same document."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def text_from_bytes(
    data: bytes, *, name: str, content_type: str | None = None, max_bytes: int
) -> SourceText:
    """Decode ``data`` into a :class:`SourceText`; HTML is reduced to its article's text.

    ``content_type`` is the declared media type (with an optional charset), e.g. from an upload
    or an HTTP answer; without one, HTML is recognised by its first tag. Raises
    :class:`SourceError` (``empty``, ``too_large``, ``binary``, ``not_text``, ``no_article``).
    """
    if len(data) > max_bytes:
        raise SourceError(
            "too_large", f"more than {max_bytes:,} bytes (the limit is {_size(max_bytes)})"
        )
    if not data.strip():
        raise SourceError("empty", "the file holds no text")
    kind = binary_kind(data)
    if kind is not None:
        raise SourceError("binary", f"this looks like a binary file ({kind}), not text")
    media_type, declared_charset = _split_content_type(content_type)
    text = _normalise_newlines(decode_text(data, declared_charset))
    if not text.strip():
        raise SourceError("empty", "the file holds no text")
    # Declared HTML without a single tag is a text saved under the wrong name: taken as text.
    declared_html = media_type in HTML_TYPES and _ANY_TAG.search(text) is not None
    if declared_html or (media_type in SNIFFED_TYPES and looks_like_html(text)):
        return _article_from_html(text, name=name, content_type=media_type or "text/html")
    return SourceText(text=text, name=name, content_type=media_type or "text/plain")


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like (``"PDF"``, ``"PNG image"``, …), else None."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in RIFF_KINDS:
        return RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4, MOV or HEIC media file"
    return None


def decode_text(data: bytes, declared_charset: str | None = None) -> str:
    """Decode text bytes: byte-order mark, strict UTF-8, UTF-16 without a mark, the declared
    charset, then detection. Raises :class:`SourceError` (``binary``, ``not_text``)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _refuse_control_characters(data.decode(encoding))
            except UnicodeDecodeError:
                raise SourceError(
                    "not_text", f"the file starts as {encoding.upper()} but is not valid {encoding}"
                ) from None
    if b"\x00" in data:
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise SourceError("binary", "this looks like a binary file (it holds NUL bytes)")
        return text
    try:
        return _refuse_control_characters(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    charset = declared_charset or _meta_charset(data)
    if charset:
        text = _decode_declared(data, charset)
        if text is not None:
            return _refuse_control_characters(text)
    return _refuse_control_characters(_decode_detected(data))


def looks_like_html(text: str) -> bool:
    """Whether a text opens like an HTML document (``<!doctype html>`` or ``<html>``)."""
    return bool(_HTML_START.match(text[:4096]))


def _split_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    media_type, *parameters = content_type.split(";")
    charset = None
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark, told by its NUL bytes: Latin-script text has one
    NUL in every high byte, so in nearly every second byte."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if zeros_odd >= 0.3 * pairs and zeros_even <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif zeros_even >= 0.3 * pairs and zeros_odd <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _control_share(text) > 0.01 else text


def _meta_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _decode_declared(data: bytes, charset: str) -> str | None:
    label = charset.strip().lower()
    encodings = ["cp1252", "latin-1"] if label in WINDOWS_1252_LABELS else [label]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return None  # a wrong or unknown label: fall back to detection


def _decode_detected(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise SourceError("not_text", "the bytes are not text in any encoding Atlas recognises")
    # Several code pages often decode a German text identically (cp1250 and cp1252 agree on the
    # umlauts and ß); prefer Windows-1252 then, since it reads the rest of Western text right.
    if best.encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _control_share(text: str) -> float:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v"
    )
    return controls / max(len(text), 1)


def _refuse_control_characters(text: str) -> str:
    if _control_share(text) > 0.01:
        raise SourceError("binary", "this looks like a binary file (control characters), not text")
    return text


def _normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:g} MB"
    if count >= 1_000:
        return f"{count / 1_000:g} kB"
    return f"{count} bytes"


# ---------------------------------------------------------------------------------------------
# HTML


def _article_from_html(html: str, *, name: str, content_type: str) -> SourceText:
    """The article of an HTML page, laid out as the text parser expects raw texts."""
    try:
        document = _extract(html)
    except Exception as error:  # a page lxml cannot parse is bad input, not a bug of ours
        raise SourceError(
            "no_article", f"the HTML page cannot be read ({type(error).__name__})"
        ) from None
    body = getattr(document, "body", None)
    blocks = [] if body is None else [block for block in _blocks(body) if block]
    title = " ".join((getattr(document, "title", None) or "").split()) or None
    if title is not None:
        # The page's own headline is the article's title (the metadata's may add the site's
        # name); it moves to the front, above a date line that some pages put first.
        headline = next((i for i, b in enumerate(blocks[:3]) if _same_heading(b, title)), None)
        if headline is not None:
            title = blocks.pop(headline)
        blocks.insert(0, title)
    article = blocks[1:] if title is not None else blocks
    article_text = " ".join(article)
    if len(article_text.split()) < MIN_ARTICLE_WORDS or not _SENTENCE_END.search(article_text):
        raise SourceError("no_article", "the HTML page holds no article text")
    published = getattr(document, "date", None) or None
    if published is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = None
    header = [f"date {published}"] if published else []
    return SourceText(
        text="\n\n".join([*header, *blocks]) + "\n",
        name=name,
        title=title,
        published=published,
        content_type=content_type,
    )


def _extract(html: str) -> object:
    """trafilatura's result for a page: the article's tree in ``.body``, metadata beside it."""
    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        # Only the page's metadata: a date found in the body is an event's, not the publication's.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _blocks(body: _TreeElement) -> Iterator[str]:
    """The text of each top-level block of trafilatura's result tree, lines kept, one per block."""
    for element in body:
        parts: list[str] = []
        _collect_text(element, parts)
        lines = (_clean_line(line) for line in "".join(parts).split("\n"))
        yield "\n".join(line for line in lines if line)


# Elements of trafilatura's tree that start a new line inside a block.
_LINE_ELEMENTS: Final = frozenset({"lb", "item", "row", "head", "p", "list", "quote", "table"})


def _collect_text(element: _TreeElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _LINE_ELEMENTS:
        parts.append("\n")
    elif tag == "cell":
        parts.append(" ")
    if element.text and tag != "lb":
        parts.append(element.text)
    for child in element:
        _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    if tag in _LINE_ELEMENTS:
        parts.append("\n")


def _clean_line(line: str) -> str:
    return _HORIZONTAL_SPACE.sub(" ", line).strip()


def _same_heading(block: str, title: str) -> bool:
    """Whether the first block is the headline the metadata names (maybe with the site's name)."""
    if "\n" in block:
        return False
    head, full = block.casefold(), title.casefold()
    if not head or not full:
        return False
    shorter, longer = sorted((head, full), key=len)
    return longer.startswith(shorter) and len(shorter) >= len(longer) / 2


# ---------------------------------------------------------------------------------------------
# Files, folders, standard input


@dataclass(frozen=True)
class InputFile:
    """One input named on the command line: a file, a file found in a folder, or standard input.

    ``path`` is None for standard input, whose bytes come from ``stream``.
    """

    path: Path | None
    name: str
    stream: BinaryIO | None = None

    def read(self, max_bytes: int) -> SourceText:
        """Read and decode the input; at most ``max_bytes + 1`` bytes are ever read.

        Raises :class:`SourceError`, including ``unreachable`` for a missing or unreadable file.
        """
        data = self._read_bytes(max_bytes)
        content_type = None
        if self.path is not None and self.path.suffix.lower() in (".html", ".htm"):
            content_type = "text/html"
        elif self.path is not None and self.path.suffix.lower() == ".md":
            content_type = "text/markdown"
        return text_from_bytes(data, name=self.name, content_type=content_type, max_bytes=max_bytes)

    def _read_bytes(self, max_bytes: int) -> bytes:
        if self.path is None:
            stream = self.stream if self.stream is not None else sys.stdin.buffer
            return stream.read(max_bytes + 1)
        try:
            if self.path.is_dir():
                raise SourceError(
                    "empty", f"the folder holds no text files ({', '.join(TEXT_SUFFIXES)})"
                )
            with self.path.open("rb") as file:
                # Refuse a large regular file by its size, before reading anything.
                size = self.path.stat().st_size
                if size > max_bytes:
                    raise SourceError(
                        "too_large", f"{size:,} bytes (the limit is {_size(max_bytes)})"
                    )
                return file.read(max_bytes + 1)
        except FileNotFoundError:
            raise SourceError("unreachable", f"not found: {self.path}") from None
        except PermissionError:
            raise SourceError("unreachable", f"not allowed to read {self.path}") from None
        except OSError as error:
            raise SourceError("unreachable", f"cannot read {self.path}: {error.strerror}") from None


def read_paths(paths: Sequence[str], stdin: BinaryIO) -> list[InputFile]:
    """The inputs named by ``paths``: files as given, folders expanded, ``-`` standard input.

    Folders are searched recursively for text and HTML files (``TEXT_SUFFIXES``), in sorted
    order, skipping hidden files and folders. A path that does not exist still yields an input,
    whose :meth:`InputFile.read` raises, so one bad path does not stop the others.
    """
    inputs: list[InputFile] = []
    for raw in paths:
        if raw == "-":
            inputs.append(InputFile(path=None, name=STDIN_NAME, stream=stdin))
            continue
        path = Path(raw)
        if not path.is_dir():
            inputs.append(InputFile(path=path, name=raw))
            continue
        found = [InputFile(path=file, name=str(file)) for file in _text_files(path)]
        inputs.extend(found or [InputFile(path=path, name=raw)])
    return inputs


def _text_files(folder: Path) -> list[Path]:
    files = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
            files.append(file)
    return sorted(files)
