"""Rule-based named-entity recognition over tokenised sentences.

Evidence, strongest first: the knowledge base (countries, regions, cities, organisations, in
inflected forms), titles before a name ("President", "prezydent", "statsminister"),
organisation cue words, acronyms, multi-token capitalised names, locative prepositions, and
names seen earlier in the same document. Capitalised common words (every German noun) are
rejected with the language's dictionary (simplemma). See GUIDELINES.md for what a mention is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.kb import KnowledgeBase
from kg.model import EntitySpan, Sentence, Token
from kg.nlp.offline.lemmas import lemmatizer
from kg.nlp.offline.tokenize import ner_data
from kg.normalize import base_form, fold

MAX_KB_TOKENS = 7


@lru_cache(maxsize=200_000)
def is_common_word(word: str, lang: str) -> bool:
    """True when the lower-cased word is in the language's dictionary (not a name)."""
    try:
        return lemmatizer().is_known(word.casefold(), lang)
    except (ValueError, KeyError):
        return False


def _cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and any(ch.isalpha() for ch in t)


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(text) <= 7
        and len(letters) >= 2
        and all(c.isupper() for c in letters)
        and (text.replace("-", "").isalnum())
    )


@dataclass
class _Span:
    start: int  # token index
    end: int  # exclusive
    label: str
    score: float
    base: str | None = None
    chars: tuple[int, int] | None = None  # character span inside one token


