"""A value computed from a build's data, kept in a JSON file under a key of its inputs."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def keyed(path: Path | None, key: str, compute: Callable[[], Any]) -> Any:
    """The value stored at ``path`` under ``key``, else ``compute()`` (then stored there).

    ``path`` None means no cache. The value must survive JSON (tuples come back as lists).
    A missing, damaged or foreign file is computed again; the file is replaced atomically.
    """
    if path is not None:
        try:
            saved = json.loads(path.read_text("utf-8"))
            if isinstance(saved, dict) and saved.get("key") == key:
                return saved["value"]
        except (OSError, ValueError, KeyError):
            pass
    value = compute()
    if path is not None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "value": value}), "utf-8")
        os.replace(tmp, path)
    return value
