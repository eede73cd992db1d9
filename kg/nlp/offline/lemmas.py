"""Lemmas from simplemma's dictionaries, read from an on-disk SQLite copy instead of memory.

simplemma decodes a whole language dictionary (3.7M entries for Polish, about 2 s) in every
process that lemmatises. kg converts each dictionary once per machine into an SQLite file under
the user cache (``KG_CACHE_DIR``, default ``~/.cache/kg``), so a worker or an incremental
re-build looks up only the words it meets. Results are identical to simplemma's own.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import simplemma

try:  # simplemma 2.x internals; any other version lemmatises in memory (same results)
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import (
        DEFAULT_DICTIONARY_FACTORY,
        SUPPORTED_LANGUAGES,
        DictionaryFactory,
        _load_dictionary_from_disk,
    )
    from simplemma.utils import normalize_token
except ImportError:  # pragma: no cover - depends on the installed simplemma
    DictionaryFactory = object  # type: ignore[assignment,misc]
    SQLITE_DICTIONARIES = False
else:
    SQLITE_DICTIONARIES = True


def cache_dir() -> Path:
    return Path(os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "kg")


class SqliteDictionary(Mapping[str, str]):
    """A read-only str -> str mapping backed by one SQLite table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def __getitem__(self, key: str) -> str:
        row = self._db.execute("SELECT v FROM d WHERE k = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return row[0]

    def get(self, key, default=None):  # type: ignore[override]
        row = self._db.execute("SELECT v FROM d WHERE k = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (k for (k,) in self._db.execute("SELECT k FROM d"))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM d").fetchone()[0]


def _build(lang: str, path: Path) -> None:
    """Write simplemma's dictionary for ``lang`` into a new SQLite file (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    data = _load_dictionary_from_disk(lang)
    db = sqlite3.connect(tmp)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE d (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
    db.executemany(
        "INSERT OR REPLACE INTO d VALUES (?, ?)",
        ((k.decode("utf-8"), v.decode("utf-8")) for k, v in data.items()),
    )
    db.commit()
    db.close()
    os.replace(tmp, path)


class SqliteDictionaryFactory(DictionaryFactory):
    """simplemma's dictionaries from SQLite files built on first use."""

    def __init__(self) -> None:
        self._dicts: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        found = self._dicts.get(lang)
        if found is None:
            path = cache_dir() / "lemmas" / f"simplemma-{simplemma.__version__}-{lang}.sqlite"
            try:
                if not path.exists():
                    _build(lang, path)
                found = SqliteDictionary(path)
                found.get("")  # opens the file now, so a broken cache falls back here
            except (OSError, sqlite3.Error):  # read-only home, full disk: decode in memory
                found = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
            self._dicts[lang] = found
        return found


class Lemmas:
    """simplemma's lemmatize and is_known over the SQLite dictionaries."""

    def __init__(self) -> None:
        factory = SqliteDictionaryFactory()
        self._lemmatizer = simplemma.Lemmatizer(
            lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)
        )
        self._lookup = DictionaryLookupStrategy(factory)
        self._factory = factory

    def lemmatize(self, word: str, lang: str) -> str:
        return self._lemmatizer.lemmatize(word, lang)

    def is_lower_word(self, word: str, lang: str) -> bool:
        """The lower-cased word is itself a dictionary form (names are stored capitalised)."""
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language: {lang}")
        return self._factory.get_dictionary(lang).get(word.casefold()) is not None

    def is_known(self, word: str, lang: str) -> bool:
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language: {lang}")
        return self._lookup.get_lemma(normalize_token(word), lang) is not None


class _InMemory:
    """simplemma's own functions (dictionaries decoded into memory)."""

    lemmatize = staticmethod(simplemma.lemmatize)
    is_known = staticmethod(simplemma.is_known)
    is_lower_word = staticmethod(simplemma.is_known)


@cache
def lemmatizer() -> Lemmas | _InMemory:
    """The process's lemmatiser (dictionaries opened on first use per language)."""
    return Lemmas() if SQLITE_DICTIONARIES else _InMemory()
