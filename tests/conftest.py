"""Shared fixtures: paths, a small built graph of the sample corpus, the optional seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "corpus"
GOLD = ROOT / "data" / "gold.json"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SAMPLE_REFERENCE_DATE = "2025-06-30"

os.environ.setdefault("KG_TORCH_THREADS", "1")


def sample_options(out: Path, **overrides):
    """BuildOptions of the sample corpus as `make demo` builds it (offline backend)."""
    import datetime as dt

    from kg.pipeline import BuildOptions

    overrides.setdefault("nquads", True)  # graph.nq: sorted lines, easy to compare and break
    overrides.setdefault("manifest", SAMPLE / "manifest.csv")
    return BuildOptions(
        out=out,
        backend="offline",
        reference_date=dt.date.fromisoformat(SAMPLE_REFERENCE_DATE),
        **overrides,
    )


def build_sample(out: Path, **overrides):
    """Build the sample corpus into ``out``; returns the report."""
    from kg.pipeline import build

    return build([SAMPLE], sample_options(out, **overrides))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample corpus built once per test session (offline backend)."""
    out = tmp_path_factory.mktemp("sample-build")
    build_sample(out)
    return out


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared reference corpus beside the repo; tests using it skip when it is absent."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"reference corpus not present at {SEEDS}")
    return SEEDS
