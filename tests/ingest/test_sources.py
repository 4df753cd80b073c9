"""Ways in and bad input at the source level: bytes, files, folders and standard input."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import time
from pathlib import Path

import pytest

from atlas.ingest.sources import (
    InputFile,
    SourceError,
    SourceText,
    read_paths,
    text_from_bytes,
)
from atlas.settings import PROJECT_ROOT
from atlas.texts.parse import parse_text

FILES = Path(__file__).parent / "files"
LIMIT = 5_000_000

GERMAN = (
    "Außenministerin Baerbock traf in Köln ihre Amtskollegen aus Österreich und der Schweiz.\n"
    "Die Gespräche über grüne Energie und Übergänge dauerten länger als geplant; "
    "man einigte sich auf gemeinsame Maßnahmen.\n"
)


def read(data: bytes, content_type: str | None = None, name: str = "input") -> SourceText:
    return text_from_bytes(data, name=name, content_type=content_type, max_bytes=LIMIT)


def refusal(data: bytes, content_type: str | None = None) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read(data, content_type)
    return caught.value


# --- plain text and its encodings ---------------------------------------------------------------


def test_utf8_text_is_kept_as_it_is_and_hashes_like_its_bytes() -> None:
    data = GERMAN.encode("utf-8")

    source = read(data, name="brief.txt")

    assert source == SourceText(text=GERMAN, name="brief.txt", content_type="text/plain")
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_a_seed_text_read_again_has_the_hash_seeding_stored() -> None:
    seed = next((PROJECT_ROOT / "seeds" / "texts").glob("*.txt"))

    assert read(seed.read_bytes()).sha256 == hashlib.sha256(seed.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(codecs.BOM_UTF8 + GERMAN.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), id="utf-16 LE with BOM"),
        pytest.param(codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), id="utf-16 BE with BOM"),
        pytest.param(GERMAN.encode("utf-16-le"), id="utf-16 LE without BOM"),
        pytest.param(GERMAN.encode("utf-16-be"), id="utf-16 BE without BOM"),
        pytest.param(GERMAN.encode("latin-1"), id="latin-1"),
        pytest.param(GERMAN.encode("cp1252"), id="cp1252"),
        pytest.param(GERMAN.replace("\n", "\r\n").encode("utf-8"), id="CRLF"),
        pytest.param(GERMAN.replace("\n", "\r").encode("utf-8"), id="CR"),
    ],
)
def test_every_encoding_gives_the_same_text_and_so_the_same_document(encoded: bytes) -> None:
    source = read(encoded)

    assert source.text == GERMAN
    assert source.sha256 == read(GERMAN.encode("utf-8")).sha256


def test_windows_1252_quotes_and_euro_sign_are_read_right() -> None:
    text = "Die Initiative „Wasser für alle“ kostet 50 € \u2013 so die Ministerin.\n"

    assert read(text.encode("cp1252")).text == text


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    text = "Größe und Maße\n"

    assert read(text.encode("latin-1"), "text/plain; charset=ISO-8859-1").text == text


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b" \n"])
def test_empty_or_blank_input_is_refused(data: bytes) -> None:
    error = refusal(data)

    assert error.reason == "empty"
    assert str(error) == "empty: the file holds no text"


def test_blank_utf16_input_is_refused_as_empty() -> None:
    assert refusal(codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")).reason == "empty"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive or Office document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, kind: str) -> None:
    error = refusal(data, "text/plain")

    assert error.reason == "binary"
    assert str(error) == f"binary: this looks like a binary file ({kind}), not text"


def test_random_bytes_with_nul_bytes_are_binary() -> None:
    data = bytes(range(256)) * 16 + os.urandom(4096)

    assert refusal(data).reason == "binary"


def test_random_bytes_without_nul_bytes_are_not_text() -> None:
    data = bytes(byte for byte in os.urandom(16384) if byte)[:8192]

    assert refusal(data).reason in {"not_text", "binary"}


def test_text_with_a_stray_nul_byte_is_binary() -> None:
    assert refusal(GERMAN.encode("utf-8") + b"\x00\x01\x02").reason == "binary"


def test_too_large_input_is_refused_before_decoding() -> None:
    with pytest.raises(SourceError) as caught:
        text_from_bytes(b"a" * 101, name="big.txt", max_bytes=100)

    assert caught.value.reason == "too_large"
    assert "100 bytes" in str(caught.value)


# --- HTML ---------------------------------------------------------------------------------------


def test_an_html_press_release_becomes_its_title_and_paragraphs() -> None:
    source = read((FILES / "press_release.html").read_bytes(), "text/html; charset=utf-8")

    title = "Deutschland und Chile gründen Partnerschaft für grünen Wasserstoff"
    assert source.title == title
    assert source.published == "2024-03-14"
    assert source.content_type == "text/html"
    paragraphs = source.text.split("\n\n")
    assert paragraphs[:2] == ["date 2024-03-14", title]
    assert paragraphs[2].startswith("Berlin/Santiago de Chile \u2013 Deutschland und Chile haben")
    assert "Weitere Treffen sind für den Herbst in Hamburg geplant." in source.text
    # Site chrome stays behind: navigation, cookie banner, teasers, footer.
    for chrome in ("Startseite", "Cookies", "Impressum", "Namibia", "Suchbegriff"):
        assert chrome not in source.text

    parsed = parse_text(source.text)
    assert parsed.title == title
    assert str(parsed.published_on) == "2024-03-14"
    assert parsed.clean_text.startswith("Berlin/Santiago de Chile")
    assert "\n\nDie Partnerschaft sieht einen regelmäßigen Austausch" in parsed.clean_text


def test_html_is_recognised_without_a_content_type() -> None:
    data = (FILES / "press_release.html").read_bytes()

    assert read(data).text == read(data, "text/html").text


def test_html_in_windows_1252_declared_in_a_meta_tag() -> None:
    html = (FILES / "press_release.html").read_text(encoding="utf-8")
    data = html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")

    assert read(data, "text/html").text == read(html.encode("utf-8"), "text/html").text


def test_html_without_an_article_is_refused() -> None:
    error = refusal((FILES / "no_article.html").read_bytes(), "text/html")

    assert error.reason == "no_article"
    assert str(error) == "no_article: the HTML page holds no article text"


# --- files, folders, standard input ---------------------------------------------------------


def test_a_file_is_read_and_named(tmp_path: Path) -> None:
    path = tmp_path / "meldung.txt"
    path.write_bytes(GERMAN.encode("latin-1"))

    [item] = read_paths([str(path)], io.BytesIO())

    assert item.read(LIMIT) == SourceText(text=GERMAN, name=str(path))


def test_an_html_file_is_read_as_html(tmp_path: Path) -> None:
    [item] = read_paths([str(FILES / "press_release.html")], io.BytesIO())

    source = item.read(LIMIT)

    assert source.content_type == "text/html"
    assert source.title == "Deutschland und Chile gründen Partnerschaft für grünen Wasserstoff"


def test_a_50_mb_file_is_refused_quickly_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: 50 MB of size, nothing written
        file.truncate(50 * 1024 * 1024)
    started = time.monotonic()

    with pytest.raises(SourceError) as caught:
        InputFile(path=path, name="huge.txt").read(LIMIT)

    assert caught.value.reason == "too_large"
    assert str(caught.value) == "too_large: 52,428,800 bytes (the limit is 5 MB)"
    assert time.monotonic() - started < 1


def test_a_large_stream_is_read_only_up_to_the_limit() -> None:
    class CountingStream(io.RawIOBase):
        """Endless text that counts what is read from it."""

        delivered = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            self.delivered += len(buffer)
            return len(buffer)

    stream = CountingStream()
    [item] = read_paths(["-"], io.BufferedReader(stream))

    with pytest.raises(SourceError) as caught:
        item.read(1000)

    assert caught.value.reason == "too_large"
    assert stream.delivered <= 1000 + 1 + io.DEFAULT_BUFFER_SIZE


def test_standard_input_is_a_dash() -> None:
    [item] = read_paths(["-"], io.BytesIO(GERMAN.encode("utf-8")))

    assert item.path is None
    assert item.read(LIMIT) == SourceText(text=GERMAN, name="<stdin>")


def test_folders_are_expanded_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    for relative in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/d.HTM",
        "sub/e.text",
        "image.png",
        "notes.docx",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/f.txt",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Ein Text.", encoding="utf-8")
    single = tmp_path / "single.pdf"

    items = read_paths([str(tmp_path / "sub"), str(single), str(tmp_path)], io.BytesIO())

    names = [Path(item.name).relative_to(tmp_path).as_posix() for item in items]
    assert names == [
        "sub/c.html",
        "sub/d.HTM",
        "sub/e.text",
        "single.pdf",  # named explicitly: read, and refused if it is not text
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/d.HTM",
        "sub/e.text",
    ]


def test_a_missing_path_fails_alone(tmp_path: Path) -> None:
    good = tmp_path / "gut.txt"
    good.write_text(GERMAN, encoding="utf-8")
    missing = tmp_path / "fehlt.txt"

    items = read_paths([str(missing), str(good)], io.BytesIO())

    with pytest.raises(SourceError) as caught:
        items[0].read(LIMIT)
    assert caught.value.reason == "unreachable"
    assert str(caught.value) == f"unreachable: not found: {missing}"
    assert items[1].read(LIMIT).text == GERMAN


def test_an_empty_folder_is_one_failing_input(tmp_path: Path) -> None:
    [item] = read_paths([str(tmp_path)], io.BytesIO())

    with pytest.raises(SourceError) as caught:
        item.read(LIMIT)
    assert caught.value.reason == "empty"


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "bericht.txt"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))

    reasons = []
    for item in read_paths([str(empty), str(pdf)], io.BytesIO()):
        with pytest.raises(SourceError) as caught:
            item.read(LIMIT)
        reasons.append(str(caught.value))

    assert reasons == [
        "empty: the file holds no text",
        "binary: this looks like a binary file (PDF), not text",
    ]


def test_a_plain_text_saved_as_html_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "meldung.html"
    path.write_text(GERMAN, encoding="utf-8")

    assert InputFile(path=path, name="meldung.html").read(LIMIT).text == GERMAN
