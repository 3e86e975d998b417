"""Reading the corpus: which files are articles, and how bytes become text."""

import codecs
import gzip
import os

import pytest

from search.errors import CorpusError
from search.errors import UnreadableArticle
from search.extraction.decoding import decode
from search.index.sources import as_text, find_articles, read_bytes

from .conftest import write_article


def _read(source, max_bytes):
    """A file's text, as a rebuild reads it: its bytes, then unpacked and decoded."""
    return as_text(source, read_bytes(source, max_bytes), max_bytes)


def test_find_articles_recursively_in_a_stable_order(tmp_path):
    for name in ("b/two.html", "a/one.txt", "a/notes.md", "three.HTM", "data.csv"):
        write_article(tmp_path, name, "x")
    found = [(s.doc_id, s.kind) for s in find_articles(tmp_path)]
    assert found == [("three.HTM", "html"), ("a/one.txt", "text"), ("b/two.html", "html")]


def test_gzipped_pages_are_articles_of_the_kind_inside(tmp_path):
    page = tmp_path / "saved.html.gz"
    page.write_bytes(gzip.compress("<p>Café talks</p>".encode("utf-8")))
    (tmp_path / "archive.tar.gz").write_bytes(gzip.compress(b"x"))
    [source] = find_articles(tmp_path)
    assert (source.doc_id, source.kind) == ("saved.html.gz", "html")
    assert _read(source, max_bytes=1000) == "<p>Café talks</p>"


def test_a_gzipped_page_is_held_to_the_size_limit_once_unpacked(tmp_path):
    page = tmp_path / "bomb.txt.gz"
    page.write_bytes(gzip.compress(b"a" * 1_000_000))
    [source] = find_articles(tmp_path)
    with pytest.raises(UnreadableArticle, match="too large once decompressed"):
        _read(source, max_bytes=10_000)


def test_symlink_loops_are_not_followed(tmp_path):
    write_article(tmp_path, "a/one.txt", "x")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    assert [s.doc_id for s in find_articles(tmp_path)] == ["a/one.txt"]


def test_missing_corpus(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        list(find_articles(tmp_path / "nope"))


@pytest.mark.parametrize("data, expected", [
    ("Sandër said “yes”".encode("utf-8"), "Sandër said “yes”"),
    (codecs.BOM_UTF8 + "café".encode("utf-8"), "café"),
    (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café"),
    (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café"),
    ("“café” – naïve".encode("windows-1252"), "“café” – naïve"),
])
def test_decode(data, expected):
    assert decode(data, "text") == expected


def test_decode_html_uses_its_declared_charset():
    data = '<html><head><meta charset="windows-1252"></head><body>“café”</body></html>'.encode("windows-1252")
    assert "“café”" in decode(data, "html")


TEXTS = {
    "de": "Für die Grünen ist das Ergebnis ein Erfolg, sagte die Ministerin. Die Bürgermeisterin äußerte sich.",
    "pl": "Premier powiedział, że rząd nie zmieni ustawy. Źródła podają, że posłowie głosowali przeciw.",
    "fr": "Le président a déclaré que la réforme était nécessaire. « Nous ne reculerons pas », a-t-il ajouté.",
    "es": "El ministro afirmó que «la reforma es necesaria» y añadió que el año próximo habrá elecciones.",
}
STRAY = [b"\xff", b"\xe9", b"\xc3", b"\x92\x93"]  # a byte of another charset, a character cut short


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("strays", [1, 2, 4])
def test_a_utf8_page_with_a_few_bad_bytes_is_utf8_those_bytes_replaced(language, strays):
    """Made by rule: a valid UTF-8 page with 1 to 4 invalid byte runs inserted between its words."""
    words = TEXTS[language].encode("utf-8").split(b" ")
    for number in range(strays):
        at = 1 + number * (len(words) - 2) // strays
        words[at] = words[at] + STRAY[number % len(STRAY)]
    page = b"<html><head><meta charset='iso-8859-1'></head><body><p>" + b" ".join(words) + b"</p></body></html>"
    text = decode(page, "html")
    assert all(word in text for word in TEXTS[language].split() if word.isalpha())
    assert "Ã" not in text and "Å" not in text and 1 <= text.count("\ufffd") <= 2 * strays


# Texts in one-byte charsets: Western European ones in Windows-1252, Central European ones in
# Windows-1250 and Latin-2 (which place ą, ś, ź apart).
ONE_BYTE_TEXTS = {**{language: TEXTS[language] for language in ("de", "fr", "es")},
                  "pl": TEXTS["pl"] + " Rząd ogłosił, że wybory zostaną przełożone. Śląsk też.",
                  "cs": "Vláda oznámila, že volby budou odloženy. Příští týden se sejde parlament, řekl mluvčí."}
CHARSETS = {"de": ["windows-1252"], "fr": ["windows-1252"], "es": ["windows-1252"],
            "pl": ["windows-1250", "iso-8859-2"], "cs": ["windows-1250", "iso-8859-2"]}
# What a page says of its charset: nothing, the truth, or what an old template says whatever the page is.
DECLARATIONS = ["none", "true", "windows-1252", "iso-8859-1", "utf-8"]


@pytest.mark.parametrize("language, charset", [(language, charset) for language, charsets in CHARSETS.items()
                                               for charset in charsets])
@pytest.mark.parametrize("declared", DECLARATIONS)
def test_a_page_in_a_one_byte_charset_is_read_in_it_whatever_it_declares(language, charset, declared):
    """Made by rule: each text in each charset that writes it, as a text scrape and as a page that
    declares nothing, its charset, or another."""
    text = ONE_BYTE_TEXTS[language]
    if declared == "none":
        assert decode(text.encode(charset), "text") == text
        head = ""
    else:
        head = f'<meta charset="{charset if declared == "true" else declared}">'
    page = f"<html><head>{head}</head><body><p>{text}</p></body></html>"
    assert decode(page.encode(charset), "html") == page


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t", "empty"), (b"\x7fELF\x00\x00\x01", "binary")])
def test_unreadable(data, reason):
    with pytest.raises(UnreadableArticle, match=reason):
        decode(data, "text")


def test_too_large(tmp_path):
    write_article(tmp_path, "big.txt", "x" * 2000)
    source = next(find_articles(tmp_path))
    with pytest.raises(UnreadableArticle, match="too large"):
        _read(source, max_bytes=1000)


@pytest.mark.parametrize("charset, text", [
    ("windows-1251", "Правительство объявило, что выборы будут перенесены на следующий год."),
    ("koi8-r", "Правительство объявило, что выборы будут перенесены на следующий год."),
    ("shift_jis", "政府は選挙を延期すると発表した。"),
])
def test_a_page_declaring_a_charset_of_another_script_is_read_in_it(charset, text):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>' \
           f"<body><p>{text}</p></body></html>"
    assert decode(page.encode(charset), "html") == page
