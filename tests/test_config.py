"""Settings precedence: flag > environment > config.toml > default, and helpful failures."""

import tomllib
from pathlib import Path

import pytest

from search.config import RULES, SECTION_OF, Settings, load_settings
from search.errors import ConfigError

from .conftest import REPO


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings.port == Settings.port
    assert settings.index == Path("index")


def test_file_then_environment_then_flags(tmp_path):
    config = write_config(tmp_path, '[server]\nport = 9001\nhost = "0.0.0.0"\n[paths]\nindex = "idx"\n')
    from_file = load_settings(config, env={})
    assert (from_file.port, from_file.host) == (9001, "0.0.0.0")
    assert from_file.index == tmp_path / "idx"  # relative to the config file's folder
    from_env = load_settings(config, env={"NEWS_SEARCH_PORT": "9002"})
    assert (from_env.port, from_env.host) == (9002, "0.0.0.0")
    from_flag = load_settings(config, env={"NEWS_SEARCH_PORT": "9002"}, overrides={"port": 9003, "host": None})
    assert (from_flag.port, from_flag.host) == (9003, "0.0.0.0")


def test_config_file_from_environment(tmp_path):
    config = write_config(tmp_path, "[server]\nport = 9100\n")
    assert load_settings(env={"NEWS_SEARCH_CONFIG": str(config)}).port == 9100


@pytest.mark.parametrize("text, message", [
    ("[server]\nprot = 1\n", "Unknown setting 'prot'"),
    ("[server]\nport = \"high\"\n", "Setting 'port' needs an integer"),
    ("[search]\nper_page = 0\n", "'per_page' must be at least 1, got 0"),
    ("[search]\nper_page = 50\nmax_per_page = 20\n", "cannot exceed"),
    ("[server\n", "not valid TOML"),
    ("[server]\nport = 99999\n", "'port' must be between 1 and 65535, got 99999"),
    ("[server]\nport = 0\n", "'port' must be between 1 and 65535"),
    ("[server]\naccess_log = \"sometimes\"\n", "'access_log' needs true or false"),
    ("[search]\nport = 9000\n", "Setting 'port' belongs in \\[server\\], not \\[search\\]"),
    ("[search]\nbm25_b = 1.5\n", "'bm25_b' must be between 0 and 1, got 1.5"),
    ("[search]\nquery_timeout_s = 0\n", "'query_timeout_s' must be positive, got 0.0"),
    ("[search]\nstopwords = \"french\"\n", "'stopwords' must be one of english, whoosh, none, got 'french'"),
    ("[search]\ntitle_weight = -1\n", "'title_weight' must be at least 0, got -1"),
])
def test_bad_config_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(write_config(tmp_path, text), env={})


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="Config file not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_bad_environment_value():
    with pytest.raises(ConfigError, match="Setting 'port' needs an integer, got 'abc'"):
        load_settings(env={"NEWS_SEARCH_PORT": "abc"})


@pytest.mark.parametrize("raw, value", [("false", False), ("0", False), ("off", False), ("true", True), ("yes", True)])
def test_a_switch_reads_true_and_false_words(raw, value):
    assert load_settings(env={"NEWS_SEARCH_ACCESS_LOG": raw}).access_log is value


def test_the_bundled_config_puts_every_setting_in_its_section():
    sections = tomllib.loads((REPO / "config.toml").read_text(encoding="utf-8"))
    placed = {name: section for section, values in sections.items() for name in values}
    assert placed == SECTION_OF
    assert load_settings(REPO / "config.toml", env={}).port == 8080


@pytest.mark.parametrize("key", [key for key, rule in RULES.items() if rule.at_least is not None or rule.above is not None])
def test_every_bound_of_the_settings_table_is_enforced(key):
    rule = RULES[key]
    low = rule.at_least if rule.at_least is not None else rule.above
    smallest_page = {"per_page": 1}  # so that max_per_page may be 1

    def load(value):
        return load_settings(env={}, overrides={**smallest_page, key: value})

    with pytest.raises(ConfigError, match=key):
        load(low - 1 if rule.at_least is not None else low)
    if rule.at_most is not None:
        with pytest.raises(ConfigError, match=key):
            load(rule.at_most + 1)
        assert getattr(load(rule.at_most), key) == rule.at_most
    inside = low if rule.at_least is not None else low + 0.5
    assert getattr(load(inside), key) == inside
