"""A run's page of results: its hits with snippets, the facets of all its matches, and a suggestion."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from whoosh import highlight
from whoosh import query as wq
from whoosh.searching import Results

from ..config import Settings
from ..index.schema import BODY, DEFAULT_FIELDS, EXACT_FIELDS, QUOTE_FIELDS, from_stored, quote_from_stored
from ..models import FACETS, Hit, QuoteHit, SearchOptions, SearchPage, paragraph_at
from .matching import Execution
from .parse import options_filter, written_words_field
from .reading import Columns
from .rewrites import CloseWordsCorrector, unknown_terms
from .snippets import (
    MarkFormatter,
    analysed_occurrences,
    best_passages,
    lead_snippet,
    marked_tokens,
    merged_tokens,
    sought_words,
    stored_occurrences,
)


def search_page(run: Execution, page: int, per_page: int, options: SearchOptions, took_ms,
                settings: Settings) -> SearchPage:
    """Page `page` of a run's hits; `took_ms`: a function giving the time taken so far."""
    quotes, ranking = run.plan.kind == "quotes", run.ranking
    listed = ranking.page((page - 1) * per_page, per_page)
    shown = shown_hits(run.searcher, run.plan.query, listed)
    if quotes:
        hits = tuple(quote_hit(hit, hit.score, has_phrase(run.plan.query)) for hit in shown)
    else:
        snippets = _snippets(run.searcher, run.plan.query, shown, settings)
        others = [] if listed.others is None else listed.others.tolist()
        hits = tuple(listed_hit(hit, hit.score, settings, snippets[hit.docnum], others[at] if others else 0)
                     for at, hit in enumerate(shown))
    suggestion = None
    # While the user types, the last word is unfinished, not misspelt: no suggestion until submitted;
    # nor for a pasted text, which is searched by some of its words.
    if (run.complete < settings.suggest_below or run.plan.loosened) and not options.as_you_type \
            and not run.plan.pasted:
        suggestion = _suggestion(run, options)
    return SearchPage(
        query=run.plan.text, total=ranking.total, page=page, per_page=per_page, took_ms=took_ms(), hits=hits,
        options=replace(options, kind=run.plan.kind),
        facets=facets(run.columns, ranking.kept, ranking.matched, settings.facet_size), suggestion=suggestion,
        loosened=run.plan.loosened, with_every_word=run.complete if run.filled else None,
        undated=int((run.columns.recency_array[ranking.kept] == 0).sum()), read_as=run.plan.read_as,
        set_aside=run.plan.read.set_aside, matched=len(ranking.matched))


def shown_hits(searcher, query, listed) -> list:
    """Whoosh's hits of a page's documents, for their stored fields and highlighting."""
    return Results(searcher, query, list(zip(listed.scores.tolist(), listed.hits.tolist())))[:]


def has_phrase(query) -> bool:
    return any(isinstance(part, wq.Phrase) for part in query.leaves())


