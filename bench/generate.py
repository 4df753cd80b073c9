"""A deterministic, realistic-looking directory for benchmarks.

`generate(engine, sizes, seed)` fills a migrated, empty Atlas database with topics, actors
(states, people, ministries, organisations, NGOs, networks, companies), initiatives with parents,
events, participations with roles and evidence, affiliations, documents whose text states those
participations, and the mentions of the actors, initiatives and events in them.

The same seed always gives the same rows. Rows are written with SQLAlchemy Core bulk inserts
(executemany) in one transaction and with explicit ids, so that relations can point at rows
without reading them back; on PostgreSQL the id sequences are moved past the inserted ids.

Run it alone to fill a database: `python bench/generate.py sqlite:///bench.db --quick`
(the database must already be migrated: `atlas db upgrade`).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from babel import Locale
from sqlalchemy.engine import Connection, Engine

from atlas.models import (
    Actor,
    ActorTopic,
    Affiliation,
    Document,
    DocumentTopic,
    Event,
    Initiative,
    InitiativeTopic,
    Mention,
    Participation,
    Topic,
)
from atlas.texts import slugify

BATCH_SIZE = 5_000
CREATED = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind to make."""

    actors: int = 10_000
    initiatives: int = 2_000
    participations: int = 50_000
    documents: int = 20_000
    events: int = 3_000
    affiliations: int = 4_000

    def scaled(self, factor: float) -> Sizes:
        return Sizes(**{name: max(20, int(value * factor)) for name, value in vars(self).items()})


FULL = Sizes()
QUICK = FULL.scaled(0.2)


@dataclass
class Summary:
    """What was written, and keys the benchmark draws its requests from."""

    counts: dict[str, int] = field(default_factory=dict)
    actor_slugs: list[str] = field(default_factory=list)
    initiative_slugs: list[str] = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)
    participations_per_initiative: dict[str, int] = field(default_factory=dict)
    participations_per_actor: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


DASH = "\N{EN DASH}"  # German typography: a dateline is "Berlin, en dash, text"


def _words(text: str) -> list[str]:
    return text.split()


# --- vocabularies -------------------------------------------------------------------------------

TOPICS = [
    ("Klima", "Climate"),
    ("Gesundheit", "Health"),
    ("Abrüstung", "Disarmament"),
    ("Menschenrechte", "Human rights"),
    ("Energie", "Energy"),
    ("Migration", "Migration"),
    ("Ernährungssicherheit", "Food security"),
    ("Digitalisierung", "Digitalisation"),
    ("Cybersicherheit", "Cyber security"),
    ("Handel", "Trade"),
    ("Entwicklung", "Development"),
    ("Bildung", "Education"),
    ("Gleichstellung", "Gender equality"),
    ("Wasser", "Water"),
    ("Biodiversität", "Biodiversity"),
    ("Meeresschutz", "Ocean protection"),
    ("Terrorismusbekämpfung", "Counter-terrorism"),
    ("Humanitäre Hilfe", "Humanitarian aid"),
    ("Kultur", "Culture"),
    ("Wissenschaft", "Science"),
]

