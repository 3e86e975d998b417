"""Pure: a file's bytes -> its text, decoded once so that cleaning and extraction can trust their input."""

from __future__ import annotations

import codecs
import re
import unicodedata

from bs4.dammit import EncodingDetector

from ..errors import UnreadableArticle
from .language import SURE, language_certainty

# A character of two to four bytes as UTF-8 writes it: a lead byte, then its continuation bytes.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
NOT_ASCII = re.compile(rb"[\x80-\xff]")
# The one-byte charsets a page that is not UTF-8 is read in besides the one it declares, the first
# where nothing tells them apart: Western European (Windows, of which Latin-1 is all but a subset)
# and Central European (Windows and Latin-2, which place ą, ś, ź apart).
ONE_BYTE_CHARSETS = ("windows-1252", "windows-1250", "iso-8859-2")
# The charsets whose readings of the same bytes are compared: a declaration of one of these is what
# templates write whatever the page is. Another charset declared (windows-1251, Shift JIS) is read
# as declared where the bytes are valid in it: Cyrillic read as Windows-1252 is all letters too.
WESTERN_AND_CENTRAL = {codecs.lookup(charset).name
                       for charset in (*ONE_BYTE_CHARSETS, "iso-8859-1", "iso-8859-15", "ascii", "utf-8")}
# A symbol or a number sign touching a letter, or a control character: what a page read in the
# wrong one-byte charset shows ("og³osi³", "zostan±" for "ogłosił", "zostaną"). Punctuation is
# not counted: "¿Por qué?", "«Zitat»" and “quotes” stand beside letters in every language.
BESIDE_LETTER = re.compile(r"(?<=[^\W\d_])[^\w\s]|[^\w\s](?=[^\W\d_])")
# Languages are told apart in the first characters of text; markup says nothing.
TAG = re.compile(r"<[^>]*>")


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 but for a few bytes: at least half of their bytes
    above ASCII form UTF-8 characters. A page in a one-byte charset (Windows-1252, Latin-2) almost
    never has a letter followed by the right continuation bytes, and a few stray bytes in a UTF-8
    page (a truncated character, a pasted byte of another charset) must not make the whole page be
    read in another charset: "für die Grünen" would become "fÃ¼r die GrÃ¼nen"."""
    in_sequences = sum(len(match) for match in UTF8_SEQUENCE.findall(data))
    return in_sequences > 0 and in_sequences >= 0.5 * len(NOT_ASCII.findall(data))


def decode(data: bytes, kind: str, charset: str | None = None) -> str:
    """Bytes -> text: byte-order marks first, then UTF-8 (with the few bytes that are not, replaced,
    when the rest is), then the charset the server declared (`charset`, from its HTTP headers) or the
    HTML's own declaration, or a best guess."""
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
    declared = charset or (EncodingDetector.find_declared_encoding(data, is_html=True) if kind == "html" else None)
    if declared and _charset_name(declared) not in WESTERN_AND_CENTRAL:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return best_reading(data, [declared, *ONE_BYTE_CHARSETS] if declared else list(ONE_BYTE_CHARSETS))


def _charset_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def best_reading(data: bytes, charsets: list[str]) -> str:
    """The bytes read in the charset that makes most sense of them: the fewest symbols touching
    letters and control characters, then, where the language model is sure of a reading's language,
    its surest verdict; the first charset where they tie. A declared charset is one of them, not an
    order: a meta tag that says windows-1252 over a Polish page does not turn "ogłosił" into "og³osi³"."""
    readings = []
    for order, charset in enumerate(dict.fromkeys(charsets)):
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        misread = sum(1 for character in text if character > "\x7f" and unicodedata.category(character) == "Cc") \
            + sum(1 for match in BESIDE_LETTER.finditer(text)
                  if match.group() > "\x7f" and unicodedata.category(match.group())[0] in "SN")
        readings.append([misread, round(language_certainty(TAG.sub(" ", text)), 2), order, text])
    if not readings:
        return data.decode(ONE_BYTE_CHARSETS[0], errors="replace")
    if max(certainty for _, certainty, _, _ in readings) < SURE:
        for reading in readings:  # an unsure model's verdicts tell the readings apart by chance
            reading[1] = 0.0
    return min(readings, key=lambda reading: (reading[0], -reading[1], reading[2]))[3]
