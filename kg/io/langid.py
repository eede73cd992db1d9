"""Language identification with lingua, restricted to the languages kg meets in news."""

from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

# Supported languages plus close neighbours, so Danish/Nynorsk are not read as nb.
_CANDIDATES = (
    "en",
    "de",
    "pl",
    "nb",
    "nn",
    "sv",
    "da",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "ru",
    "uk",
    "cs",
    "fi",
)
_CODE_OF = {Language.BOKMAL: "nb", Language.NYNORSK: "nn"}


@cache
def _detector():
    languages = []
    for code in _CANDIDATES:
        if code == "nb":
            languages.append(Language.BOKMAL)
        elif code == "nn":
            languages.append(Language.NYNORSK)
        else:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@cache
def _nordic_detector():
    """High-accuracy lingua over the close Scandinavian languages only."""
    return LanguageDetectorBuilder.from_languages(
        Language.BOKMAL, Language.NYNORSK, Language.DANISH, Language.SWEDISH
    ).build()


def _code(language: Language) -> str:
    return _CODE_OF.get(language) or language.iso_code_639_1.name.lower()


def detect_language(text: str, sample: int = 3000) -> str | None:
    """BCP 47 code of the text's language, or None when it cannot be told."""
    snippet = text[:sample]
    if sum(ch.isalpha() for ch in snippet) < 3:
        return None
    language = _detector().detect_language_of(snippet)
    if language in (Language.NYNORSK, Language.DANISH, Language.BOKMAL):
        # the fast mode confuses Bokmål, Nynorsk and Danish; look again, carefully
        language = _nordic_detector().detect_language_of(snippet) or language
    return _code(language) if language is not None else None
