"""Configuration comes from the environment, with defaults that run on a fresh machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from atlas.settings import PROJECT_ROOT, Settings, SettingsError, normalize_database_url


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [
        "DATABASE_URL",
        "ATLAS_DATABASE_URL",
        "ATLAS_HOST",
        "ATLAS_PORT",
        "ATLAS_WORKERS",
        "ATLAS_LOG_LEVEL",
        "ATLAS_CORS_ORIGINS",
    ]:
        monkeypatch.delenv(name, raising=False)


def test_defaults_use_a_sqlite_file_under_data() -> None:
    settings = Settings()

    assert settings.database_url == "sqlite:///data/atlas.db"
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)
    assert settings.log_level == "INFO"
    assert settings.cors_origins == []


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://atlas@db:5432/atlas")
    monkeypatch.setenv("ATLAS_HOST", "0.0.0.0")
    monkeypatch.setenv("ATLAS_PORT", "9000")
    monkeypatch.setenv("ATLAS_LOG_LEVEL", "debug")
    monkeypatch.setenv("ATLAS_CORS_ORIGINS", "https://a.example, https://b.example")

    settings = Settings()

    assert settings.database_url == "postgresql://atlas@db:5432/atlas"
    assert (settings.host, settings.port, settings.log_level) == ("0.0.0.0", 9000, "DEBUG")
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_cors_origins_accept_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_CORS_ORIGINS", '["https://a.example"]')

    assert Settings().cors_origins == ["https://a.example"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ATLAS_PORT", "eighty"),
        ("ATLAS_PORT", "70000"),
        ("ATLAS_LOG_LEVEL", "loud"),
        ("ATLAS_WORKERS", "0"),
    ],
)
def test_invalid_values_are_refused(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)

    with pytest.raises(ValidationError):
        Settings()


@pytest.mark.parametrize(
    ("raw", "driver"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///data/atlas.db", "sqlite"),
    ],
)
def test_database_urls_get_the_shipped_driver(raw: str, driver: str) -> None:
    assert normalize_database_url(raw).drivername == driver


@pytest.mark.parametrize("raw", ["mysql://u@h/db", "not a url", ""])
def test_other_databases_and_garbage_are_refused(raw: str) -> None:
    with pytest.raises(SettingsError):
        normalize_database_url(raw)


def test_every_setting_is_documented() -> None:
    documented = (PROJECT_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`((?:ATLAS_|DATABASE_)[A-Z_]+)`", documented))

    expected = {"DATABASE_URL"} | {
        f"ATLAS_{name.upper()}" for name in Settings.model_fields if name != "database_url"
    }
    assert expected <= names
    assert Path(PROJECT_ROOT / "README.md").read_text(encoding="utf-8").count("docs/settings.md")
