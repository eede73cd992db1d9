"""The `offline` backend: no model files, no network; rules over packaged data."""

from __future__ import annotations

from functools import lru_cache

from kg.kb import get_kb
from kg.model import AnnotatedDoc, Document, Sentence, Token
from kg.nlp.offline.lemmas import lemmatizer
from kg.nlp.offline.ner import recognise
from kg.nlp.offline.tokenize import tokenize

LEMMA_LANGS = {
    "en",
    "de",
    "pl",
    "nb",
    "sv",
    "da",
    "nn",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "fi",
    "cs",
    "ru",
    "uk",
}


@lru_cache(maxsize=500_000)
def lemma(word: str, lang: str) -> str:
    if lang not in LEMMA_LANGS or not word[:1].isalpha():
        return word
    try:
        return lemmatizer().lemmatize(word, lang)
    except (ValueError, KeyError):
        return word


class OfflineBackend:
    """Sentence splitting, tokens with lemmas, and rule-based NER for any language."""

    name = "offline"

    def available(self, lang: str) -> bool:
        return True

    def annotate(self, doc: Document, lang: str) -> AnnotatedDoc:
        sentences = tokenize(doc.text, lang)
        with_lemmas = tuple(
            Sentence(
                s.start,
                s.end,
                tuple(Token(t.text, t.start, t.end, lemma=lemma(t.text, lang)) for t in s.tokens),
            )
            for s in sentences
        )
        entities = recognise(doc.text, sentences, lang, get_kb())
        return AnnotatedDoc(
            doc=doc, lang=lang, backend=self.name, sentences=with_lemmas, entities=tuple(entities)
        )
