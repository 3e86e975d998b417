"""Container files as a crawler or a scraper writes them: WARC files written here with warcio, JSON Lines
and news-please JSON, read record by record, each damaged record reported where it lies."""

import gzip
import io
import json
import zlib
from pathlib import Path

import brotli
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from search.errors import UnreadableArticle
from search.extraction.records import article_from_record, record_of_json
from search.index.archives import records_in
from search.index.sources import SourceFile, article_kind, find_articles
from search.models import Record, Skipped

MAX_BYTES = 5_000_000


def page(title: str, words: str, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>{title}</h1><p>{words} The council said on Monday that the work would go on until spring, "
            f"and that residents would be told of every closure in advance.</p></article>"
            f"<footer>Copyright 2021 Example News</footer></body></html>").encode()


def http(status: str = "200 OK", content_type: str = "text/html; charset=utf-8", *extra) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")


def response(writer, url: str, body: bytes, headers: StatusAndHeaders | None = None, date: str | None = None):
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers or http(),
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)


def chunked(body: bytes, size: int = 50) -> bytes:
    parts = [body[at:at + size] for at in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


def write_warc(path: Path, fill, gzipped: bool = True) -> Path:
    with open(path, "wb") as handle:
        fill(WARCWriter(handle, gzip=gzipped))
    return path


def container(path: Path, doc_id: str | None = None) -> SourceFile:
    return SourceFile(path, doc_id or path.name, article_kind(path.name))


def read(path: Path) -> list:
    return list(records_in(container(path), MAX_BYTES))


def crawl(writer):
    """A crawl as crawlers write it: requests beside responses, every encoding a server uses, pages
    that are no articles, and one address fetched twice."""
    request = StatusAndHeaders("GET /news/one HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://news.example.org/news/one", "request",
                                                  payload=io.BytesIO(b""), http_headers=request))
    response(writer, "https://news.example.org/news/one", page("Plain page", "Walruses came ashore."))
    response(writer, "https://news.example.org/news/chunked", chunked(page("Chunked page", "Puffins nested.")),
             http("200 OK", "text/html; charset=utf-8", ("Transfer-Encoding", "chunked")))
    response(writer, "https://news.example.org/news/gzip", gzip.compress(page("Gzip page", "Otters swam.")),
             http("200 OK", "text/html", ("Content-Encoding", "gzip")))
    response(writer, "https://news.example.org/news/brotli", brotli.compress(page("Brotli page", "Herons waded.")),
             http("200 OK", "text/html", ("Content-Encoding", "br")))
    response(writer, "https://news.example.org/report.pdf", b"%PDF-1.4 not a page", http("200 OK", "application/pdf"))
    response(writer, "https://news.example.org/gone", page("Not found", "Nothing here."), http("404 Not Found"))
    response(writer, "https://news.example.org/moved", b"", http("301 Moved Permanently", "text/html",
                                                                 ("Location", "https://news.example.org/news/one")))
    response(writer, "https://news.example.org/news/twice", page("First fetch", "Seals basked."),
             date="2021-03-01T10:00:00Z")
    response(writer, "https://news.example.org/news/twice", page("Second fetch", "Seals basked again."),
             date="2021-03-02T10:00:00Z")
    writer.write_record(writer.create_revisit_record(
        "https://news.example.org/news/one", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        refers_to_uri="https://news.example.org/news/one", refers_to_date="2021-03-01T10:00:00Z",
        http_headers=http()))


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_crawl_gives_one_article_per_html_page_answered_with_success(tmp_path, gzipped):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), crawl, gzipped)
    found = read(path)
    assert all(isinstance(item, Record) for item in found)
    assert [item.url.rsplit("/", 1)[1] for item in found] == ["one", "chunked", "gzip", "brotli", "twice"]
    assert found[0].doc_id == f"{path.name}#https://news.example.org/news/one"
    titles = [article_from_record(item).title for item in found]
    assert titles == ["Plain page", "Chunked page", "Gzip page", "Brotli page", "Second fetch"]
    # The page's text, its transfer and content encodings undone, without the page's furniture.
    bodies = [article_from_record(item).body for item in found]
    assert bodies[1].startswith("Puffins nested.") and "Copyright" not in bodies[1] and "Home" not in bodies[1]
    assert bodies[2].startswith("Otters swam.") and bodies[3].startswith("Herons waded.")