FIRST_NAMES = _words(
    "Anna Annalena Bärbel Birgit Claudia Dagmar Elke Franziska Gabriele Hanna Ines Johanna "
    "Katrin Lena Luise Maria Monika Nadine Petra Renate Sabine Svenja Ulrike Ursula Verena "
    "Andreas Bernd Christian Dieter Frank-Walter Georg Heiko Jörg Jürgen Klaus Lars Markus "
    "Matthias Michael Niels Olaf Peter Ralf Stefan Thomas Tobias Uwe Volker Wolfgang Amina "
    "Ayşe Chen Fatima Giorgos Ingrid Jean-Claude João Kofi Leïla Mateus Nkosazana Olena "
    "Pedro Rania Sanna Takeshi Yasmin Zoltán"
)
LAST_NAMES = _words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
    "Lange Schmitt Werner Krause Meier Lehmann Köhler Herrmann König Walter Mayer Huber Kaiser "
    "Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger "
    "Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus "
    "Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas "
    "Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt "
    "Sauer Arnold Wolff Pfeiffer Okonjo Dlamini Nakamura Kowalski Nowak Papadopoulos Rossi "
    "García Silva Haddad Jensen Lindqvist Novák Horváth Dubois"
)
CITIES = [
    city.replace("-", " ")
    for city in _words(
        "Berlin Bonn Brüssel Genf Wien Paris New-York Nairobi Addis-Abeba Jakarta Bangkok Santiago "
        "Lima Dakar Accra Kapstadt Rabat Amman Tiflis Kiew Warschau Prag Oslo Stockholm Helsinki "
        "Kopenhagen Madrid Lissabon Rom Den-Haag Luxemburg Montreal Ottawa Canberra Wellington "
        "Tokio Seoul Neu-Delhi Singapur Manila Hanoi Doha Abu-Dhabi Kairo Tunis Abuja Kigali"
    )
]
REGIONS = [
    "Europa",
    "Afrika",
    "Asien",
    "Lateinamerika",
    "Pazifik",
    "Nahost",
    "Sahel",
    "Arktis",
    "Mittelmeer",
    "Ostsee",
    "Westbalkan",
    "Karibik",
    "Zentralasien",
    "Südostasien",
]
ADJECTIVES = [
    "Globale",
    "Internationale",
    "Europäische",
    "Afrikanische",
    "Gemeinsame",
    "Transatlantische",
    "Offene",
    "Grüne",
    "Digitale",
    "Nachhaltige",
]
PUBLISHERS = [
    "Auswärtiges Amt",
    "Bundesregierung",
    "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung",
    "Bundesministerium der Verteidigung",
    "Deutsche Welle",
    "tagesschau.de",
    "Frankfurter Rundschau",
    "Süddeutsche Zeitung",
    "Der Tagesspiegel",
    f"Vereinte Nationen {DASH} Regionales Informationszentrum",
    f"Europäische Kommission {DASH} Vertretung in Deutschland",
    "Deutsche Gesellschaft für Internationale Zusammenarbeit",
]
TITLES = [
    ("Außenministerin", "Foreign Minister"),
    ("Außenminister", "Foreign Minister"),
    ("Botschafterin", "Ambassador"),
    ("Botschafter", "Ambassador"),
    ("Staatssekretärin", "State Secretary"),
    ("Staatssekretär", "State Secretary"),
    ("Generalsekretär", "Secretary-General"),
    ("Sonderbeauftragte", "Special Envoy"),
    ("Referatsleiter", "Head of Division"),
    ("Ministerin", "Minister"),
    ("Minister", "Minister"),
    ("Präsidentin", "President"),
    ("Vorsitzender", "Chair"),
]
ROLE_VERBS = {
    "member": "ist Mitglied",
    "founder": "gehört zu den Gründern",
    "host": "ist Gastgeber",
    "chair": "führt den Vorsitz",
    "co_chair": "teilt sich den Vorsitz",
    "participant": "nimmt teil",
    "supporter": "unterstützt die Arbeit",
    "co_sponsor": "bringt die Initiative mit ein",
    "organiser": "organisiert die Treffen",
    "partner": "ist Partner",
}
INITIATIVE_ROLES = {
    "member": 50,
    "participant": 12,
    "founder": 8,
    "partner": 8,
    "supporter": 7,
    "co_sponsor": 4,
    "chair": 3,
    "co_chair": 2,
    "host": 3,
    "organiser": 3,
}
EVENT_ROLES = {"participant": 70, "host": 10, "organiser": 10, "chair": 5, "co_chair": 5}
FILLER = [
    "Die Zusammenarbeit im Bereich {topic} soll in den kommenden Jahren deutlich ausgebaut werden.",
    "Beim Treffen in {city} ging es vor allem um {topic} und um die Finanzierung gemeinsamer "
    "Projekte.",
    "Nach Angaben der Teilnehmenden wurden konkrete Schritte vereinbart, die bis zum nächsten "
    "Treffen umgesetzt werden sollen.",
    "Die Abschlusserklärung betont die Bedeutung multilateraler Lösungen für {topic}.",
    "Kritiker bemängeln, dass die Zusagen bislang zu wenig verbindlich seien.",
    "Ein Sprecher kündigte an, die Ergebnisse im Herbst in {city} vorzustellen.",
    "Zugleich wurde ein gemeinsamer Fonds für {topic} mit einem Volumen von mehreren Millionen "
    "Euro angekündigt.",
    "Die Region {region} steht dabei besonders im Mittelpunkt.",
    "Vertreterinnen der Zivilgesellschaft waren als Beobachter eingeladen.",
    "Die nächste Sitzung ist für das Frühjahr geplant; Ort und Termin stehen noch nicht fest.",
    "Man wolle die Partner in {region} stärker einbinden, hieß es aus Delegationskreisen.",
    "In einer gemeinsamen Pressekonferenz warben die Beteiligten für mehr Engagement bei {topic}.",
    "Die Gespräche fanden in einer konstruktiven Atmosphäre statt.",
    "Seit ihrer Gründung hat die Initiative mehr als hundert Projekte gefördert.",
]

