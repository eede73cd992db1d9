"""Sentence splitting and tokenisation with character offsets (one paragraph per line)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from kg.lang import rule_langs
from kg.model import Sentence, Token

_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*"  # numbers: 1,5  28  2024-11-28 is split at '-'
    r"|[^\W\d_]+(?:[-‐'’.][^\W\d_]+)*(?:['’]s\b)?"  # words, hyphenated names, U.S., Putin's
    r"|\S"
)
_QUOTES = "\"'«»„“”‘’‚"
_CLOSING = '"”“»’'


@cache
def ner_data(lang: str) -> dict:
    """Per-language cue lists (kg/lang/<lang>/ner.json); English rules for other languages."""
    for code in rule_langs(lang):
        try:
            data = json.loads(
                resources.files("kg.lang").joinpath(code, "ner.json").read_text("utf-8")
            )
        except (FileNotFoundError, OSError):
            continue
        return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}
    return {}


def _split_possessive(text: str, start: int) -> list[Token]:
    if len(text) > 2 and text[-2] in "'’" and text[-1] in "sS":
        return [
            Token(text[:-2], start, start + len(text) - 2),
            Token(text[-2:], start + len(text) - 2, start + len(text)),
        ]
    return [Token(text, start, start + len(text))]


def tokenize(text: str, lang: str) -> list[Sentence]:
    """Split ``text`` into sentences of tokens; every line break ends a sentence."""
    data = ner_data(lang)
    abbreviations = data.get("abbreviations", set())
    months = data.get("months", set())
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        tokens: list[Token] = []
        for m in _TOKEN.finditer(line):
            tokens.extend(_split_possessive(m.group(), line_start + m.start()))
        if not tokens:
            continue
        current: list[Token] = []
        skip = -1
        for i, tok in enumerate(tokens):
            if i <= skip:
                continue
            current.append(tok)
            if tok.text not in ".!?…" or i + 1 >= len(tokens):
                continue
            nxt = tokens[i + 1]
            if nxt.text in _CLOSING and i + 2 < len(tokens):  # ." He said
                current.append(nxt)
                skip = i + 1
                nxt = tokens[i + 2]
            prev = tokens[i - 1].text if i > 0 else ""
            if tok.text == "." and (
                prev.casefold() in abbreviations
                or (len(prev) == 1 and prev.isupper())  # initials: J. R. R. Tolkien
                or (prev.isdigit() and len(prev) <= 2 and nxt.text.casefold() in months)
            ):
                continue
            first = nxt.text[:1]
            if first.isupper() or first.isdigit() or first in _QUOTES or first in "-–—":
                sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
                current = []
        if current:
            # a closing quote after the final stop belongs to the sentence
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return sentences
