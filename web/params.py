"""Request arguments -> validated values; anything off is a BadRequest with a message for the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from search.config import Settings
from search.models import DEFAULT_SORT, SORT_ORDERS, SearchOptions


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
        """The request's query and filters as URL arguments, for links that keep them (pagination)."""
        args = {"q": self.q, "sort": self.options.sort, "speaker": self.options.speaker,
                "date_from": self.options.date_from, "date_to": self.options.date_to}
        return {key: str(value) for key, value in args.items()
                if value and not (key == "sort" and value == DEFAULT_SORT)}


def _date(args: Mapping[str, str], name: str) -> dt.date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a date as YYYY-MM-DD, got {raw[:40]!r}") from None


def search_options(args: Mapping[str, str]) -> SearchOptions:
    sort = args.get("sort") or DEFAULT_SORT
    if sort not in SORT_ORDERS:
        raise BadRequest(f"'sort' must be one of {', '.join(SORT_ORDERS)}, got {sort[:40]!r}")
    speaker = (args.get("speaker") or "").strip() or None
    if speaker and len(speaker) > 200:
        raise BadRequest("'speaker' is too long (the limit is 200 characters)")
    date_from, date_to = _date(args, "date_from"), _date(args, "date_to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest("'date_from' is after 'date_to'")
    return SearchOptions(speaker=speaker, date_from=date_from, date_to=date_to, sort=sort)


def _bounded_int(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a whole number, got {raw[:40]!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"'{name}' must be between {low} and {high}, got {value}")
    return value


def search_request(args: Mapping[str, str], settings: Settings) -> SearchRequest:
    q = args.get("q", "")
    if len(q) > settings.max_query_chars:
        raise BadRequest(f"The query is too long ({len(q)} characters; the limit is {settings.max_query_chars})")
    return SearchRequest(
        q=q.strip(),
        page=_bounded_int(args, "page", 1, 1, settings.max_page),
        per_page=_bounded_int(args, "per_page", settings.per_page, 1, settings.max_per_page),
        options=search_options(args),
    )