def test_the_latest_fetch_of_an_address_is_the_article_wherever_it_lies(tmp_path):
    def fill(writer):
        response(writer, "https://e.org/a", page("Later", "Newer words."), date="2021-05-02T00:00:00Z")
        response(writer, "https://e.org/a", page("Earlier", "Older words."), date="2021-05-01T00:00:00Z")
    assert [article_from_record(item).title for item in read(write_warc(tmp_path / "c.warc.gz", fill))] == ["Later"]


def test_a_page_with_no_date_is_dated_by_its_fetch_and_says_so(tmp_path):
    def fill(writer):
        response(writer, "https://e.org/undated", page("Undated", "Gulls gathered."), date="2021-06-07T08:00:00Z")
        response(writer, "https://e.org/2020/01/05/dated", page("Dated", "Terns arrived."), date="2021-06-07T08:00:00Z")
    undated, dated = (article_from_record(item) for item in read(write_warc(tmp_path / "c.warc.gz", fill)))
    assert (str(undated.date), undated.date_source) == ("2021-06-07", "crawl")
    assert (str(dated.date), dated.date_source) == ("2020-01-05", "url")
    assert undated.url == "https://e.org/undated"


def test_the_charset_the_server_declares_is_how_the_page_is_read(tmp_path):
    russian = "<html><body><article><p>Городской совет проголосовал за строительство нового моста через реку, " \
              "сообщил мэр города в понедельник утром.</p></article></body></html>"

    def fill(writer):
        response(writer, "https://e.ru/news", russian.encode("windows-1251"),
                 http("200 OK", "text/html; charset=windows-1251"))
    article = article_from_record(read(write_warc(tmp_path / "c.warc.gz", fill))[0])
    assert "Городской совет проголосовал" in article.body and article.language == "ru"


def test_a_record_cut_off_in_the_middle_is_reported_and_those_before_it_are_read(tmp_path):
    whole = write_warc(tmp_path / "whole.warc", lambda writer: [
        response(writer, f"https://e.org/{n}", page(f"Page {n}", f"Story {n} of the harbour.")) for n in range(3)],
        gzipped=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:len(data) - 200])  # inside the last record's page
    found = read(cut)
    assert [item.url for item in found if isinstance(item, Record)] == ["https://e.org/0", "https://e.org/1"]
    assert found[-1] == Skipped("cut.warc#https://e.org/2", found[-1].reason, container="cut.warc")
    assert "cut short" in found[-1].reason


