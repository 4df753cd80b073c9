"""Pure-Python handling of source texts: parsing raw texts, slugs, curated annotations.

Nothing here touches the database, so the seeder, the ingestion pipeline and tests can all use it.
"""

from atlas.texts.parse import ParsedText, parse_text
from atlas.texts.slugs import slugify

__all__ = ["ParsedText", "parse_text", "slugify"]