def facets(columns: Columns, kept: Sequence[int], matched: Sequence[int],
           size: int) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each facet's values with the hits that have them, so that a value's count is the total
    its filter gives. Outlets count every match, not only each story's best: the versions of a
    story sit in different outlets, and filtering by one keeps its version."""
    chosen = np.zeros(len(columns.live), dtype=bool)
    chosen[np.asarray(kept, dtype=np.int64)] = True
    every = np.zeros(len(columns.live), dtype=bool)
    every[np.asarray(matched, dtype=np.int64)] = True
    found = {}
    for name in FACETS:
        counted = every if name == "outlet" else chosen
        if name == "date":
            found[name] = tuple(sorted(columns.facets[name].counts(counted)))
        else:
            found[name] = commonest(columns.facets[name].counts(counted, most=size), size)
    return found


def commonest(counts, size: int) -> tuple[tuple[str, int], ...]:
    """The `size` values counted most, ties in alphabetical order."""
    return tuple(sorted(counts, key=lambda item: (-item[1], item[0].lower()))[:size])


def _snippets(searcher, q, shown, settings: Settings) -> dict[int, tuple[str, int | None]]:
    """Each shown hit's (snippet, paragraph): its best passages with the query's words marked,
    and the number of the paragraph of the first word marked (None without one)."""
    texts = {hit.docnum: hit.get(BODY, "") for hit in shown}
    found = {}
    for docnum, tokens in marked(searcher, q, texts).items():
        text = texts[docnum]
        best = best_passages(text, tokens, settings.snippet_fragments, settings.snippet_chars)
        found[docnum] = (MarkFormatter().format(best), paragraph_at(text, best[0].matches[0].startchar) if best else None)
    return found


def marked(searcher, q, texts: dict[int, str]) -> dict[int, list]:
    """The tokens of each document's text (by document number) that a query's words match: those of
    the text field and of its words as written (phrases, patterns), in text order."""
    reader, text_field = searcher.reader(), BODY
    found: dict[int, list] = {docnum: [] for docnum in texts}
    for fieldname in (text_field, EXACT_FIELDS[text_field]):
        if fieldname not in searcher.schema:
            continue
        words, phrases = sought_words(q, reader, fieldname)
        sought = words | {word.encode("utf-8") for phrase in phrases for word in phrase.words}
        if not sought:
            continue
        if searcher.schema[fieldname].supports("characters"):
            occurrences = stored_occurrences(reader, fieldname, sought, list(texts))
        else:
            analyzer = searcher.schema[fieldname].analyzer
            occurrences = {docnum: analysed_occurrences(analyzer, text, sought) for docnum, text in texts.items()}
        for docnum, text in texts.items():
            found[docnum].append(marked_tokens(text, occurrences[docnum], words, phrases))
    return {docnum: merged_tokens(*groups) for docnum, groups in found.items()}


def listed_hit(hit, score: float, settings: Settings, snippet: tuple[str, int | None] = ("", None),
               similar: int = 0) -> Hit:
    """A hit without a snippet from the query gets the article's lead paragraph; `snippet`: its
    text and the paragraph it starts in; `similar`: how many other articles of its story matched."""
    fields = hit.fields()
    article = from_stored(fields)
    return Hit(id=article.id, title=article.title, date=article.date, author=article.author,
               speakers=article.speakers, score=round(float(score), 4),
               snippet=snippet[0] or lead_snippet(article.body, settings.snippet_chars), url=article.url,
               story=fields.get("story", article.id), similar=similar, outlet=article.outlet,
               paragraph=snippet[1] if snippet[0] else None, language=article.language)


def quote_hit(hit, score: float, strict_phrase: bool) -> QuoteHit:
    quote, article_id, title, date = quote_from_stored(hit.fields())
    whole = highlight.Highlighter(fragmenter=highlight.WholeFragmenter(), formatter=MarkFormatter())
    snippet = whole.highlight_hit(hit, "text", top=1, minscore=0, strict_phrase=strict_phrase)
    return QuoteHit(article_id=article_id, title=title, date=date, speaker=quote.speaker,
                    snippet=snippet or html.escape(quote.text), score=round(float(score), 4))


def _suggestion(run: Execution, options: SearchOptions) -> str | None:
    """The query with misspelt words replaced by close index words, when that finds more."""
    searcher, parser, text = run.searcher, run.plan.parser, run.plan.text
    fields = QUOTE_FIELDS if run.plan.kind == "quotes" else DEFAULT_FIELDS
    try:
        parsed = parser.parse(text)
        # The words as written (not their stems) of the main text field correct every searched field.
        written = written_words_field(fields[-1])
        corrector = CloseWordsCorrector(searcher.reader(), written, searcher.schema[written])
        misspelt = unknown_terms(parsed, text, searcher.reader())
        if not misspelt:
            return None
        correction = searcher.correct_query(parsed, text, correctors={name: corrector for name in fields},
                                            terms=misspelt, maxdist=2, prefix=1)
    except Exception:  # a suggestion is a nicety: a query Whoosh cannot correct simply gets none
        return None
    suggested = correction.string.strip()
    if not suggested or suggested.lower() == text.strip().lower():
        return None
    # The corrected query holds the words as written: parsed again, they are analysed like any query.
    found = searcher.search(parser.parse(suggested), limit=1, filter=options_filter(options))
    # After loosening, the hits may already be the corrected query's: the suggestion names them.
    return suggested if len(found) > (0 if run.plan.loosened else run.complete) else None