def test_a_gzip_member_cut_off_at_the_end_is_reported_with_where_it_begins(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", lambda writer: [
        response(writer, f"https://e.org/{n}", page(f"Page {n}", f"Story {n} of the harbour.")) for n in range(3)])
    data = whole.read_bytes()
    for cut_at in (len(data) - 150, len(data) - (len(data) // 3) + 20):
        cut = tmp_path / "cut.warc.gz"
        cut.write_bytes(data[:cut_at])
        found = read(cut)
        good = [item for item in found if isinstance(item, Record)]
        bad = [item for item in found if isinstance(item, Skipped)]
        assert [item.url for item in good] == ["https://e.org/0", "https://e.org/1"]
        assert len(bad) == 1 and bad[0].container == "cut.warc.gz", bad
        assert bad[0].path.startswith("cut.warc.gz#") and ("cut" in bad[0].reason or "unreadable" in bad[0].reason)


def test_a_file_of_no_articles_and_a_file_that_is_no_archive_are_reported(tmp_path):
    pdf_only = write_warc(tmp_path / "pdfs.warc.gz", lambda writer: response(
        writer, "https://e.org/a.pdf", b"%PDF-1.4", http("200 OK", "application/pdf")))
    assert [item.reason for item in read(pdf_only)] == [
        "holds no article: no HTML page answered with success, no JSON object"]
    noise = tmp_path / "noise.warc.gz"
    noise.write_bytes(zlib.compress(b"not an archive at all" * 50))
    (skipped,) = read(noise)
    assert isinstance(skipped, Skipped) and skipped.path.startswith("noise.warc.gz")


def test_a_page_larger_than_the_limit_is_skipped_as_a_file_would_be(tmp_path):
    path = write_warc(tmp_path / "big.warc.gz", lambda writer: response(
        writer, "https://e.org/big", page("Big", "Words. " * 5000)))
    (skipped,) = records_in(container(path), 10_000)
    assert isinstance(skipped, Skipped) and "too large" in skipped.reason


# ---------------------------------------------------------------------------------------------- JSON

NEWS_PLEASE = {
    "authors": ["Anna Berger", "Jan Keller"], "date_download": "2022-09-13 10:00:00",
    "date_modify": None, "date_publish": "2022-09-12 08:30:00", "description": "Die Gemeinde stimmt ab.",
    "filename": "https%3A%2F%2Fwww.example-zeitung.de%2Fabstimmung.json", "image_url": None, "language": "de",
    "localpath": None, "maintext": "Die Gemeinde hat am Sonntag über den Bau einer neuen Brücke abgestimmt.\n"
                                   "Die Beteiligung lag bei sechzig Prozent, teilte die Verwaltung mit.",
    "source_domain": "www.example-zeitung.de", "title": "Gemeinde stimmt über neue Brücke ab",
    "title_page": None, "title_rss": None, "url": "https://www.example-zeitung.de/abstimmung"}


def test_a_news_please_file_is_one_article_with_its_fields(tmp_path):
    path = tmp_path / "abstimmung.json"
    path.write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    (record,) = read(path)
    article = article_from_record(record)
    assert article.id == "abstimmung.json"
    assert (article.title, str(article.date), article.date_source) == (
        "Gemeinde stimmt über neue Brücke ab", "2022-09-12", "meta")
    assert article.author == "Anna Berger, Jan Keller" and article.outlet == "example-zeitung.de"
    assert article.url == "https://www.example-zeitung.de/abstimmung" and article.language == "de"
    # The text's single line breaks are its paragraphs.
    assert article.body.split("\n\n") == NEWS_PLEASE["maintext"].split("\n")


@pytest.mark.parametrize("text_field", ["text", "maintext", "body", "content", "articleBody"])
@pytest.mark.parametrize("date_field", ["date", "date_publish", "datePublished", "published"])
def test_every_common_field_name_is_read(text_field, date_field):
    item = {text_field: "Volunteers counted 412 swifts over the old mill on Saturday, a record for the town.",
            date_field: "2020-07-04", "url": "https://e.org/swifts", "title": "Swifts counted"}
    article = article_from_record(record_of_json(item, "x.jsonl#1", "x.jsonl"))
    assert article.body.startswith("Volunteers counted 412 swifts") and str(article.date) == "2020-07-04"
    assert (article.title, article.url) == ("Swifts counted", "https://e.org/swifts")


@pytest.mark.parametrize("authors, expected", [
    (["Mia Roth", "Lee Park"], "Mia Roth, Lee Park"), ("Mia Roth", "Mia Roth"),
    ([{"@type": "Person", "name": "Mia Roth"}], "Mia Roth"), ({"name": "Mia Roth"}, "Mia Roth")])
def test_authors_are_read_as_a_list_a_string_or_objects(authors, expected):
    item = {"text": "The ferry ran again on Sunday after a week of storms, the operator said.", "authors": authors}
    assert article_from_record(record_of_json(item, "x.jsonl#1", "x.jsonl")).author == expected


def test_html_in_a_field_is_cleaned_like_a_page():
    item = {"html": page("A page kept whole", "Cranes nested on the church tower.").decode(),
            "url": "https://e.org/cranes"}
    article = article_from_record(record_of_json(item, "x.jsonl#1", "x.jsonl"))
    assert article.title == "A page kept whole" and article.body.startswith("Cranes nested")
    assert "Copyright" not in article.body
    marked = record_of_json({"content": "<p>Storks returned.</p><p>The mayor said so on Friday morning.</p>"},
                            "x.jsonl#2", "x.jsonl")
    assert marked.html is not None and article_from_record(marked).body == \
        "Storks returned.\n\nThe mayor said so on Friday morning."


@pytest.mark.parametrize("item", [{"title": "Only a title"}, ["a", "list"], "text", {"text": "   "}])
def test_an_object_with_no_text_is_no_article(item):
    with pytest.raises(UnreadableArticle):
        record_of_json(item, "x.jsonl#1", "x.jsonl")


def test_json_lines_with_broken_lines_among_good_ones(tmp_path):
    good = {"url": "https://e.org/1", "title": "Kites", "text": "Red kites were seen over the valley, a farmer said."}
    lines = [json.dumps(good), "{not json", "", json.dumps({"title": "No text"}), "[1, 2]",
             json.dumps({**good, "url": "https://e.org/2", "title": "Kites again"})]
    stray_byte = '{"text": "Ein Satz mit kaputtem Byte \xff und mehr Text, sagte die Sprecherin am Montag."}'
    path = tmp_path / "items.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n" + stray_byte.encode("latin-1") + b"\n")
    found = read(path)
    assert [(item.doc_id if isinstance(item, Record) else item.path) for item in found] == [
        "items.jsonl#1", "items.jsonl#2", "items.jsonl#4", "items.jsonl#5", "items.jsonl#6", "items.jsonl#7"]
    assert [type(item).__name__ for item in found] == ["Record", "Skipped", "Skipped", "Skipped", "Record", "Record"]
    assert "line 2 is not JSON" in found[1].reason and "no article text" in found[2].reason
    assert "not an object" in found[3].reason
    # A stray byte costs one character, not the line.
    assert article_from_record(found[-1]).body.startswith("Ein Satz mit kaputtem Byte \ufffd und mehr Text")


def test_gzipped_json_lines_cut_off_are_read_up_to_the_cut(tmp_path):
    lines = "".join(json.dumps({"text": f"Story {n}: the ferry ran again on Sunday, the operator said."}) + "\n"
                    for n in range(200)).encode()
    data = gzip.compress(lines)
    path = tmp_path / "items.jsonl.gz"
    path.write_bytes(data[:len(data) // 2])
    found = read(path)
    assert isinstance(found[-1], Skipped) and "cut off or damaged" in found[-1].reason
    assert 0 < len(found) - 1 < 200 and all(isinstance(item, Record) for item in found[:-1])


def test_a_json_list_is_numbered_and_a_broken_json_file_is_skipped_whole(tmp_path):
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"text": "Bats roosted in the old barn, the owner said on Friday."},
                                 {"url": "https://e.org/x"}]))
    first, second = read(items)
    assert first.doc_id == "items.json#1" and isinstance(second, Skipped) and second.path == "items.json#2"
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "cut", "text": "The')
    (skipped,) = read(broken)
    assert skipped.path == "broken.json" and skipped.reason.startswith("not JSON")


