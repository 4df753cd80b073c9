"""Example request bodies for the OpenAPI document, drawn from the seed data."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "actors": {
        "create": {
            "name": "Auswärtiges Amt",
            "name_en": "Federal Foreign Office",
            "aliases": ["AA", "des Auswärtigen Amts"],
            "kind": "government_body",
            "country": "DE",
            "topics": ["multilateralismus"],
        },
        "update": {"name_en": "German Federal Foreign Office", "aliases": ["AA"]},
    },
    "initiatives": {
        "create": {
            "name": "Stockholm-Initiative",
            "name_en": "Stockholm Initiative for Nuclear Disarmament",
            "kind": "alliance",
            "status": "active",
            "founded_on": "2019-06-11",
            "founded_precision": "day",
            "topics": ["abruestung"],
        },
        "update": {"status": "active", "parent": None},
    },
    "events": {
        "create": {
            "name": "Astana International Forum 2025",
            "initiative": "astana-international-forum",
            "starts_on": "2025-05-29",
            "ends_on": "2025-05-30",
            "date_precision": "day",
            "place": "Astana",
            "virtual": False,
        },
        "update": {"place": "Astana, Kasachstan"},
    },
    "topics": {
        "create": {"label_de": "Abrüstung", "label_en": "Disarmament"},
        "update": {"label_en": "Arms control and disarmament"},
    },
    "documents": {
        "create": {
            "raw_text": "Willkommen auf den Seiten des Auswärtigen Amts\n\n"
            "Deutschland tritt COVAX bei\n\n01.02.2021 - Pressemitteilung\n\n"
            "Deutschland unterstützt die Impfstoffplattform COVAX.",
            "source_url": "https://www.auswaertiges-amt.de/de/newsroom/beispiel",
            "topics": ["gesundheit"],
        },
        "update": {"title": "Deutschland tritt COVAX bei", "topics": ["gesundheit"]},
    },
    "participations": {
        "create": {
            "actor": "deutschland",
            "initiative": "stockholm-initiative",
            "role": "member",
            "evidence": {
                "document": "2020-08-10-suedkorea-strategischer-partner-in-asien",
                "start": 2412,
                "end": 2513,
            },
        },
        "update": {"role": "co_chair", "start_on": "2020-01-01", "date_precision": "year"},
    },
    "affiliations": {
        "create": {
            "actor": "heiko-maas",
            "organization": "deutschland",
            "title": "Außenminister",
            "title_en": "Foreign Minister",
            "start_on": "2018-03-14",
            "date_precision": "day",
        },
        "update": {"end_on": "2021-12-08"},
    },
    "mentions": {
        "create": {
            "document": "2020-08-10-suedkorea-strategischer-partner-in-asien",
            "start": 0,
            "end": 8,
            "entity": "actor:suedkorea",
        },
        "update": {"status": "rejected"},
    },
}