class Recogniser:
    """NER for one language, over one document's sentences."""

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb
        d = ner_data(lang)
        self.titles = d.get("titles", set())
        self.honorifics = d.get("honorifics", set())
        self.org_cues = set().union(
            *(
                ner_data(code).get("org_cues", set())
                for code in ("en", "de", "pl", "nb", "sv", lang)
            )
        )
        self.connectors = d.get("connectors", set())
        self.locative = d.get("locative", set())
        self.non_entities = d.get("non_entities", set()) | {"the", "a", "an"}
        self.place_cues = d.get("place_cues", set())
        self.kb_first_words = kb_first_words(kb)

    # -- helpers ----------------------------------------------------------------------------
    def common(self, word: str) -> bool:
        return is_common_word(word, self.lang) if self.lang in _DICT_LANGS else False

    def is_title(self, tok: Token) -> bool:
        low = tok.text.casefold().rsplit("-", 1)[-1]  # "NATO-Generalsekretär"
        return (
            low in self.titles
            or low in self.honorifics
            or any(
                low.endswith(t)
                for t in (
                    "minister",
                    "ministern",
                    "ministeren",
                    "präsident",
                    "präsidentin",
                    "kanzler",
                    "kanzlerin",
                )
            )
        )

    def adjective_country(self, tok: Token) -> bool:
        text = tok.text
        if self.kb.lookup(text, self.lang) is not None:
            return False
        return self.kb.country_of_adjective(text, self.lang) is not None

    # -- the recogniser ---------------------------------------------------------------------
    def sentence_spans(self, toks: tuple[Token, ...], headline: bool) -> list[_Span]:
        spans: list[_Span] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if not _cap(tok) and not tok.text[:1].isdigit():
                i += 1
                continue
            # 1. the knowledge base, longest match first
            kb_span = self.kb_match(toks, i)
            if kb_span is not None:
                spans.append(kb_span)
                i = kb_span.end
                continue
            if not _cap(tok):
                i += 1
                continue
            parts = self._kb_compound(tok)
            if parts:
                spans.extend(_Span(i, i + 1, label, 0.9, None, (a, b)) for a, b, label in parts)
                i += 1
                continue
            # 2. a run of capitalised tokens, possibly joined by connectors
            j = i + 1
            while j < n and (
                (_cap(toks[j]) and not self._kb_token(toks, j))
                or (
                    toks[j].text.casefold() in self.connectors
                    and j + 1 < n
                    and _cap(toks[j + 1])
                    and self._org_run(toks, i, j)
                )
            ):
                j += 1
            span = self.classify(toks, i, j, headline)
            if span is not None:
                spans.append(span)
                i = max(span.end, i + 1)
            else:
                i += 1
        return spans

    def _kb_compound(self, tok: Token) -> list[tuple[int, int, str]]:
        """'Astana-Moscow' -> both places, when every part is a KB name."""
        if "-" not in tok.text or not tok.text[:1].isupper():
            return []
        out, pos = [], tok.start
        for part in tok.text.split("-"):
            entry = self.kb.lookup(part, self.lang) if part[:1].isupper() else None
            if entry is None or entry.label != "PLACE":
                return []
            out.append((pos, pos + len(part), entry.label))
            pos += len(part) + 1
        return out

    def _kb_token(self, toks, j: int) -> bool:
        """A token that ends a capitalised run: a country, region, organisation or big city."""
        entry = self.kb.lookup(toks[j].text, self.lang)
        if entry is None:
            return False
        return entry.place_type != "City" or entry.population >= 500_000

    def _compound(self, word: str) -> bool:
        """A German-style compound of dictionary words ("Strommangel", "Großprojekte")."""
        low = word.casefold()
        for k in range(2, len(low) - 3):
            head, tail = low[:k], low[k:]
            if self.common(tail) and (
                self.common(head) or (head.endswith("s") and self.common(head[:-1]))
            ):
                return True
        return False

    def _noun_like(self, word: str) -> bool:
        """A capitalised common noun (German): a compound or a typical noun ending."""
        low = word.casefold()
        return self.common(word) and (low.endswith(_NOUN_ENDINGS) or self._compound(word))

    def _compound_free_name(self, toks, i: int, j: int) -> bool:
        """True when the run names an organisation by its cue words (keep its nouns)."""
        return any(t.text.casefold() in self.org_cues for t in toks[i:j])

    def _org_run(self, toks, i: int, j: int) -> bool:
        return any(t.text.casefold() in self.org_cues for t in toks[i:j])

    def kb_match(self, toks: tuple[Token, ...], i: int) -> _Span | None:
        first = fold(toks[i].text)
        if not _cap(toks[i]) or first in ("",):
            return None
        limit = min(len(toks), i + MAX_KB_TOKENS)
        candidates = range(limit, i, -1) if first[:4] in self.kb_first_words else (i + 1,)
        for j in candidates:
            if j - 1 > i and not _cap(toks[j - 1]):
                continue
            text = _text(toks, i, j)
            if j == i + 1 and (toks[i].text.casefold() in self.non_entities):
                return None
            entry = self.kb.lookup(text, self.lang)
            if entry is None:
                continue
            single = j == i + 1
            if (
                single
                and entry.place_type == "City"
                and j < len(toks)
                and _cap(toks[j])
                and (self.kb.lookup(toks[j].text, self.lang) is None)
            ):
                return None  # "Vladimir Putin", not the city of Vladimir
            prev = toks[i - 1].text.casefold() if i > 0 else ""
            if single and entry.place_type == "City" and prev not in self.locative:
                # a city name that is also a word ("Essen", "Bath", "Dumont") needs more evidence
                if entry.population < 100_000 or i == 0:
                    return None
                if (
                    self.lang in _CAPITALISED_NOUNS
                    and entry.population < 1_000_000
                    and self.common(toks[i].text)
                ):
                    return None
            return _Span(i, j, entry.label, 0.95)
        return None

    def classify(self, toks, i: int, j: int, headline: bool) -> _Span | None:
        # strip leading titles, honorifics, country adjectives and function words
        title = i > 0 and self.is_title(toks[i - 1])
        first_token = i
        while i < j and (
            self.is_title(toks[i])
            or self.adjective_country(toks[i])
            or (
                i + 1 < j
                and self.is_title(toks[i + 1])
                and self.kb.country_of_adjective(toks[i].text, self.lang)
            )
            or toks[i].text.casefold() in self.non_entities
            or (
                self.lang in _CAPITALISED_NOUNS
                and i + 1 < j
                and self._noun_like(toks[i].text)
                and not self._compound_free_name(toks, i, j)
            )
        ):
            if self.is_title(toks[i]):
                title = True
            i += 1
        if i + 1 < j and i == 0 and self.common(toks[i].text) and not international(toks[i].text):
            i += 1  # a sentence-initial common word ("Wizyta Władimira Putina")
        if i < j and i > first_token:
            kb_span = self.kb_match(toks, i)
            if kb_span is not None:
                return kb_span
        while i < j and "-" in toks[i].text and toks[i].text.rsplit("-", 1)[1].islower():
            i += 1  # "Moscow-led", "Kremlin-backed"
        while j > i and (
            toks[j - 1].text.casefold() in self.connectors
            or toks[j - 1].text.casefold() in self.non_entities
        ):
            j -= 1
        if i >= j:
            return None
        words = [t.text for t in toks[i:j]]
        lows = [w.casefold() for w in words]
        sentence_initial = i == 0 or (i > 0 and toks[i - 1].text in "\"'«»„“”‘’‚:-–—(")
        if any(w in self.org_cues for w in lows) and len(words) >= 2:
            return _Span(i, j, "ORG", 0.75)
        if any(w in self.place_cues for w in lows) and len(words) >= 2:
            return _Span(i, j, "PLACE", 0.7)
        if len(words) == 1 and _acronym(words[0]):
            return _Span(i, j, "ORG", 0.7)
        if title:
            return _Span(i, min(j, i + 4), "PERSON", 0.85)
        if headline:
            return None
        if len(words) >= 2:
            commons = sum(self.common(w) for w in words)
            if commons == len(words) and self.lang in _CAPITALISED_NOUNS:
                return None
            if all(w.replace("-", "").isalpha() for w in words):
                return _Span(i, min(j, i + 4), "PERSON", 0.6)
            return _Span(i, j, "MISC", 0.4)
        word = words[0]
        if not word.replace("-", "").isalpha() or len(word) < 2:
            return None
        if self.common(word) or (sentence_initial and word.casefold() in self.non_entities):
            return None
        if self.lang in _COMPOUNDING and not title and self._compound(word):
            return None
        if self.common(simplemma_lemma(word, self.lang)):
            return None  # an inflected common word ("Opery")
        quoted = 0 < i < len(toks) - 1 and toks[i - 1].text in _OPEN and toks[i + 1].text in _CLOSE
        if quoted:
            return _Span(i, j, "MISC", 0.4)
        if sentence_initial and self.lang != "de" and self.common(word.casefold()):
            return None
        prev = toks[i - 1].text.casefold() if i > 0 else ""
        if prev in self.locative:
            return _Span(i, j, "PLACE", 0.5)
        return _Span(i, j, "MISC", 0.45)  # a surname seen in a full name makes it PERSON


