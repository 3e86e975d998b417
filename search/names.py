"""Pure: file names as article ids, and back.

Linux allows any bytes but "/" and NUL in a file name, and old scrapes hold names in Latin-1 and
worse; Python reads such bytes as lone surrogates, which neither the index, JSON nor HTML can hold.
An id is the name as text with each byte that is not UTF-8 written %XX, and a "%" that would read as
such an escape written %25: every name has an id of its own, and the id leads back to the file.
"""

from __future__ import annotations

import os
import re

_ESCAPE_LIKE = re.compile(r"%(?=[0-9A-Fa-f]{2})")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
# Python's stand-ins for undecodable bytes 0x80-0xFF (PEP 383).
_SURROGATE = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def id_of_name(name: str) -> str:
    """An id for a file name as the file system gave it (undecodable bytes as surrogates)."""
    return _SURROGATE.sub(lambda m: f"%{ord(m[0]) - 0xDC00:02X}", _ESCAPE_LIKE.sub("%25", name))


def name_of_id(doc_id: str) -> str:
    """The file name an id stands for, in the file system's own form: id_of_name reversed."""

    def unescaped(match: re.Match) -> str:
        byte = int(match[1], 16)
        return chr(0xDC00 + byte) if byte >= 0x80 else chr(byte)

    return _ESCAPE.sub(unescaped, doc_id)


def readable(doc_id: str) -> str:
    """An id as people read it: bytes that are not UTF-8 shown as replacement characters."""
    return os.fsencode(name_of_id(doc_id)).decode("utf-8", errors="replace")


def one_line(text: str) -> str:
    """Text for a line of terminal output: control characters (a newline in a file name) written
    as escapes, so that one file stays one line."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], text)


def counted(count: int, plural: str) -> str:
    """'1 quotation', '7 quotations': a count and its noun, which agree ("articles" -> "1 article")."""
    return f"{count:,} {plural[:-1] if count == 1 else plural}"


def article_count(count: int) -> str:
    """'1 article', '33 articles'."""
    return counted(count, "articles")
