"""Settings: defaults, overridden by config.toml, then the environment, then explicit overrides (CLI flags).

This is the only module that reads config.toml or the environment.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .schema import DEFAULT_STOPWORDS, STOPWORD_LISTS

ENV_PREFIX = "NEWS_SEARCH_"
CONFIG_ENV_VAR = ENV_PREFIX + "CONFIG"
DEFAULT_CONFIG_NAME = "config.toml"


def _in(section: str, default: Any) -> Any:
    """A setting's default, and the config.toml section it belongs in."""
    return dataclasses.field(default=default, metadata={"section": section})


@dataclasses.dataclass(frozen=True)
class Settings:
    corpus: Path = _in("paths", Path("corpus"))
    index: Path = _in("paths", Path("index"))
    host: str = _in("server", "127.0.0.1")
    port: int = _in("server", 8080)
    threads: int = _in("server", 4)
    access_log: bool = _in("server", True)
    per_page: int = _in("search", 10)
    max_per_page: int = _in("search", 100)
    max_page: int = _in("search", 1000)
    max_query_chars: int = _in("search", 1000)
    max_pasted_chars: int = _in("search", 10_000)
    title_weight: int = _in("search", 2)
    bm25_k1: float = _in("search", 1.2)
    bm25_b: float = _in("search", 0.75)
    all_words_up_to: int = _in("search", 3)
    fill_below: int = _in("search", 10)
    stopwords: str = _in("search", DEFAULT_STOPWORDS)
    snippet_fragments: int = _in("search", 3)
    snippet_chars: int = _in("search", 200)
    query_timeout_s: float = _in("search", 2.0)
    max_query_terms: int = _in("search", 64)
    max_expansions: int = _in("search", 1000)
    facet_size: int = _in("search", 10)
    suggest_below: int = _in("search", 3)
    related_articles: int = _in("search", 5)
    max_file_mb: float = _in("indexer", 20.0)
    writer_limitmb: int = _in("indexer", 128)
    rebuild_workers: int = _in("indexer", 0)




FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
SECTION_OF = {name: f.metadata["section"] for name, f in FIELDS.items()}
PATH_KEYS = {name for name, f in FIELDS.items() if f.type == "Path"}


def _coerce(key: str, value: Any, base_dir: Path) -> Any:
    kind = FIELDS[key].type
    try:
        if kind == "Path":
            path = Path(value).expanduser()
            return path if path.is_absolute() else base_dir / path
        if kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return _boolean(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"Setting {key!r} needs {KIND_NAMES[kind]}, got {value!r}") from None


KIND_NAMES = {"Path": "a path", "int": "an integer", "float": "a number", "bool": "true or false", "str": "text"}
BOOLEAN_WORDS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in BOOLEAN_WORDS:
        return BOOLEAN_WORDS[value.strip().lower()]
    raise ValueError(value)


def _flatten_toml(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        items = value.items() if isinstance(value, Mapping) else [(key, value)]
        for name, item in items:
            if name not in FIELDS:
                known = ", ".join(sorted(FIELDS))
                raise ConfigError(f"Unknown setting {name!r} in {source} (known: {known})")
            if isinstance(value, Mapping) and key != SECTION_OF[name]:
                raise ConfigError(f"Setting {name!r} belongs in [{SECTION_OF[name]}], not [{key}], in {source}")
            flat[name] = item
    return flat


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return _flatten_toml(tomllib.load(handle), str(path))
    except FileNotFoundError:
        raise ConfigError(f"Config file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"Config file {path} is not valid TOML: {error}") from None


def find_config_file(explicit: str | os.PathLike | None, env: Mapping[str, str]) -> Path | None:
    """The config file to read: a flag, else $NEWS_SEARCH_CONFIG, else ./config.toml if present."""
    if explicit:
        return Path(explicit)
    if env.get(CONFIG_ENV_VAR):
        return Path(env[CONFIG_ENV_VAR])
    local = Path.cwd() / DEFAULT_CONFIG_NAME
    return local if local.is_file() else None


def load_settings(
    config_path: str | os.PathLike | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build Settings. Relative paths in the file are taken from the file's folder, others from the cwd."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = find_config_file(config_path, env)
    if path is not None:
        base_dir = path.resolve().parent
        values.update({k: _coerce(k, v, base_dir) for k, v in _read_config_file(path).items()})
    cwd = Path.cwd()
    for key in FIELDS:
        raw = env.get(ENV_PREFIX + key.upper())
        if raw is not None and raw != "":
            values[key] = _coerce(key, raw, cwd)
    for key, value in (overrides or {}).items():
        if key not in FIELDS:
            raise ConfigError(f"Unknown setting {key!r}")
        if value is not None:
            values[key] = _coerce(key, value, cwd)
    settings = Settings(**values)
    _check(settings)
    return settings


def _check(settings: Settings) -> None:
    positive = ("threads", "per_page", "max_per_page", "max_page", "max_query_chars", "max_pasted_chars",
                "snippet_fragments", "snippet_chars", "query_timeout_s", "max_query_terms", "max_expansions",
                "max_file_mb", "writer_limitmb", "bm25_k1", "facet_size", "related_articles")
    for key in positive:
        if getattr(settings, key) <= 0:
            raise ConfigError(f"Setting {key!r} must be positive, got {getattr(settings, key)!r}")
    for key in ("title_weight", "bm25_b", "all_words_up_to", "fill_below", "suggest_below",
                "rebuild_workers"):
        if getattr(settings, key) < 0:
            raise ConfigError(f"Setting {key!r} must not be negative, got {getattr(settings, key)!r}")
    if not 1 <= settings.port <= 65535:
        raise ConfigError(f"Setting 'port' must be between 1 and 65535, got {settings.port}")
    if settings.stopwords not in STOPWORD_LISTS:
        raise ConfigError(f"Setting 'stopwords' must be one of {', '.join(STOPWORD_LISTS)}, got {settings.stopwords!r}")
    if settings.bm25_b > 1:
        raise ConfigError(f"Setting 'bm25_b' must be between 0 and 1, got {settings.bm25_b!r}")
    if settings.per_page > settings.max_per_page:
        raise ConfigError("Setting 'per_page' cannot exceed 'max_per_page'")