def test_container_files_are_corpus_files_and_a_corpus_may_be_one(tmp_path):
    for name in ("a.warc.gz", "b.warc", "c.arc.gz", "d.jsonl", "e.ndjson.gz", "f.json", "g.csv"):
        (tmp_path / name).write_bytes(b"x")
    assert [(source.doc_id, source.kind) for source in find_articles(tmp_path)] == [
        ("a.warc.gz", "warc"), ("b.warc", "warc"), ("c.arc.gz", "warc"), ("d.jsonl", "jsonl"),
        ("e.ndjson.gz", "jsonl"), ("f.json", "json")]
    assert [source.doc_id for source in find_articles(tmp_path / "d.jsonl")] == ["d.jsonl"]


def test_a_text_given_without_a_title_keeps_its_first_line_and_is_headed_by_its_first_sentence():
    item = {"text": "Ferry back in service\nThe ferry ran again on Sunday after a week of storms, the operator said."}
    article = article_from_record(record_of_json(item, "x.jsonl#1", "x.jsonl"))
    assert article.body.startswith("Ferry back in service\n\nThe ferry ran again")
    assert article.title == "Ferry back in service"


def arc_record(header: bytes, body: bytes) -> bytes:
    return header % len(body) + b"\n" + body + b"\n"


@pytest.mark.parametrize("name", ["old.arc", "old.arc.gz"])
def test_an_arc_file_of_the_older_format_is_read_as_a_warc(tmp_path, name):
    description = arc_record(b"filedesc://old.arc 0.0.0.0 20210101000000 text/plain %d",
                             b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n")
    fetched = arc_record(b"http://e.org/cormorants 1.2.3.4 20210304050607 text/html %d",
                         b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>Cormorants "
                         b"dried their wings on the pier, the harbour master said.</p></article></body></html>")
    path = tmp_path / name
    path.write_bytes(gzip.compress(description) + gzip.compress(fetched) if name.endswith(".gz")
                     else description + fetched)
    (record,) = read(path)
    article = article_from_record(record)
    assert record.doc_id == f"{name}#http://e.org/cormorants" and article.body.startswith("Cormorants dried")
    assert (str(article.date), article.date_source) == ("2021-03-04", "crawl")


def test_objects_one_after_another_under_a_json_name_are_each_an_article(tmp_path):
    good = {"text": "Swifts returned to the church tower on Monday, the warden said."}
    path = tmp_path / "items.json"
    path.write_text(json.dumps(good) + "\n{broken\n" + json.dumps(good, indent=2) + "\n" + json.dumps({"title": "x"}))
    found = read(path)
    assert [getattr(item, "doc_id", None) or item.path for item in found] == [
        "items.json#1", "items.json#2", "items.json#3", "items.json#4"]
    assert [type(item).__name__ for item in found] == ["Record", "Skipped", "Record", "Skipped"]
    assert "item 2 is not JSON" in found[1].reason and "no article text" in found[3].reason


def test_scrapy_s_json_lines_suffix_is_read_as_json_lines():
    assert article_kind("items.jl") == article_kind("items.jl.gz") == "jsonl"


@pytest.mark.parametrize("stamp", [1620000000, 1620000000000, 1620000000.5])
def test_a_date_given_as_a_unix_time_is_read(stamp):
    item = {"text": "The ferry ran again on Sunday after a week of storms, the operator said.", "published": stamp}
    article = article_from_record(record_of_json(item, "x.jsonl#1", "x.jsonl"))
    assert (str(article.date), article.date_source) == ("2021-05-03", "meta")


def test_a_resource_record_of_an_html_page_is_an_article_and_one_of_an_image_is_not(tmp_path):
    def fill(writer):
        for url, body, kind in (("https://e.org/page", page("Archived page", "Kestrels hovered."), "text/html"),
                                ("https://e.org/logo.png", b"\x89PNG", "image/png")):
            writer.write_record(writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                          warc_content_type=kind))
    (record,) = read(write_warc(tmp_path / "resources.warc.gz", fill))
    assert record.url == "https://e.org/page" and article_from_record(record).body.startswith("Kestrels hovered.")


def test_an_address_written_in_angle_brackets_is_the_address(tmp_path):
    def fill(writer):
        record = writer.create_warc_record("https://e.org/bracketed", "response",
                                           payload=io.BytesIO(page("Bracketed", "Owls called.")), http_headers=http())
        record.rec_headers.replace_header("WARC-Target-URI", "<https://e.org/bracketed>")
        writer.write_record(record)
    (record,) = read(write_warc(tmp_path / "c.warc.gz", fill))
    assert record.url == "https://e.org/bracketed" and record.doc_id == "c.warc.gz#https://e.org/bracketed"
