"""Full-text search: the engine-neutral contract and its SQLite and PostgreSQL implementations."""
