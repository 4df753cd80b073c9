"""Propose mention offsets from names and aliases, so curators need not count characters.

The proposals are a starting point: a curator reviews them, drops wrong ones and adds the few
that no alias can find (run-together words such as "AcceleratorThe"), and keeps the result in
the annotation files with literal offsets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ProposedMention:
    """A place in a text where a known name occurs."""

    entity: str
    start: int
    end: int
    text: str


def propose_mentions(text: str, names: Mapping[str, str]) -> list[ProposedMention]:
    """Find every occurrence of the names in ``names`` ({name: entity ref}) in ``text``.

    Matching is case-sensitive ("IS" is not "is") and only at word boundaries; a hyphen counts
    as a boundary, so "UN" is found in "UN-Mitgliedsstaaten". Where names overlap, the longest
    wins (earliest first), so "UN-Generalversammlung" beats "UN".
    """
    found: list[ProposedMention] = []
    for name, entity in names.items():
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        found.extend(
            ProposedMention(entity, match.start(), match.end(), name)
            for match in pattern.finditer(text)
        )
    found.sort(key=lambda item: (-(item.end - item.start), item.start))
    chosen: list[ProposedMention] = []
    taken = bytearray(len(text))
    for item in found:
        if not any(taken[item.start : item.end]):
            chosen.append(item)
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
    return sorted(chosen, key=lambda item: item.start)
