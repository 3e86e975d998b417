"""Guards on the project itself: dependency direction, and docs that cannot drift from the code."""

import ast
import json
import re
import tomllib

from search.cli import build_parser
from search.config import RULES, Settings
from search.errors import SearchError
from search.index.schema import stopwords
from web.errors import status_of
from web.params import BadRequest, search_request

from ..conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "docs").glob("*.md"))}
EVERYWHERE = "\n".join([README, *DOCS.values()])


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_search_never_imports_web_or_flask():
    for path in (REPO / "search").rglob("*.py"):
        for module in imported_modules(path):
            assert module.split(".")[0] not in {"web", "flask", "werkzeug", "waitress"}, f"{path.name} imports {module}"


# The stages of search/ and the stages each may import (besides the modules at search/'s top).
STAGES = {"extraction": set(), "research": set(), "whoosh_private": set(),
          "index": {"extraction", "whoosh_private"}, "query": {"index", "research", "whoosh_private"}}
MAX_MODULE_LINES, MAX_CLASS_LINES, MAX_TOP_MODULES = 450, 300, 12


def _stage_imports(path):
    """The stages of search/ a module of one imports (its relative imports, resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 2:
            yield (node.module or node.names[0].name).split(".")[0]


def test_search_shows_its_stages_as_folders_that_depend_one_way():
    top = sorted(path.name for path in (REPO / "search").glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    for stage, allowed in STAGES.items():
        package = REPO / "search" / stage
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and doc.strip(), f"search/{stage}/ says nothing of its job"
        for path in package.glob("*.py"):
            for imported in _stage_imports(path):
                assert imported not in STAGES or imported in allowed, f"search/{stage}/{path.name} imports {imported}"


def test_no_module_is_a_hub():
    for path in [*(REPO / "search").rglob("*.py"), *(REPO / "web").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.relative_to(REPO)} is too long"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno - node.lineno < MAX_CLASS_LINES, f"{node.name} in {path.name} is too long"


def test_query_planning_never_reads_an_index():
    parser = REPO / "search" / "query" / "parse.py"
    modules = set(imported_modules(parser))
    assert not modules & {"whoosh.reading", "whoosh.searching", "whoosh.index"}, modules
    assert "IndexReader" not in parser.read_text(encoding="utf-8")


def _shown(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_the_docs_table_and_config_toml_are_the_settings_table():
    """Each setting's row in docs/configuration.md and its comment and value in config.toml are
    what the one settings table (search/config.py) says: section, default, bounds and help."""
    config_text = (REPO / "config.toml").read_text(encoding="utf-8")
    config = tomllib.loads(config_text)
    assert {key for section in config.values() for key in section} == set(RULES)
    lines = config_text.splitlines()
    defaults = Settings()
    for key, rule in RULES.items():
        row = f"| `{key}` | `[{rule.section}]` | `{_shown(getattr(defaults, key))}` | {rule.bounds()} | {rule.help} |"
        assert row in DOCS["configuration.md"], f"docs/configuration.md does not show {key} as the table does"
        assert _shown(config[rule.section][key]) == _shown(getattr(defaults, key)).replace("_", ""), key
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
        assert lines[at - 1] == f"# {rule.help}", f"config.toml's comment on {key} is not its help"


def test_every_cli_command_is_documented():
    commands = re.search(r"\{([\w,]+)\}", build_parser().format_usage())[1].split(",")
    assert "rebuild" in commands
    for name in commands:
        assert f"python -m search {name}" in DOCS["cli.md"]


def test_quick_start_has_two_commands_and_the_test_one_is_what_ci_runs():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert commands == ["python3 -m venv .venv && .venv/bin/pip install -U pip && .venv/bin/pip install -e . && "
                        ".venv/bin/python -m web", "bash .ci/run"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -q chromium" in ci
    assert ci.rstrip().endswith(".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest")


# A curl line of README, then the response it shows as `# ...` lines (a status line, then the body).
README_CALL = re.compile(r"^curl (?:-i )?'http://127\.0\.0\.1:8080(?P<path>/api/[^']+)'\n(?P<shown>(?:# .*\n)+)",
                         re.MULTILINE)


def test_the_docs_show_the_responses_the_service_gives(client):
    calls = list(README_CALL.finditer(DOCS["api.md"]))
    assert len(calls) >= 3
    for call in calls:
        lines = [line[2:] for line in call["shown"].splitlines()]
        response = client.get(call["path"])
        if lines[0].startswith("HTTP/1.1 "):
            assert response.status_code == int(lines[0].split()[1]), call["path"]
            lines = lines[1:]
        assert response.get_json() == json.loads("\n".join(lines)), call["path"]


def test_the_api_search_example_is_what_the_service_answers(client):
    shown = re.search(r"curl '(?P<url>http://127\.0\.0\.1:8080/api/search\?q=speaker:okafor[^']+)'\n```\n\n```json\n"
                      r"(?P<body>.*?)\n```", DOCS["api.md"], re.DOTALL)
    expected = json.loads(shown["body"])
    answer = client.get(shown["url"].removeprefix("http://127.0.0.1:8080")).get_json()
    # Everything but the time the search took.
    assert {**answer, "took_ms": None} == {**expected, "took_ms": None}


# A row of the table of how texts are read: what is typed, how it is read, what is set aside.
READ_ROW = re.compile(r"^\| `(?P<text>[^`]+)` \| (?P<read_as>words|query|refused)[^|]* \|(?P<aside>[^|]*)\|$", re.MULTILINE)


def test_the_docs_examples_of_how_a_text_is_read_are_what_the_service_does(client):
    section = DOCS["query-syntax.md"].split("## How a text is read", 1)[1].split("\n## ", 1)[0]
    rows = list(READ_ROW.finditer(section))
    assert len(rows) >= 8 and {row["read_as"] for row in rows} == {"words", "query", "refused"}
    for row in rows:
        response = client.get("/api/search", query_string={"q": row["text"]})
        body = response.get_json()
        if row["read_as"] == "refused":
            assert response.status_code == 400 and body["error"], row["text"]
            continue
        assert response.status_code == 200, row["text"]
        assert (body["read_as"], body["set_aside"]) == (row["read_as"], re.findall(r"`([^`]+)`", row["aside"])), \
            row["text"]


def test_the_stopword_counts_the_docs_give_are_the_lists_own():
    config = (REPO / "config.toml").read_text(encoding="utf-8")
    for name in ("english", "whoosh"):
        count = len(stopwords(name))
        assert f"`{name}` ({count})" in EVERYWHERE and f"`{name}` ({count})" in config
    assert f"the {len(stopwords('english'))} English stopwords" in EVERYWHERE


def test_readme_links_every_page_of_docs_and_each_link_leads_to_one():
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)\)", README))
    assert linked == set(DOCS)


class _Recording(dict):
    """Request arguments that remember every name asked for."""

    def __init__(self):
        super().__init__()
        self.asked = set()

    def get(self, name, default=None):
        self.asked.add(name)
        return default


def test_every_search_parameter_is_documented_in_the_api_page():
    args = _Recording()
    search_request(args, Settings())
    assert args.asked >= {"q", "page", "per_page", "sort", "kind"}
    table = DOCS["api.md"].split("| parameter | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = set(re.findall(r"`(\w+)`", "\n".join(line.split("|")[1] for line in table.splitlines()[2:])))
    assert args.asked <= documented, args.asked - documented


ERROR_ROW = re.compile(r"^\| (?P<status>\d{3}) \| (?P<codes>[^|]+) \| [^|]+ \| (?P<example>[^|]*)\|$", re.MULTILINE)


def _library_errors():
    pending, found = [SearchError], []
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return found + [BadRequest]


def test_every_error_code_is_in_the_api_page_error_table_with_its_status():
    table = {code: int(row["status"]) for row in ERROR_ROW.finditer(DOCS["api.md"])
             for code in re.findall(r"`(\w+)`", row["codes"])}
    for kind in _library_errors():
        assert table.get(kind.code) == status_of(kind("x")), kind.__name__


def test_the_error_table_examples_give_their_status_and_code(client):
    rows = [row for row in ERROR_ROW.finditer(DOCS["api.md"]) if row["example"].strip()]
    assert len(rows) >= 4
    for row in rows:
        method, path = row["example"].strip(" `").split(" ", 1)
        response = client.open(path, method=method)
        assert response.status_code == int(row["status"]), path
        assert response.get_json()["error"]["code"] in re.findall(r"`(\w+)`", row["codes"]), path
