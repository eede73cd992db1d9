"""Named, lazily imported extension points (NLP backends, linkers).

Built-ins register as ``"module:attr"`` strings, so nothing heavy is imported until used;
third parties can register objects or strings the same way, or through the
``kg.<registry>`` entry-point group.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from importlib.metadata import entry_points
from typing import Any

from kg.errors import UnknownNameError


class Registry:
    """A mapping from names to objects, resolved on first use."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, Any] = {}
        self._loaded_entry_points = False

    def register(self, name: str, target: Any) -> None:
        """Register ``target`` (an object or a ``"module:attr"`` string) under ``name``."""
        self._entries[name] = target

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for ep in entry_points(group=f"kg.{self.kind}"):
            self._entries.setdefault(ep.name, ep.value)

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def get(self, name: str) -> Any:
        """Return the object registered under ``name``, importing it if needed."""
        self._load_entry_points()
        if name not in self._entries:
            raise UnknownNameError(
                f"unknown {self.kind} {name!r}",
                fix=f"use one of: {', '.join(self.names()) or '(none registered)'}",
            )
        target = self._entries[name]
        if isinstance(target, str) and ":" in target:
            module_name, attr = target.split(":", 1)
            target = getattr(importlib.import_module(module_name), attr)
            self._entries[name] = target
        return target


backends = Registry("backends")
linkers = Registry("linkers")

backends.register("offline", "kg.nlp.offline.backend:OfflineBackend")
backends.register("stanza", "kg.nlp.stanza_backend:StanzaBackend")
linkers.register("default", "kg.link:link_mentions")
