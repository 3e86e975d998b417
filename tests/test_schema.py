"""The schemas and analyzers, defined once: an Article as documents, and back from what is stored."""

import datetime as dt

from whoosh.filedb.filestore import RamStorage

from search.index.schema import (BODY, DEFAULT_FIELDS, QUOTE_FIELDS, QUOTATION_TEXT, build_quote_schema, build_schema,
                                 from_stored, indexed_body, quote_documents, quote_from_stored,
                                 stopwords, text_analyzer, to_document)
from search.models import Article, Quote

ARTICLE = Article(id="a/b.html", title="Harbour bridge opens", body="The bridge opened.\n\nIt cost more.",
                  author="Hana Sato", speakers=("Elena Varga",), date=dt.date(2019, 4, 2), date_source="meta",
                  url="https://example.org/b", outlet="Halden Herald",
                  quotes=(Quote("Elena Varga", "We will not sign a blank cheque"),))


def _stored(schema, documents: list[dict], index_name: str = "MAIN") -> list[dict]:
    index = RamStorage().create_index(schema, indexname=index_name)
    with index.writer() as writer:
        for document in documents:
            writer.add_document(**document)
    with index.searcher() as searcher:
        return [searcher.stored_fields(docnum) for docnum in range(len(documents))]


def test_an_article_reads_back_from_what_its_document_stores():
    stored = _stored(build_schema(), [to_document(ARTICLE, story="a/a.html", title_weight=2)])[0]
    assert from_stored(stored) == ARTICLE
    assert stored["story"] == "a/a.html"


def test_an_undated_article_with_no_author_stores_neither():
    bare = Article(id="x.txt", title="T", body="Words.", author=None, speakers=(), date=None)
    document = to_document(bare)
    assert "author" not in document and "date" not in document and document["recency"] == 0
    assert from_stored(_stored(build_schema(), [document])[0]) == bare


def test_the_body_indexes_the_article_then_its_headline_as_often_as_weighted():
    assert indexed_body(ARTICLE, 2) == "The bridge opened.\n\nIt cost more.\n\nHarbour bridge opens\n\nHarbour bridge opens"


def test_each_quotation_is_a_document_of_the_quotes_index():
    documents = quote_documents(ARTICLE)
    assert [document["id"] for document in documents] == ["a/b.html#1"]
    quote, article_id, title, date = quote_from_stored(_stored(build_quote_schema(), documents)[0])
    assert (quote, article_id, title, date) == (ARTICLE.quotes[0], "a/b.html", ARTICLE.title, ARTICLE.date)


def test_each_kind_of_search_reads_its_text_field():
    assert DEFAULT_FIELDS == (BODY,) and QUOTE_FIELDS == (QUOTATION_TEXT,)
    assert BODY in build_schema() and QUOTATION_TEXT in build_quote_schema()


def test_the_stop_list_drops_common_words_and_stems_the_rest():
    assert {"the", "and", "of"} <= stopwords("english")
    assert [token.text for token in text_analyzer()("The harbours of Halden")] == ["harbour", "halden"]
    pairs = build_schema()["body_pairs"].analyzer
    assert [token.text for token in pairs("Reported by the Harbour authority")] == [
        "reported by", "by the", "the harbour"]
