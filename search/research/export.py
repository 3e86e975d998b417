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

    @classmethod
    def of(cls, article: Article, accessed: dt.date) -> ExportRow:
        return cls(id=article.id, title=article.title, author=article.author, outlet=article.outlet,
                   date=article.date, url=article.url, accessed=accessed, language=article.language)

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "author": self.author, "outlet": self.outlet,
                "date": self.date.isoformat() if self.date else None, "url": self.url,
                "accessed": self.accessed.isoformat(), "language": self.language}


COLUMNS = ("id", "title", "author", "outlet", "date", "url", "accessed", "language")


def csv_lines(columns: Sequence[str], rows: Iterable[dict]) -> Iterator[str]:
    """A header, then each row's values of those columns (None as empty), as CSV lines one at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(columns)
    for values in rows:
        yield line(["" if values[name] is None else values[name] for name in columns])


def as_csv(rows: Iterable[ExportRow]) -> Iterator[str]:
    return csv_lines(COLUMNS, (row.as_dict() for row in rows))


def as_jsonl(rows: Iterable[ExportRow]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row.as_dict(), ensure_ascii=False) + "\n"


def _ris_value(text: str) -> str:
    return " ".join(text.split())  # a tag's value is one line


def as_ris(rows: Iterable[ExportRow]) -> Iterator[str]:
    for row in rows:
        lines = ["TY  - NEWS", f"TI  - {_ris_value(row.title)}"]
        if row.author:
            lines.append(f"AU  - {_ris_value(row.author)}")
        if row.outlet:
            lines.append(f"T2  - {_ris_value(row.outlet)}")
        if row.date:
            lines += [f"PY  - {row.date.year}", f"DA  - {row.date:%Y/%m/%d}"]
        if row.url:
            lines.append(f"UR  - {_ris_value(row.url)}")
        if row.language:
            lines.append(f"LA  - {row.language}")
        lines += [f"Y2  - {row.accessed:%Y/%m/%d}", f"ID  - {_ris_value(row.id)}", "ER  - "]
        yield "\r\n".join(lines) + "\r\n\r\n"


BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_value(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), " ".join(text.split()))


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
    title = " ".join(row.title.split())
    parts = [f"{' '.join(row.author.split())}." if row.author else "",
             f"“{title}{'' if title[-1:] in '.?!' else '.'}”"]
    where = ", ".join(filter(None, [row.outlet and " ".join(row.outlet.split()), row.date and _day(row.date),
                                    paragraph and f"paragraph {paragraph}"]))
    if where:
        parts.append(where + ".")
    parts.append(f"{row.url}." if row.url else f"News archive, {row.id}.")
    parts.append(f"Accessed {_day(row.accessed)}.")
    return " ".join(part for part in parts if part)


WRITERS: dict[str, Callable[[Iterable[ExportRow]], Iterator[str]]] = {
    "csv": as_csv, "jsonl": as_jsonl, "ris": as_ris, "bibtex": as_bibtex}
