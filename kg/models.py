"""Stanza model management: where models live, and download/list/remove.

The folder is, in order: the ``--dir`` option, ``$KG_MODELS_DIR``, ``~/.local/share/kg/stanza``.
It has stanza's own layout (``resources.json``, ``<lang>/<processor>/<package>.pt``), so
``stanza.Pipeline(dir=...)`` loads it unchanged.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.errors import BackendError, InputError, RemoteError

DEFAULT_DIR = Path.home() / ".local" / "share" / "kg" / "stanza"


@dataclass(frozen=True, slots=True)
class ModelInfo:
    lang: str
    processors: tuple[str, ...]
    size_bytes: int


def models_dir(override: Path | None = None) -> Path:
    if override is not None:
        return Path(override)
    env = os.environ.get("KG_MODELS_DIR")
    return Path(env) if env else DEFAULT_DIR


def list_models(folder: Path | None = None) -> list[ModelInfo]:
    folder = models_dir(folder)
    out = []
    if not folder.is_dir():
        return out
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        processors = tuple(
            sorted(p.name for p in lang_dir.iterdir() if p.is_dir() and any(p.glob("*.pt")))
        )
        if processors:
            size = sum(f.stat().st_size for f in lang_dir.rglob("*") if f.is_file())
            out.append(ModelInfo(lang_dir.name, processors, size))
    return out


def download_models(
    langs: list[str],
    folder: Path | None = None,
    *,
    resources_url: str | None = None,
    timeout: float = 600.0,
) -> list[Path]:
    """Download Stanza models with stanza's own downloader, under a deadline."""
    try:
        import stanza
    except ImportError as exc:
        raise BackendError(
            "stanza is not installed", fix="pip install 'kg[stanza]' (torch==2.13.0 first)"
        ) from exc
    folder = models_dir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    done: list[Path] = []
    for lang in langs:
        errors: list[BaseException] = []

        def run(lang: str = lang, errors: list = errors) -> None:
            try:
                kwargs = {"model_dir": str(folder), "logging_level": "WARN"}
                if resources_url:
                    kwargs["resources_url"] = resources_url
                stanza.download(lang, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise RemoteError(
                f"download of {lang!r} did not finish within {timeout:.0f} s",
                fix="check the network, or raise --timeout",
            )
        if errors:
            raise RemoteError(f"download of {lang!r} failed: {errors[0]}")
        done.append(folder / lang)
    return done


def remove_models(langs: list[str], folder: Path | None = None) -> list[Path]:
    folder = models_dir(folder)
    removed = []
    for lang in langs:
        target = folder / lang
        if not target.is_dir():
            raise InputError(f"no models for {lang!r} in {folder}", fix="see `kg models list`")
        shutil.rmtree(target)
        removed.append(target)
    return removed