ACTOR_KIND_SHARES = {
    "state": 0.02,
    "person": 0.50,
    "international_organisation": 0.04,
    "government_body": 0.15,
    "ngo": 0.14,
    "network": 0.03,
    "company": 0.10,
    "other": 0.02,
}
# How often an actor of each kind takes part in something (states join almost everything).
ACTOR_ACTIVITY = {
    "state": 60.0,
    "person": 0.4,
    "international_organisation": 8.0,
    "government_body": 2.0,
    "ngo": 1.2,
    "network": 2.0,
    "company": 0.8,
    "other": 0.5,
}
INITIATIVE_KINDS = {
    "alliance": 14,
    "coalition": 12,
    "forum": 14,
    "platform": 12,
    "dialogue": 10,
    "centre": 6,
    "campaign": 8,
    "principles": 4,
    "programme": 14,
    "other": 6,
}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class SlugRegistry:
    """Unique slugs per table: a second `Allianz für Klima` becomes `allianz-fuer-klima-2`."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        base = slugify(text)[:100].strip("-") or "x"
        slug, number = base, 1
        while slug in self.used:
            number += 1
            slug = f"{base}-{number}"
        self.used.add(slug)
        return slug


def _stamp(index: int) -> dict[str, Any]:
    moment = CREATED + timedelta(seconds=index)
    return {"created_at": moment, "updated_at": moment, "version": 1}


def _random_date(rng: random.Random, first: int, last: int) -> date:
    start = date(first, 1, 1).toordinal()
    return date.fromordinal(rng.randint(start, date(last, 12, 31).toordinal()))


def _dated(rng: random.Random, first: int, last: int) -> tuple[date, str]:
    """A date and its precision: mostly a day, sometimes only the month or year is known."""
    day = _random_date(rng, first, last)
    precision = rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0]
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


# --- the generator ------------------------------------------------------------------------------


class DirectoryGenerator:
    """Builds every row in memory (a few hundred MB at most), then writes them table by table."""

    def __init__(self, sizes: Sizes, seed: int) -> None:
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        german = Locale("de")
        self.countries = {
            code: name
            for code, name in sorted(german.territories.items())
            if re.fullmatch(r"[A-Z]{2}", code) and code not in {"EU", "EZ", "UN", "ZZ", "QO"}
        }
        self.topic_ids: list[int] = []
        self.actors: list[dict[str, Any]] = []
        self.initiatives: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    # topics, actors, initiatives, events --------------------------------------------------------

    def topics(self) -> None:
        slugs = SlugRegistry()
        for index, (label_de, label_en) in enumerate(TOPICS, start=1):
            self.rows[Topic].append(
                {
                    "id": index,
                    "slug": slugs.make(label_de),
                    "label_de": label_de,
                    "label_en": label_en,
                    **_stamp(index),
                }
            )
            self.topic_ids.append(index)

    def _topic_label(self) -> str:
        return self.rng.choice(TOPICS)[0]

    def _actor_name(self, kind: str, country: str | None) -> tuple[str, str | None, list[str]]:
        rng = self.rng
        land = self.countries.get(country or "", "Deutschland")
        topic = self._topic_label()
        if kind == "person":
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            aliases = [f"{first[0]}. {last}"] if rng.random() < 0.3 else []
            return f"{first} {last}", None, aliases
        if kind == "government_body":
            name = rng.choice(
                [
                    f"Ministerium für {topic} ({land})",
                    f"Außenministerium ({land})",
                    f"Agentur für {topic} ({land})",
                    f"Botschaft {land} in {rng.choice(CITIES)}",
                ]
            )
            return name, None, []
        if kind == "international_organisation":
            adjective = rng.choice(ADJECTIVES)
            name = f"{adjective} Organisation für {topic} {DASH} {rng.choice(REGIONS)}"
            abbreviation = "".join(word[0] for word in name.split() if word[0].isupper())
            return name, f"{adjective} Organisation for {topic}", [abbreviation]
        if kind == "ngo":
            return (
                rng.choice(
                    [
                        f"{rng.choice(LAST_NAMES)}-Stiftung",
                        f"Verein für {topic} e.V.",
                        f"{rng.choice(ADJECTIVES)} Hilfe {rng.choice(REGIONS)} e.V.",
                    ]
                ),
                None,
                [],
            )
        if kind == "network":
            return f"Netzwerk {topic} {rng.choice(REGIONS)}", None, []
        if kind == "company":
            suffix = rng.choice(["GmbH", "AG", "SE", "GmbH & Co. KG"])
            return f"{rng.choice(LAST_NAMES)} {topic} {suffix}", None, []
        return f"Städtepartnerschaft {rng.choice(CITIES)}{DASH}{rng.choice(CITIES)}", None, []

    def actors_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        codes = list(self.countries)
        counts = {kind: int(share * self.sizes.actors) for kind, share in ACTOR_KIND_SHARES.items()}
        counts["state"] = min(counts["state"], len(codes))
        counts["person"] += self.sizes.actors - sum(counts.values())
        state_codes = sorted(rng.sample(codes, counts["state"]))
        if "DE" not in state_codes:
            state_codes[0] = "DE"
        kinds = [kind for kind, count in counts.items() for _ in range(count)]
        for index, kind in enumerate(kinds, start=1):
            if kind == "state":
                country: str | None = state_codes.pop()
                name, name_en, aliases = self.countries[country], None, []
                description = f"Staat ({country}), Mitglied der Vereinten Nationen."
            else:
                country = "DE" if rng.random() < 0.3 else rng.choice(codes)
                if kind == "other" and rng.random() < 0.5:
                    country = None
                name, name_en, aliases = self._actor_name(kind, country)
                description = (
                    f"{name} arbeitet zu {self._topic_label()} und {self._topic_label()}."
                    if rng.random() < 0.6
                    else None
                )
            row = {
                "id": index,
                "slug": slugs.make(name),
                "name": name,
                "name_en": name_en,
                "aliases": aliases,
                "kind": kind,
                "country": country,
                "description": description,
                "website": f"https://{slugify(name)[:40]}.example.org/"
                if kind != "person"
                else None,
                **_stamp(index),
            }
            self.rows[Actor].append(row)
            self.actors.append(row)
            topic_count = rng.randint(2, 5) if kind == "state" else rng.choice([0, 1, 1, 2, 3])
            for topic_id in rng.sample(self.topic_ids, topic_count):
                self.rows[ActorTopic].append({"actor_id": index, "topic_id": topic_id})

    def _initiative_name(self, kind: str) -> str:
        rng, topic = self.rng, self._topic_label()
        region, city, adjective = rng.choice(REGIONS), rng.choice(CITIES), rng.choice(ADJECTIVES)
        names = {
            "alliance": f"{adjective} Allianz für {topic}",
            "coalition": f"Koalition für {topic} in {region}",
            "forum": f"{city}-Forum {topic}",
            "platform": f"Plattform {topic} {region}",
            "dialogue": f"{region}-Dialog zu {topic}",
            "centre": f"Zentrum für {topic} {city}",
            "campaign": f"Kampagne {adjective} {topic}",
            "principles": f"{city}er Prinzipien zu {topic}",
            "programme": f"Programm {topic} {rng.randint(2005, 2030)}",
            "other": f"Initiative {topic} {region}",
        }
        return names[kind]

    def initiatives_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        for index in range(1, self.sizes.initiatives + 1):
            kind = _pick(rng, INITIATIVE_KINDS)
            name = self._initiative_name(kind)
            founded: tuple[date, str] | tuple[None, None] = (
                _dated(rng, 1990, 2024) if rng.random() < 0.85 else (None, None)
            )
            # A fifth are sub-groups (working groups, small groups) of an earlier initiative.
            parent = rng.randint(1, index - 1) if index > 10 and rng.random() < 0.2 else None
            row = {
                "id": index,
                "slug": slugs.make(name),
                "name": name,
                "name_en": None,
                "aliases": [],
                "kind": kind,
                "description": f"{name}: Zusammenarbeit zu {self._topic_label()}.",
                "status": rng.choices(
                    ["active", "ended", "planned", "unknown"], weights=[60, 15, 5, 20]
                )[0],
                "founded_on": founded[0],
                "founded_precision": founded[1],
                "website": None,
                "parent_id": parent,
                **_stamp(index),
            }
            self.rows[Initiative].append(row)
            self.initiatives.append(row)
            for topic_id in rng.sample(self.topic_ids, rng.randint(1, 3)):
                self.rows[InitiativeTopic].append({"initiative_id": index, "topic_id": topic_id})

    def events_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        for index in range(1, self.sizes.events + 1):
            initiative = rng.choice(self.initiatives) if rng.random() < 0.9 else None
            starts, precision = _dated(rng, 2005, 2025)
            city = rng.choice(CITIES)
            label = initiative["name"] if initiative else f"Konferenz {self._topic_label()}"
            name = f"{label}: Treffen in {city} {starts.year}"
            self.events.append(
                {
                    "id": index,
                    "slug": slugs.make(name),
                    "name": name,
                    "name_en": None,
                    "aliases": [],
                    "starts_on": starts,
                    "ends_on": starts + timedelta(days=rng.randint(0, 3))
                    if precision == "day"
                    else None,
                    "date_precision": precision,
                    "place": city,
                    "virtual": rng.random() < 0.1,
                    "description": None,
                    "initiative_id": initiative["id"] if initiative else None,
                    **_stamp(index),
                }
            )
        self.rows[Event] = self.events

    # participations, documents and mentions ------------------------------------------------------

    def participations(self) -> list[dict[str, Any]]:
        """Participations without evidence yet; popular initiatives get many (Zipf-like)."""
        rng = self.rng
        actor_weights = [ACTOR_ACTIVITY[actor["kind"]] for actor in self.actors]
        ranks = list(range(len(self.initiatives)))
        rng.shuffle(ranks)
        initiative_weights = [1.0 / (rank + 5) ** 0.9 for rank in ranks]
        seen: set[tuple[int, str, int]] = set()
        rows: list[dict[str, Any]] = []
        while len(rows) < self.sizes.participations:
            actor = rng.choices(self.actors, weights=actor_weights)[0]
            if rng.random() < 0.85:
                target_type = "initiative"
                target = rng.choices(self.initiatives, weights=initiative_weights)[0]
                role = _pick(rng, INITIATIVE_ROLES)
            else:
                target_type, target = "event", rng.choice(self.events)
                role = _pick(rng, EVENT_ROLES)
            key = (actor["id"], target_type, target["id"])
            if key in seen:
                continue
            seen.add(key)
            start: tuple[date, str] | tuple[None, None] = (
                _dated(rng, 2000, 2024) if rng.random() < 0.4 else (None, None)
            )
            end_on = None
            if start[0] is not None and rng.random() < 0.2:
                end_on = start[0] + timedelta(days=rng.randint(400, 4000))
            rows.append(
                {
                    "id": len(rows) + 1,
                    "actor_id": actor["id"],
                    "initiative_id": target["id"] if target_type == "initiative" else None,
                    "event_id": target["id"] if target_type == "event" else None,
                    "role": role,
                    "start_on": start[0],
                    "end_on": end_on,
                    "date_precision": start[1],
                    "note": "Laut Abschlusserklärung." if rng.random() < 0.1 else None,
                    "evidence_document_id": None,
                    "evidence_mention_id": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    "_actor": actor,
                    "_target": target,
                    **_stamp(len(rows) + 1),
                }
            )
        return rows

    def documents(self, participations: list[dict[str, Any]]) -> None:
        """Documents whose sentences state the participations (90 % of them get evidence),
        with mentions of every actor, initiative and event they name."""
        rng = self.rng
        by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for participation in participations:
            if rng.random() < 0.9:
                by_document[rng.randint(1, self.sizes.documents)].append(participation)
        slugs = SlugRegistry()
        mention_id = 0
        for index in range(1, self.sizes.documents + 1):
            stated = by_document.get(index, [])
            subject = stated[0]["_actor"]["name"] if stated else rng.choice(self.actors)["name"]
            topic = self._topic_label()
            title = rng.choice(
                [
                    f"{subject} stärkt Zusammenarbeit bei {topic}",
                    f"Gemeinsame Erklärung zu {topic}",
                    f"{subject}: Neue Partnerschaften für {topic}",
                    f"Treffen in {rng.choice(CITIES)}: Fortschritte bei {topic}",
                ]
            )
            published, precision = _dated(rng, 2010, 2025)
            city = rng.choice(CITIES)
            text = _TextBuilder(f"{city} {DASH} ")
            mentions: list[dict[str, Any]] = []

            def mention(
                start: int,
                end: int,
                column: str,
                target_id: int,
                confirmed: bool,
                document_id: int = index,
                into: list[dict[str, Any]] = mentions,
            ) -> int:
                nonlocal mention_id
                mention_id += 1
                linked = not confirmed and rng.random() < 0.7
                status = "confirmed"
                if not confirmed:
                    status = rng.choices(["confirmed", "suggested", "rejected"], [80, 15, 5])[0]
                into.append(
                    {
                        "id": mention_id,
                        "document_id": document_id,
                        "start": start,
                        "end": end,
                        "text": None,  # filled from the text once it is complete
                        "actor_id": target_id if column == "actor_id" else None,
                        "initiative_id": target_id if column == "initiative_id" else None,
                        "event_id": target_id if column == "event_id" else None,
                        "method": "linked" if linked else "curated",
                        "confidence": round(rng.uniform(0.6, 0.99), 2) if linked else 1.0,
                        "status": status,
                        **_stamp(mention_id),
                    }
                )
                return mention_id

            for participation in stated:
                actor, target = participation["_actor"], participation["_target"]
                column = "initiative_id" if participation["initiative_id"] else "event_id"
                sentence_start = text.offset
                actor_start = text.add(actor["name"])
                actor_mention = mention(actor_start, text.offset, "actor_id", actor["id"], True)
                text.add(f" {ROLE_VERBS[participation['role']]} bei „")
                target_start = text.add(target["name"])
                mention(target_start, text.offset, column, target["id"], True)
                text.add("“. ")
                participation["evidence_document_id"] = index
                participation["evidence_mention_id"] = actor_mention
                participation["evidence_start"] = sentence_start
                participation["evidence_end"] = text.offset - 1
                text.add(self._filler(topic))
            # A few more names in passing: what the linker finds and editors review.
            for _ in range(rng.randint(1, 3)):
                other = rng.choice(self.actors)
                text.add("Auch ")
                start = text.add(other["name"])
                mention(start, text.offset, "actor_id", other["id"], False)
                text.add(" äußerte sich zu den Ergebnissen. ")
            while text.offset < rng.randint(1200, 3200):
                text.add(self._filler(topic))
            clean_text = text.value().strip()
            for item in mentions:
                item["text"] = clean_text[item["start"] : item["end"]]
            self.rows[Mention].extend(mentions)
            raw_text = (
                f"{rng.choice(PUBLISHERS)}\nStartseite > Aktuelles > Meldung {index}\n\n"
                f"{title}\n\n{clean_text}\n\nFoto: dpa\nTeilen | Drucken | Kontakt\n"
            )
            self.rows[Document].append(
                {
                    "id": index,
                    "slug": slugs.make(f"{published.year} {title}"),
                    "title": title,
                    "publisher": rng.choice(PUBLISHERS),
                    "kind": rng.choices(
                        ["press_release", "article", "news", "speech", "interview", "report"],
                        [40, 25, 20, 7, 4, 4],
                    )[0],
                    "language": "de" if rng.random() < 0.92 else "en",
                    "published_on": published,
                    "date_precision": precision,
                    "place": city,
                    "source_url": f"https://news.example.org/{index}",
                    "clean_text": clean_text,
                    "raw_text": raw_text,
                    "captions": ["Foto: dpa"] if rng.random() < 0.5 else [],
                    "sha256": hashlib.sha256(raw_text.encode()).hexdigest(),
                    **_stamp(index),
                }
            )
            for topic_id in rng.sample(self.topic_ids, rng.randint(1, 2)):
                self.rows[DocumentTopic].append({"document_id": index, "topic_id": topic_id})
        self.rows[Participation] = [
            {key: value for key, value in row.items() if not key.startswith("_")}
            for row in participations
        ]

    def _filler(self, topic: str) -> str:
        rng = self.rng
        sentence = rng.choice(FILLER)
        filled = sentence.format(topic=topic, city=rng.choice(CITIES), region=rng.choice(REGIONS))
        return filled + " "

    def affiliations(self) -> None:
        rng = self.rng
        people = [actor for actor in self.actors if actor["kind"] == "person"]
        bodies = [
            actor
            for actor in self.actors
            if actor["kind"] in {"state", "government_body", "international_organisation"}
        ]
        for index in range(1, self.sizes.affiliations + 1):
            title, title_en = rng.choice(TITLES)
            start, precision = _dated(rng, 2000, 2024)
            self.rows[Affiliation].append(
                {
                    "id": index,
                    "actor_id": rng.choice(people)["id"],
                    "organization_id": rng.choice(bodies)["id"],
                    "title": title,
                    "title_en": title_en,
                    "start_on": start,
                    "end_on": None,
                    "date_precision": precision,
                    "note": None,
                    "evidence_document_id": rng.randint(1, self.sizes.documents)
                    if rng.random() < 0.5
                    else None,
                    "evidence_mention_id": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    **_stamp(index),
                }
            )

    def build(self) -> None:
        self.topics()
        self.actors_()
        self.initiatives_()
        self.events_()
        participations = self.participations()
        self.documents(participations)
        self.affiliations()


class _TextBuilder:
    """A text assembled piece by piece, knowing the offset of each piece."""

    def __init__(self, start: str = "") -> None:
        self.parts = [start]
        self.offset = len(start)

    def add(self, piece: str) -> int:
        """Append a piece and return the offset where it starts."""
        start = self.offset
        self.parts.append(piece)
        self.offset += len(piece)
        return start

    def value(self) -> str:
        return "".join(self.parts)


# --- writing ------------------------------------------------------------------------------------

# Parents before children, so foreign keys hold at every insert.
TABLE_ORDER = [
    Topic,
    Actor,
    ActorTopic,
    Initiative,
    InitiativeTopic,
    Event,
    Document,
    DocumentTopic,
    Mention,
    Participation,
    Affiliation,
]


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write(connection: Connection, rows: dict[Any, list[dict[str, Any]]]) -> None:
    for model in TABLE_ORDER:
        table = model.__table__  # type: ignore[attr-defined]
        for batch in _batches(rows[model], BATCH_SIZE):
            connection.execute(table.insert(), list(batch))
    if connection.dialect.name == "postgresql":
        for model in TABLE_ORDER:
            table = model.__table__  # type: ignore[attr-defined]
            if "id" in table.c:
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
                    )
                )


def generate(engine: Engine, sizes: Sizes = FULL, seed: int = 20251106) -> Summary:
    """Fill the (migrated, empty) database behind `engine`; returns counts and sample keys."""
    started = time.perf_counter()
    generator = DirectoryGenerator(sizes, seed)
    generator.build()
    with engine.begin() as connection:
        _write(connection, generator.rows)
    summary = Summary(
        counts={model.__tablename__: len(generator.rows[model]) for model in TABLE_ORDER},
        actor_slugs=[actor["slug"] for actor in generator.actors],
        initiative_slugs=[initiative["slug"] for initiative in generator.initiatives],
        topic_slugs=[topic["slug"] for topic in generator.rows[Topic]],
    )
    slug_of_initiative = {row["id"]: row["slug"] for row in generator.initiatives}
    slug_of_actor = {row["id"]: row["slug"] for row in generator.actors}
    for row in generator.rows[Participation]:
        actor_slug = slug_of_actor[row["actor_id"]]
        summary.participations_per_actor[actor_slug] = (
            summary.participations_per_actor.get(actor_slug, 0) + 1
        )
        if row["initiative_id"] is not None:
            slug = slug_of_initiative[row["initiative_id"]]
            summary.participations_per_initiative[slug] = (
                summary.participations_per_initiative.get(slug, 0) + 1
            )
    summary.seconds = time.perf_counter() - started
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL of a migrated, empty Atlas database")
    parser.add_argument("--quick", action="store_true", help="a fifth of the full size")
    parser.add_argument("--seed", type=int, default=20251106)
    args = parser.parse_args()
    from atlas.db import create_db_engine

    engine = create_db_engine(args.url)
    try:
        summary = generate(engine, QUICK if args.quick else FULL, args.seed)
    finally:
        engine.dispose()
    counts = ", ".join(f"{count} {table}" for table, count in summary.counts.items())
    print(f"Generated in {summary.seconds:.1f} s: {counts}")


if __name__ == "__main__":
    main()
