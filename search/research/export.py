"""Pure: the matches of a search as a citable list, a row at a time, in CSV, JSON Lines, RIS or BibTeX.

Each format is a function from rows to lines of text, so that any number of rows is written in
constant memory. A row is what a reference needs: title, author, outlet, date, address, the
article's id in the archive and the day it was read here (the access date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..models import Article

FORMATS = ("csv", "jsonl", "ris", "bibtex")
MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "ris": "application/x-research-info-systems",
               "bibtex": "application/x-bibtex"}
SUFFIXES = {"csv": "csv", "jsonl": "jsonl", "ris": "ris", "bibtex": "bib"}


@dataclass(frozen=True)
class ExportRow:
    id: str
    title: str
    author: str | None
    outlet: str | None
    date: dt.date | None
    url: str | None
    accessed: dt.date
    language: str | None = None
    # The id of its story's first article: rows sharing it are reposts of one story.
    story: str | None = None

    @classmethod
    def of(cls, article: Article, accessed: dt.date, story: str | None = None) -> ExportRow:
        return cls(id=article.id, title=article.title, author=article.author, outlet=article.outlet,
                   date=article.date, url=article.url, accessed=accessed, language=article.language, story=story)

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "author": self.author, "outlet": self.outlet,
                "date": self.date.isoformat() if self.date else None, "url": self.url,
                "accessed": self.accessed.isoformat(), "language": self.language, "story": self.story}


COLUMNS = ("id", "title", "author", "outlet", "date", "url", "accessed", "language", "story")


# Characters no saved text should carry: C0 and C1 controls but tab, line feed and carriage return
# (XML 1.0 forbids most of them, a terminal runs escape sequences), lone surrogates and the
# noncharacters U+FFFE and U+FFFF (which XML forbids too).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text without the characters that break a file or a terminal it is written to."""
    return CONTROL_CHARACTERS.sub("", text)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell beginning so
# runs when the file is opened, whatever a scraped title or a folder's name put there.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A value as a spreadsheet will show it and never run it: text that begins like a formula gets
    a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice)."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def csv_lines(columns: Sequence[str], rows: Iterable[dict]) -> Iterator[str]:
    """A header, then each row's values of those columns (None as empty, text that would start a
    formula made inert), as CSV lines one at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(columns)
    for values in rows:
        yield line(["" if values[name] is None else inert_cell(values[name]) for name in columns])


def as_csv(rows: Iterable[ExportRow]) -> Iterator[str]:
    return csv_lines(COLUMNS, (row.as_dict() for row in rows))


def as_jsonl(rows: Iterable[ExportRow]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row.as_dict(), ensure_ascii=False) + "\n"


def _one_line(text: str) -> str:
    """Text as one line of printable characters: a line break in a field would end its record."""
    return " ".join(printable(text).split())


def as_ris(rows: Iterable[ExportRow]) -> Iterator[str]:
    for row in rows:
        lines = ["TY  - NEWS", f"TI  - {_one_line(row.title)}"]
        if row.author:
            lines.append(f"AU  - {_one_line(row.author)}")
        if row.outlet:
            lines.append(f"T2  - {_one_line(row.outlet)}")
        if row.date:
            lines += [f"PY  - {row.date.year}", f"DA  - {row.date:%Y/%m/%d}"]
        if row.url:
            lines.append(f"UR  - {_one_line(row.url)}")
        if row.language:
            lines.append(f"LA  - {row.language}")
        lines += [f"Y2  - {row.accessed:%Y/%m/%d}", f"ID  - {_one_line(row.id)}", "ER  - "]
        yield "\r\n".join(lines) + "\r\n\r\n"


BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_value(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), _one_line(text))


def _bibtex_key(row: ExportRow, number: int) -> str:
    surname = re.sub(r"\W", "", (row.author or "").split(",")[0].split(" ")[-1]).lower() or "anon"
    return f"{surname}{row.date.year if row.date else 'nd'}n{number}"


def as_bibtex(rows: Iterable[ExportRow]) -> Iterator[str]:
    for number, row in enumerate(rows, 1):
        fields = [("title", row.title), ("author", row.author), ("journal", row.outlet),
                  ("date", row.date.isoformat() if row.date else None), ("url", row.url),
                  ("urldate", row.accessed.isoformat()), ("langid", row.language), ("note", f"Archive id: {row.id}")]
        body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields if value)
        yield f"@article{{{_bibtex_key(row, number)},\n{body}\n}}\n\n"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def citation(row: ExportRow, paragraph: int | None = None) -> str:
    """A reference to the article, or to one of its paragraphs, as text to paste: author, title,
    outlet, date, paragraph, where it is (its address, else its id in the archive) and when it was
    read. Parts the article lacks are left out."""
    title = _one_line(row.title)
    parts = [f"{_one_line(row.author)}." if row.author else "",
             f"“{title}{'' if title[-1:] in '.?!' else '.'}”"]
    where = ", ".join(filter(None, [row.outlet and _one_line(row.outlet), row.date and _day(row.date),
                                    paragraph and f"paragraph {paragraph}"]))
    if where:
        parts.append(where + ".")
    parts.append(f"{_one_line(row.url)}." if row.url else f"News archive, {_one_line(row.id)}.")
    parts.append(f"Accessed {_day(row.accessed)}.")
    return " ".join(part for part in parts if part)


WRITERS: dict[str, Callable[[Iterable[ExportRow]], Iterator[str]]] = {
    "csv": as_csv, "jsonl": as_jsonl, "ris": as_ris, "bibtex": as_bibtex}
