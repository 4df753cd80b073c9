"""Loading seeds/ (the source texts and their curated annotations) into the database."""

from atlas.seeding.load import SeedBundle, SeedReport, read_seed_bundle, seed_database

__all__ = ["SeedBundle", "SeedReport", "read_seed_bundle", "seed_database"]
