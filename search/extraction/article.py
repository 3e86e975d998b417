"""Pure: a page's text -> an Article, every field extracted once."""

from __future__ import annotations

import datetime as dt

from ..errors import UnreadableArticle
from ..models import PARAGRAPH_BREAK, Article, CleanedPage
from ..names import readable
from .fields import extract_author, extract_date, extract_outlet, extract_title, lead_title, web_address
from .html_pages import clean_html
from .language import detect_language
from .lines import clean_text
from .speakers import attributions_for, extract_quotes, extract_speakers, has_speaker_rules, one_spelling


def extract_article(doc_id: str, page: CleanedPage, latest: dt.date | None = None) -> Article:
    """The Article of a cleaned page; `latest`: the last day it can have been published (None: no bound)."""
    dated = extract_date(page, latest)
    url = web_address(page.metadata.url)
    title = extract_title(page) or lead_title(page.paragraphs) or readable(doc_id)
    language = detect_language(title, page.paragraphs, page.metadata.language)
    speakers, quotes = (), ()
    if has_speaker_rules(language):
        attributions = attributions_for(list(page.paragraphs), language)
        speakers = extract_speakers(page.paragraphs, attributions)
        speakers, quotes = one_spelling(speakers, extract_quotes(page.paragraphs, speakers, attributions))
    return Article(
        id=doc_id,
        title=title,
        body=PARAGRAPH_BREAK.join(page.paragraphs),
        author=extract_author(page),
        speakers=speakers,
        date=dated[0] if dated else None,
        date_source=dated[1] if dated else None,
        url=url,
        outlet=extract_outlet(page, url, doc_id),
        quotes=quotes,
        body_source=page.body_source,
        language=language,
    )


CLEANERS = {"text": clean_text, "html": clean_html}


def article_from_text(doc_id: str, kind: str, text: str, latest: dt.date | None = None) -> Article:
    article = extract_article(doc_id, CLEANERS[kind](text), latest)
    if not article.body.strip():
        raise UnreadableArticle("no article text left after removing boilerplate")
    return article
