"""Linking speed: documents per second against a small and a full directory, by text length.

The directory comes from bench/generate.py (10,000 actors and 2,000 initiatives with their
aliases; every initiative also gets its acronym as an alias). The texts are sentences of the
seed press releases, shuffled, with names of generated entities (some inflected, some by an
alias) put in, cut to 1.5, 3 and 6 kB. Everything runs in this one process, on one core.

    PYTHONPATH=backend .venv/bin/python bench/link.py            # the table
    PYTHONPATH=backend .venv/bin/python bench/link.py --seconds 1 # shorter
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import FULL, DirectoryGenerator

from atlas.ingest.link import Catalogue, KnownEntity
from atlas.texts.annotations import load_clean_texts

ROOT = Path(__file__).resolve().parents[1]


def directory(seed: int = 20251106) -> list[KnownEntity]:
    """10,000 actors and 2,000 initiatives as bench/generate.py makes them, with aliases."""
    generator = DirectoryGenerator(FULL, seed)
    generator.topics()
    generator.actors_()
    generator.initiatives_()
    entities = [
        KnownEntity(
            "actor",
            row["slug"],
            row["kind"],
            row["name"],
            row["name_en"],
            tuple(row["aliases"]),
            row["country"],
        )
        for row in generator.actors
    ]
    for row in generator.initiatives:
        acronym = "".join(word[0] for word in row["name"].split() if word[:1].isupper())
        aliases = (acronym,) if len(acronym) >= 3 else ()
        entities.append(
            KnownEntity("initiative", row["slug"], row["kind"], row["name"], None, aliases)
        )
    return entities


def texts(entities: list[KnownEntity], size: int, count: int, seed: int = 7) -> list[str]:
    """``count`` German texts of about ``size`` characters naming entities of the directory."""
    rng = random.Random(seed)
    sentences = [
        sentence
        for text in load_clean_texts(ROOT / "seeds" / "texts").values()
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence) > 40
    ]
    made = []
    for _ in range(count):
        parts: list[str] = []
        length = 0
        while length < size:
            sentence = rng.choice(sentences)
            entity = rng.choice(entities)
            name = rng.choice([entity.name, *entity.aliases])
            if rng.random() < 0.2:
                name += "s"  # a genitive
            sentence = f"{sentence} Dazu äußerte sich auch {name} am Rande."
            parts.append(sentence)
            length += len(sentence) + 1
        made.append(" ".join(parts)[:size])
    return made


def measure(catalogue: Catalogue, documents: list[str], seconds: float) -> tuple[float, float]:
    """(documents per second, kB per second) linking ``documents`` round after round."""
    done = 0
    characters = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for document in documents:
            catalogue.link_mentions(document)
            done += 1
            characters += len(document.encode())
    elapsed = time.perf_counter() - started
    return done / elapsed, characters / 1000 / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args()
    entities = directory()
    small = entities[:800] + [e for e in entities if e.type == "initiative"][:200]
    started = time.perf_counter()
    catalogues = {"1k names": Catalogue(small), "12k names": Catalogue(entities)}
    built = time.perf_counter() - started
    print(f"catalogues built in {built:.2f} s ({len(entities)} entities in the full one)")
    print(f"{'directory':<11} {'text':>7} {'docs/s':>8} {'kB/s':>8} {'mentions/doc':>13}")
    for label, catalogue in catalogues.items():
        for size in (1500, 3000, 6000):
            documents = texts(entities, size, 50)
            mentions = sum(len(catalogue.link_mentions(d)) for d in documents) / len(documents)
            per_second, kilobytes = measure(catalogue, documents, args.seconds)
            print(
                f"{label:<11} {size / 1000:>5.1f}kB {per_second:>8.0f} {kilobytes:>8.0f} "
                f"{mentions:>13.1f}"
            )


if __name__ == "__main__":
    main()
