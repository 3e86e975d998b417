"""Request arguments -> validated values; anything off is a BadRequest with a message for the user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from search.config import Settings


class BadRequest(Exception):
    """A request the service will not answer as asked: 400 with this message."""

    code = "bad_request"


@dataclass(frozen=True)
class SearchRequest:
    q: str
    page: int
    per_page: int


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
    )
