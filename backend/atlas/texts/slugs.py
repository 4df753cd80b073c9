"""Slugs: the public, URL-safe ids of documents, actors, initiatives and events."""

from __future__ import annotations

import re
import unicodedata

# German umlauts and ß are transliterated the German way (Südkorea → suedkorea), not merely
# stripped of their dots, so that slugs read as German readers expect.
_GERMAN_TRANSLITERATION = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
    }
)
_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Turn a name into a slug: ASCII lower case, words joined by single hyphens.

    German umlauts become ae/oe/ue and ß becomes ss; other accented letters lose their accents
    (António → antonio); every other run of non-alphanumeric characters becomes one hyphen.
    """
    transliterated = text.translate(_GERMAN_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", transliterated)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_ALPHANUMERIC.sub("-", ascii_only.lower()).strip("-")
