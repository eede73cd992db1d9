"""The contract every NLP backend implements, and backend selection."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kg.model import AnnotatedDoc, Document


@runtime_checkable
class Backend(Protocol):
    """An NLP backend. Implementations are registered in ``kg.registry.backends``."""

    name: str

    def available(self, lang: str) -> bool:
        """True when this backend can annotate ``lang`` on this machine (models present)."""
        ...

    def annotate(self, doc: Document, lang: str) -> AnnotatedDoc:
        """Annotate one document. Offsets are character offsets into ``doc.text``."""
        ...
