"""Per-language normalisation of names: folding, transliteration keys, inflection stripping.

Used by the offline NER (base forms) and by the linker (keys that let "Władimir", "Wladimir"
and "Vladimir", or "Szewczenko", "Schewtschenko" and "Shevchenko", meet).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from anyascii import anyascii

_PUNCT = re.compile(r"[^\w\s-]")
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-folded ASCII form with punctuation (but hyphens) removed and spaces collapsed."""
    return _WS.sub(" ", _PUNCT.sub("", anyascii(text).casefold())).strip()


@cache
def lang_rules(lang: str) -> dict:
    """The normalisation rules of a language (kg/lang/<lang>/names.json), {} when absent.

    Nynorsk and Danish use the Bokmål rules (see kg.lang.RULES_FALLBACK)."""
    from kg.lang import RULES_FALLBACK

    for code in (lang, RULES_FALLBACK.get(lang)):
        if not code:
            continue
        try:
            path = resources.files("kg.lang").joinpath(code, "names.json")
            return json.loads(path.read_text("utf-8"))
        except (FileNotFoundError, ModuleNotFoundError, OSError):
            continue
    return {}


# Spelling-independent skeleton, applied after the language's own digraphs.
_SKELETON = [
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("zh", "z"),
    ("tch", "c"),
    ("ch", "c"),
    ("kh", "h"),
    ("tz", "c"),
    ("ts", "c"),
    ("ph", "f"),
    ("dj", "j"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
    ("y", "i"),
    ("j", "i"),
    ("ck", "k"),
]


@cache
def translit_key(text: str, lang: str) -> str:
    """A phonetic key: one name spelled the way different languages spell it gets one key."""
    s = text.casefold()
    for src, dst in lang_rules(lang).get("digraphs", []):
        s = s.replace(src, dst)
    s = fold(s)
    for src, dst in _SKELETON:
        s = s.replace(src, dst)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters
    s = re.sub(r"(?<=\w)(ii|ie|ei)\b", "i", s)  # -skij / -skyj / -ski
    return s.replace("-", " ").strip()


def strip_suffix(word: str, lang: str, kind: str = "name") -> list[str]:
    """Candidate base forms of an inflected word, most likely first (the word itself last)."""
    out: list[str] = []
    rules = lang_rules(lang).get(f"{kind}_suffixes", [])
    low = word.casefold()
    for suffix, replacement in rules:
        if low.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + replacement
            if stem not in out:
                out.append(stem)
    out.append(word)
    return out


def base_form(surface: str, lang: str, label: str | None = None) -> str:
    """The base form of a name: possessive and case endings removed where the rules are safe.

    Persons in Polish lose a case ending only when every token carries the same one
    ("Władimira Putina" -> "Władimir Putin", but "Anna Nowak" stays); places and
    organisations are better resolved by the knowledge base (see kg.kb.KnowledgeBase.lookup).
    """
    text = re.sub(r"['’]s$", "", surface.strip())
    if label != "PERSON":
        return text
    tokens = text.split()
    endings = lang_rules(lang).get("person_case_endings", [])
    if len(tokens) < 2 or not endings:
        return text
    stripped = []
    for t in tokens:
        low = t.casefold()
        match = next((e for e in endings if low.endswith(e[0]) and len(t) - len(e[0]) >= 3), None)
        if match is None or _feminine(t, lang):
            return text
        stripped.append(t[: len(t) - len(match[0])] + match[1])
    return " ".join(stripped)


def _feminine(token: str, lang: str) -> bool:
    return token.casefold().endswith(tuple(lang_rules(lang).get("feminine_endings", [])))
