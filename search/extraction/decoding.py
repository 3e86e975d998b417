"""Pure: a file's bytes -> its text, decoded once so that cleaning and extraction can trust their input."""

from __future__ import annotations

import codecs

from bs4 import UnicodeDammit

from ..errors import UnreadableArticle


def decode(data: bytes, kind: str) -> str:
    """Bytes -> text: byte-order marks first, then UTF-8, then the HTML's own declaration or a best guess."""
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
    dammit = UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=kind == "html")
    if dammit.unicode_markup is None:
        raise UnreadableArticle("cannot decode text")
    return dammit.unicode_markup
