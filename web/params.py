"""Request arguments -> validated values; anything off is a BadRequest with a message for the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from search.config import BOOLEAN_WORDS, Settings
from search.models import DEFAULT_KIND, DEFAULT_SORT, KINDS, SORT_ORDERS, SearchOptions
from search.research.timeline import INTERVALS, MAX_QUERIES


class BadRequest(Exception):
    """A request the service will not answer as asked: 400 with this message."""

    code = "bad_request"


@dataclass(frozen=True)
class SearchRequest:
    q: str
    page: int
    per_page: int
    options: SearchOptions = SearchOptions()

    def link_args(self) -> dict[str, str]:
        """The request's query, filters and mode as URL arguments, for links that keep them; defaults
        are left out."""
        options = self.options
        args = {"q": self.q, "kind": options.kind, "sort": options.sort, "speaker": options.speaker,
                "author": options.author, "outlet": options.outlet, "language": options.language, "date_from": options.date_from, "date_to": options.date_to,
                "story": options.story}
        defaults = {"kind": DEFAULT_KIND, "sort": DEFAULT_SORT}
        return {key: str(value) for key, value in args.items() if value and defaults.get(key) != value}


def _date(args: Mapping[str, str], name: str) -> dt.date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a date as YYYY-MM-DD, got {raw[:40]!r}") from None


MAX_NAME_CHARS = 200


def choice(args: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = args.get(name) or choices[0]
    if value not in choices:
        raise BadRequest(f"'{name}' must be one of {', '.join(choices)}, got {value[:40]!r}")
    return value


def _name(args: Mapping[str, str], name: str) -> str | None:
    value = (args.get(name) or "").strip() or None
    if value and len(value) > MAX_NAME_CHARS:
        raise BadRequest(f"'{name}' is too long (the limit is {MAX_NAME_CHARS} characters)")
    return value


def _flag(args: Mapping[str, str], name: str) -> bool:
    """A switch, read by the one rule settings are read by (1, true, yes, on; 0, false, no, off);
    absent or empty is off."""
    value = (args.get(name) or "0").strip().lower()
    if value not in BOOLEAN_WORDS:
        raise BadRequest(f"'{name}' must be one of {', '.join(BOOLEAN_WORDS)}, got {value[:40]!r}")
    return BOOLEAN_WORDS[value]


def search_options(args: Mapping[str, str]) -> SearchOptions:
    date_from, date_to = _date(args, "date_from"), _date(args, "date_to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest("'date_from' is after 'date_to'")
    return SearchOptions(speaker=_name(args, "speaker"), author=_name(args, "author"), outlet=_name(args, "outlet"),
                         language=_name(args, "language"), date_from=date_from,
                         date_to=date_to, story=_name(args, "story"), sort=choice(args, "sort", SORT_ORDERS),
                         kind=choice(args, "kind", KINDS), as_you_type=_flag(args, "as_you_type"))


def _whole_number(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a whole number, got {raw[:40]!r}") from None


def _bounded_int(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = _whole_number(args, name, default)
    if not low <= value <= high:
        raise BadRequest(f"'{name}' must be between {low} and {high}, got {value}")
    return value


def searched(args: Mapping[str, str], settings: Settings) -> SearchRequest:
    """A search_request whose query text is required: a 400 without it."""
    params = search_request(args, settings)
    if not params.q:
        raise BadRequest("Parameter 'q' is required: the words to search for")
    return params


def search_request(args: Mapping[str, str], settings: Settings) -> SearchRequest:
    # How long a query may be is the searcher's to say (query syntax, or a pasted text), in one place.
    q = args.get("q", "")
    page, per_page = _whole_number(args, "page", 1), _whole_number(args, "per_page", settings.per_page)
    settings.check_page(page, per_page)
    return SearchRequest(q=q.strip(), page=page, per_page=per_page, options=search_options(args))


@dataclass(frozen=True)
class PersonRequest:
    name: str
    q: str
    page: int
    per_page: int
    options: SearchOptions = SearchOptions()

    def link_args(self) -> dict[str, str]:
        """The words and filters a person's page keeps in its links (its name is in the path)."""
        return SearchRequest(self.q, 1, 1, replace(self.options, kind=DEFAULT_KIND, sort=DEFAULT_SORT,
                                                   speaker=None, story=None)).link_args()


def person_request(name: str, args: Mapping[str, str], settings: Settings) -> PersonRequest:
    """A person's page: the name from the path, optional words, a page and the search filters."""
    if not name.strip():
        raise BadRequest("A person's page needs a name")
    if len(name) > MAX_NAME_CHARS:
        raise BadRequest(f"The name is too long (the limit is {MAX_NAME_CHARS} characters)")
    params = search_request(args, settings)
    return PersonRequest(name.strip(), params.q, params.page, params.per_page, params.options)


@dataclass(frozen=True)
class TimelineRequest:
    queries: tuple[str, ...]
    interval: str | None
    options: SearchOptions = SearchOptions()

    def link_args(self) -> dict[str, str | list[str]]:
        """The request as URL arguments: every query as a 'q', the interval when chosen, the filters."""
        filters = SearchRequest("", 1, 1, self.options).link_args()
        return {"q": list(self.queries), **({"interval": self.interval} if self.interval else {}), **filters}


def timeline_request(args, settings: Settings) -> TimelineRequest:
    """Up to MAX_QUERIES queries, each a 'q' argument (blank ones left out), an optional interval
    and the search filters; `args` is a request's MultiDict."""
    queries = tuple(q.strip() for q in args.getlist("q") if q.strip())
    if not queries:
        raise BadRequest("Parameter 'q' is required: the words to search for, one 'q' per line of the timeline")
    if len(queries) > MAX_QUERIES:
        raise BadRequest(f"A timeline compares at most {MAX_QUERIES} queries ('q' given {len(queries)} times)")
    interval = args.get("interval") or None
    if interval is not None and interval not in INTERVALS:
        raise BadRequest(f"'interval' must be one of {', '.join(INTERVALS)}, got {interval[:40]!r}")
    return TimelineRequest(queries=queries, interval=interval, options=search_options(args))


def quoted(args: Mapping[str, str]) -> str:
    """The quotation to check, required: a 400 without it. How long it may be is the searcher's to say."""
    text = (args.get("text") or "").strip()
    if not text:
        raise BadRequest("Parameter 'text' is required: the quotation to check")
    return text


def paragraph(args: Mapping[str, str], paragraphs: int) -> int | None:
    """The paragraph `p` asked for (from 1), one of the article's `paragraphs`, or None."""
    if not args.get("p"):
        return None
    return _bounded_int(args, "p", 1, 1, paragraphs)