@lru_cache(maxsize=100_000)
def international(word: str) -> bool:
    """Known to the dictionaries of at least three languages: a name, not a common word."""
    return sum(is_common_word(word, lang) for lang in ("en", "de", "pl", "nb", "sv")) >= 3


_OPEN = "\"'«„“‘‚"
_CLOSE = "\"'»“”’"


@lru_cache(maxsize=200_000)
def simplemma_lemma(word: str, lang: str) -> str:
    try:
        return lemmatizer().lemmatize(word, lang)
    except (ValueError, KeyError):
        return word


_CAPITALISED_NOUNS = {"de"}
_NOUN_ENDINGS = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "tät",
    "ismus",
    "ment",
    "nis",
    "tum",
    "ei",
    "chef",
    "präsident",
    "minister",
    "konzern",
    "firma",
    "zeitung",
    "sender",
)
_COMPOUNDING = {"de", "nb", "sv", "da", "nl"}
_DICT_LANGS = {"en", "de", "pl", "nb", "sv", "da", "nn", "fr", "es", "it", "nl", "pt", "fi", "cs"}


@lru_cache(maxsize=4)
def kb_first_words(kb: KnowledgeBase) -> frozenset[str]:
    """First four letters of the first word of every multi-word KB name."""
    out = set()
    for key in kb._index:  # noqa: SLF001 - the KB's own index
        if " " in key:
            out.add(key.split(" ", 1)[0][:4])
    return frozenset(out)


