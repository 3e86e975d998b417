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
from urllib.parse import urlsplit

from .errors import ConfigError, PageOutOfRange
from .index.schema import DEFAULT_STOPWORDS, STOPWORD_LISTS

ENV_PREFIX = "NEWS_SEARCH_"
CONFIG_ENV_VAR = ENV_PREFIX + "CONFIG"
DEFAULT_CONFIG_NAME = "config.toml"


@dataclasses.dataclass(frozen=True)
class Rule:
    """A setting's row of the one settings table: the config.toml section it belongs in, its bounds
    (inclusive `at_least` and `at_most`, exclusive `above`), the values it may take, and what it does.
    Validation, the table of docs/configuration.md and the comments of config.toml follow from it."""

    section: str
    help: str
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    choices: tuple[str, ...] = ()

    def bounds(self) -> str:
        """The bounds as docs/configuration.md writes them."""
        if self.choices:
            return "one of " + ", ".join(f"`{choice}`" for choice in self.choices)
        if self.above is not None:
            return f"> {self.above:g}"
        if self.at_least is not None and self.at_most is not None:
            return f"{self.at_least:g}–{self.at_most:g}"
        if self.at_least is not None:
            return f"≥ {self.at_least:g}"
        return ""


def _setting(default: Any, section: str, help: str, **bounds: Any) -> Any:
    return dataclasses.field(default=default, metadata={"rule": Rule(section, help, **bounds)})


@dataclasses.dataclass(frozen=True)
class Settings:
    corpus: Path = _setting(Path("corpus"), "paths", "folder of articles (.txt, .html, .htm, and WARC, JSON Lines "
                            "and JSON files, each perhaps gzipped), read recursively, or one such file")
    index: Path = _setting(Path("index"), "paths", "folder holding the index generations; a rebuild writes a "
                           "new one and swaps it in")
    host: str = _setting("127.0.0.1", "server", "address the server listens on")
    port: int = _setting(8080, "server", "port the server listens on", at_least=1, at_most=65535)
    threads: int = _setting(4, "server", "waitress worker threads", at_least=1)
    access_log: bool = _setting(True, "server", "`python -m web` logs each request: method, path, status, "
                                "milliseconds")
    public_url: str = _setting("", "server", "the address readers reach the service at (`https://news.example.org`), "
                               "from which feeds and the OpenSearch description build their links; empty: the "
                               "address each request names in its Host header (set it behind a proxy)")
    per_page: int = _setting(10, "search", "results per page by default", at_least=1)
    max_per_page: int = _setting(100, "search", "largest `per_page` a request may ask for", at_least=1)
    max_page: int = _setting(1000, "search", "deepest page a request may ask for", at_least=1)
    max_query_chars: int = _setting(1000, "search", "longer queries with query syntax are refused with a 400",
                                    at_least=1)
    max_pasted_chars: int = _setting(10_000, "search", "text up to this long (a pasted paragraph, post or "
                                     "claim) is searched by its words; longer is refused with a 400", at_least=1)
    syntax_up_to_words: int = _setting(12, "search", "a text of more words is a passage pasted in: all of it is "
                                       "read as words, its quotations as hints (docs/query-syntax.md)", at_least=1)
    title_weight: int = _setting(2, "search", "times the headline's words count in the article's text for "
                                 "ranking", at_least=0)
    bm25_k1: float = _setting(1.2, "search", "BM25 term-frequency saturation", above=0)
    bm25_b: float = _setting(0.75, "search", "BM25 length normalisation (0 none, 1 full)", at_least=0, at_most=1)
    all_words_up_to: int = _setting(3, "search", "texts read as words need all of them up to this many "
                                    "words; longer ones rank any", at_least=0)
    fill_below: int = _setting(10, "search", "when fewer articles have every word of such a query, those with "
                               "some of its words follow them; 0: never", at_least=0)
    stopwords: str = _setting(DEFAULT_STOPWORDS, "search", "English words left out of the index and queries: "
                              "`english` (153), `whoosh` (34), `none` (no stopword left out in any language; "
                              "other languages otherwise drop Whoosh's list of theirs)", choices=tuple(STOPWORD_LISTS))
    snippet_fragments: int = _setting(3, "search", "fragments per result snippet", at_least=1)
    snippet_chars: int = _setting(200, "search", "characters per snippet fragment", at_least=1)
    query_timeout_s: float = _setting(2.0, "search", "a search, article view or completion running longer is "
                                      "stopped, wherever it is, and refused (400, `query_too_slow`)", above=0)
    max_query_terms: int = _setting(64, "search", "queries with more words and filters are refused", at_least=1)
    max_expansions: int = _setting(1000, "search", "a `prefix*` or wildcard matching more index words is "
                                   "refused", at_least=1)
    facet_size: int = _setting(10, "search", "speakers and authors listed in the facets of a result set",
                               at_least=1)
    suggest_below: int = _setting(3, "search", "a query with fewer hits gets a spelling suggestion, when one "
                                  "finds more", at_least=0)
    related_articles: int = _setting(5, "search", "\"more like this\" articles listed with an article",
                                     at_least=1)
    max_file_mb: float = _setting(20.0, "indexer", "larger corpus files, and larger pages and lines in WARC and "
                                  "JSON files, are skipped and reported", above=0)
    writer_limitmb: int = _setting(128, "indexer", "memory for the index writer's buffers, in MB", at_least=1)
    rebuild_workers: int = _setting(0, "indexer", "processes that read, clean and index articles at once; `0` "
                                    "is one per CPU core", at_least=0)
    scheduler: str = _setting("", "cluster", "address of a Dask scheduler (`tcp://HOST:8786`) whose workers read, "
                              "extract and write a rebuild's articles; empty: this machine's processes")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)

    def check_page(self, page: int, per_page: int) -> None:
        """Raise PageOutOfRange for a page, or a page size, that no request may ask for: the one bound
        the web and the command line are held to."""
        if not 1 <= page <= self.max_page:
            raise PageOutOfRange(f"'page' must be between 1 and {self.max_page}, got {page}")
        if not 1 <= per_page <= self.max_per_page:
            raise PageOutOfRange(f"'per_page' must be between 1 and {self.max_per_page}, got {per_page}")


FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
RULES: dict[str, Rule] = {name: f.metadata["rule"] for name, f in FIELDS.items()}
SECTION_OF = {name: rule.section for name, rule in RULES.items()}
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
    for key, rule in RULES.items():
        value = getattr(settings, key)
        if rule.choices and value not in rule.choices:
            raise ConfigError(f"Setting {key!r} must be {rule.bounds().replace('`', '')}, got {value!r}")
        if rule.above is not None and not value > rule.above:
            raise ConfigError(f"Setting {key!r} must be positive, got {value!r}")
        low, high = rule.at_least, rule.at_most
        if low is not None and high is not None and not low <= value <= high:
            raise ConfigError(f"Setting {key!r} must be between {low:g} and {high:g}, got {value!r}")
        if low is not None and value < low:
            raise ConfigError(f"Setting {key!r} must be at least {low:g}, got {value!r}")
    if settings.public_url and not (settings.public_url.startswith(("http://", "https://"))
                                    and urlsplit(settings.public_url).hostname):
        raise ConfigError(f"Setting 'public_url' must be an http:// or https:// address, got {settings.public_url!r}")
    if settings.per_page > settings.max_per_page:
        raise ConfigError("Setting 'per_page' cannot exceed 'max_per_page'")
