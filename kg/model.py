"""The pipeline's data types: small frozen dataclasses passed from stage to stage.

Data flows one way: Document -> AnnotatedDoc -> Mention -> Entity -> Assertion.
All offsets are character offsets into ``Document.text`` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Entity classes every backend maps its labels onto.
ENTITY_LABELS: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "MISC")

#: Supported languages (BCP 47) with full per-language data.
SUPPORTED_LANGS: tuple[str, ...] = ("en", "de", "pl", "nb", "sv")


@dataclass(frozen=True, slots=True)
class Document:
    """One article after reading and cleaning. ``text`` is what offsets refer to."""

    id: str  # stable id derived from source + content hash
    text: str
    source: str  # path or URL it was read from
    content_hash: str  # sha256 hex of ``text``
    lang: str | None = None  # BCP 47, from manifest/option or detected
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) of publication, when known
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A token with offsets; optional linguistic layers when the backend has them."""

    text: str
    start: int
    end: int
    lemma: str | None = None
    upos: str | None = None
    head: int | None = None  # 1-based index of the head token within the sentence, 0 = root
    deprel: str | None = None
    feats: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named-entity span found by an NLP backend."""

    start: int
    end: int
    label: str  # one of ENTITY_LABELS
    text: str  # == doc.text[start:end]
    base: str | None = None  # lemma / base form ("Kazachstanu" -> "Kazachstan")
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class AnnotatedDoc:
    doc: Document
    lang: str
    backend: str  # name of the backend that produced it ("offline", "stanza")
    sentences: tuple[Sentence, ...]
    entities: tuple[EntitySpan, ...]

    @property
    def has_dependencies(self) -> bool:
        return any(t.head is not None for s in self.sentences for t in s.tokens)


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in one document, ready for linking."""

    doc_id: str
    start: int
    end: int
    surface: str
    label: str
    lang: str
    base: str  # base form used for linking
    sentence: int  # index into AnnotatedDoc.sentences
    #: ``doc_id#start-end``: made once (linking and the graph ask for it millions of times)
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.doc_id}#{self.start}-{self.end}")


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing that mentions were linked to."""

    key: str  # stable local key, used to mint the IRI (KB id or hash of canonical key)
    label: str  # entity class: PERSON, ORG, PLACE, MISC
    name: str  # canonical display name
    labels: tuple[tuple[str, str], ...] = ()  # (lang, label), at most one per lang
    alt_labels: tuple[tuple[str, str], ...] = ()  # (lang, surface) variants seen
    same_as: tuple[str, ...] = ()  # Wikidata / GeoNames IRIs
    place_type: str | None = None  # "Country", "City", ... for PLACE
    mentions: tuple[str, ...] = ()  # Mention.key values
    reasons: tuple[str, ...] = ()  # human-readable linking decisions


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression resolved to an XSD lexical value keeping its precision."""

    value: str  # e.g. "2024-11-28", "2024-11", "2024", "--11-28"
    datatype: str  # "date" | "gYearMonth" | "gYear" | "gMonthDay"
    text: str  # surface in the document
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Assertion:
    """A fact found in one document: subject/object are Mention keys."""

    doc_id: str
    subject: str
    predicate: str  # local name in the kg: vocabulary, e.g. "visit", "headOf"
    object: str
    rule: str  # id of the rule that fired, e.g. "en.verb.visit"
    confidence: float
    sentence_start: int
    sentence_end: int
    time: TimeValue | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A merged fact: one direct triple backed by one or more assertions."""

    subject: str  # Entity.key
    predicate: str
    object: str  # Entity.key
    assertions: tuple[Assertion, ...] = field(default_factory=tuple)
    confidence: float = 0.0
    time: TimeValue | None = None  # the agreed time, when sources agree
    conflict: bool = False