def _text(toks, i: int, j: int) -> str:
    parts = [toks[i].text]
    for k in range(i + 1, j):
        parts.append(" " if toks[k].start > toks[k - 1].end else "")
        parts.append(toks[k].text)
    return "".join(parts)


def _is_headline(sentence: Sentence, line_sentences: int) -> bool:
    words = [t for t in sentence.tokens if t.text[:1].isalpha()]
    if len(words) < 4 or line_sentences > 1:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps / len(words) >= 0.6 and sentence.tokens[-1].text not in ".!?"


def recognise(
    text: str, sentences: list[Sentence], lang: str, kb: KnowledgeBase
) -> list[EntitySpan]:
    """Entity spans of a document, with base forms; offsets into ``text``."""
    rec = Recogniser(lang, kb)
    per_sentence: list[tuple[Sentence, list[_Span]]] = []
    lines: dict[int, int] = {}
    for s in sentences:
        line = text.count("\n", 0, s.start)
        lines[line] = lines.get(line, 0) + 1
    for s in sentences:
        line = text.count("\n", 0, s.start)
        per_sentence.append((s, rec.sentence_spans(s.tokens, _is_headline(s, lines[line]))))
    # Document-level pass: a surname seen in a full person name labels lone mentions.
    surnames: dict[str, str] = {}
    for s, spans in per_sentence:
        for sp in spans:
            if sp.label == "PERSON" and sp.end - sp.start >= 2:
                last = s.tokens[sp.end - 1].text
                if _genitive(s.tokens, sp.end, lang):
                    last = last[:-1]
                surnames[fold(last)] = last
    out: list[EntitySpan] = []
    for s, spans in per_sentence:
        for sp in spans:
            begin, finish = sp.chars or (s.tokens[sp.start].start, s.tokens[sp.end - 1].end)
            surface = text[begin:finish]
            genitive = sp.chars is None and _genitive(s.tokens, sp.end, lang)
            label = sp.label
            base = None
            key = fold(surface)
            if sp.end - sp.start == 1 and label in ("PERSON", "MISC", "PLACE") and sp.score < 0.6:
                stripped = _genitive_stem(surface, lang)
                if key in surnames:
                    label = "PERSON"
                elif stripped and fold(stripped) in surnames:
                    label, base = "PERSON", stripped
                elif label == "MISC" and sp.score < 0.45:
                    continue
            if label == "PERSON" and base is None:
                base = base_form(surface, lang, "PERSON")
                stripped = _genitive_stem(surface, lang)
                if stripped and (genitive or fold(stripped.split()[-1]) in surnames):
                    base = stripped
            elif base is None and label in ("PLACE", "ORG"):
                base = kb_base(kb.lookup(surface, lang), surface, lang)
            out.append(EntitySpan(begin, finish, label, surface, base or surface, sp.score))
    return out


def kb_base(entry, surface: str, lang: str) -> str:
    """The base form of a KB-linked surface: itself when it is a name, else the KB name."""
    if entry is None:
        return surface
    known = (
        {fold(n) for _l, n in entry.names}
        | {fold(entry.name)}
        | {fold(a) for _l, a in entry.acronyms}
    )
    if fold(surface) in known:
        return surface
    in_lang = [n for _l, n in entry.names if _l == lang]
    return in_lang[0] if in_lang else entry.name


def _genitive(toks, end: int, lang: str) -> bool:
    """Nordic/German genitive: 'Putins statsbesøk' (name + s, then a lower-case noun)."""
    if lang not in ("nb", "sv", "de", "da") or end >= len(toks) or end == 0:
        return False
    name, nxt = toks[end - 1].text, toks[end].text
    return name.endswith("s") and len(name) > 3 and nxt[:1].islower() and nxt.isalpha()


def _genitive_stem(surface: str, lang: str) -> str | None:
    if lang in ("nb", "sv", "de", "da") and surface.endswith("s") and len(surface) > 4:
        return surface[:-1]
    return None
