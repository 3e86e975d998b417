"""Queries that complete what has been typed so far: its last word finished, or a speaker's name."""

from __future__ import annotations

import itertools
import re

from ..config import Settings
from ..index.schema import BODY
from .parse import written_words_field
from .plan import articles_plan_or_none
from .reading import Reading

# The last word of a query being typed names a speaker after one of these.
NAME_FIELD = re.compile(r"^(?:speaker|said):", re.IGNORECASE)


def completions(reading: Reading, text: str, limit: int, settings: Settings) -> list[str]:
    """The last word finished with words as written, those found with the words before it first,
    then the commonest; after speaker: or said:, speakers' names."""
    reader = reading.articles.reader()
    head, _, last = text.rpartition(" ")
    field, colon, last = last.rpartition(":") if NAME_FIELD.match(last) else ("", "", last)
    last = last.lower().lstrip('"')
    if len(last) < 2:
        return []
    if colon:
        names = sorted(_speakers_named(reader, last, settings.max_expansions),
                       key=lambda name: -reader.doc_frequency("speaker", name))
        return [f'{head} {field}:"{name}"'.strip() if " " in name else f"{head} {field}:{name}".strip()
                for name in names[:limit]]
    written = written_words_field(BODY)
    words = [word.decode("utf-8") for word in
             itertools.islice(reader.expand_prefix(written, last), settings.max_expansions)]
    with_head = _articles_with(reading, head, settings)
    together = {word: len(with_head.intersection(reader.postings(written, word).all_ids())) if with_head else 0
                for word in words}
    if any(together.values()):
        # Words never found with the words before them are no completion of this query.
        words = [word for word in words if together[word]]
    ranked = sorted(words, key=lambda word: (-together[word], -reader.doc_frequency(written, word)))
    return list(dict.fromkeys(f"{head} {word}".strip() for word in ranked))[:limit]


def _speakers_named(reader, start: str, most: int) -> list[str]:
    """Speakers (as indexed, in lower case) one of whose names begins with `start`, the first `most`."""
    found = []
    for name in reader.lexicon("speaker"):
        name = name.decode("utf-8")
        if any(word.startswith(start) for word in name.split()):
            found.append(name)
            if len(found) >= most:
                break
    return found


def _articles_with(reading: Reading, head: str, settings: Settings) -> set[int]:
    """The articles the words before the last one find (none when they are no query)."""
    plan = articles_plan_or_none(reading, head, settings)
    if plan is None or plan.kind != "articles":
        return set()
    return set(reading.articles.docs_for_query(plan.query))
