"""Load YAML while remembering the line of every mapping and of each of its keys.

PyYAML's node marks carry the position of everything it reads; the loader here keeps them on
the mappings it builds, so validation problems can point people to the line they must edit.
It also notices keys given twice in one mapping, which plain PyYAML silently overwrites.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode


class LineDict(dict[str, Any]):
    """A mapping read from YAML, with the 1-based line where it starts and where each key is."""

    line: int
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are :class:`LineDict` instances."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Deep construction, so nested mappings and sequences are complete when returned.
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        mapping.duplicate_keys = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_text = str(key)
            if key_text in mapping:
                mapping.duplicate_keys.append((key_text, key_node.start_mark.line + 1))
            mapping[key_text] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key_text] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,
)


def load_yaml_with_lines(text: str) -> Any:
    """Parse one YAML document; every mapping in the result is a :class:`LineDict`.

    Raises ``yaml.YAMLError`` on malformed YAML (its ``problem_mark`` tells the line).
    """
    return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
