"""Strip scraped boilerplate from article text: repeated headlines, separators, link lines."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_NAV = re.compile(r"^[«<»>\s]*(\w+)(.*)$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@cache
def _rules() -> dict:
    return json.loads(resources.files("kg.io").joinpath("boilerplate.json").read_text("utf-8"))


def normalize_text(text: str) -> str:
    """Unify newlines, drop control characters, NFC-normalise, collapse runs of spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _is_separator(line: str) -> bool:
    return bool(line) and all(ch in _rules()["separator_chars"] for ch in line)


def _is_link_line(line: str) -> bool:
    low = line.casefold()
    if any(low.startswith(prefix) for prefix in _rules()["link_prefixes"]):
        return True
    match = _NAV.match(line)
    if not match or match.group(1).casefold() not in _rules()["nav_words"]:
        return False
    word, rest = match.group(1), match.group(2)
    # "NEXT Some headline", "Next: …", "« Previous", a lone "Next"; not "Next week, …".
    return word.isupper() or rest.lstrip().startswith(tuple(":»>«<|")) or not rest.strip()


def strip_boilerplate(text: str) -> str:
    """Return the article text with boilerplate lines removed, one paragraph per line."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in normalize_text(text).split("\n"):
        if not line or _is_separator(line) or _is_link_line(line):
            continue
        key = line.casefold()
        if key in seen:  # repeated headline or repeated teaser
            continue
        seen.add(key)
        kept.append(line)
    return "\n".join(kept)
