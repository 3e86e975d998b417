"""Pure: a file's bytes -> its text, decoded once so that cleaning and extraction can trust their input."""

from __future__ import annotations

import codecs
import re

from bs4 import UnicodeDammit

from ..errors import UnreadableArticle


# A character of two to four bytes as UTF-8 writes it: a lead byte, then its continuation bytes.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
NOT_ASCII = re.compile(rb"[\x80-\xff]")


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 but for a few bytes: at least half of their bytes
    above ASCII form UTF-8 characters. A page in a one-byte charset (Windows-1252, Latin-2) almost
    never has a letter followed by the right continuation bytes, and a few stray bytes in a UTF-8
    page (a truncated character, a pasted byte of another charset) must not make the whole page be
    read in another charset: "für die Grünen" would become "fÃ¼r die GrÃ¼nen"."""
    in_sequences = sum(len(match) for match in UTF8_SEQUENCE.findall(data))
    return in_sequences > 0 and in_sequences >= 0.5 * len(NOT_ASCII.findall(data))


def decode(data: bytes, kind: str) -> str:
    """Bytes -> text: byte-order marks first, then UTF-8 (with the few bytes that are not, replaced,
    when the rest is), then the HTML's own declaration or a best guess."""
    if not data.strip():
        raise UnreadableArticle("empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        raise UnreadableArticle("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    dammit = UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=kind == "html")
    if dammit.unicode_markup is None:
        raise UnreadableArticle("cannot decode text")
    return dammit.unicode_markup
