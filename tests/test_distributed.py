"""The per-document stages on a local Dask cluster give the same graph as a serial build."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from kg.errors import RemoteError
from tests.conftest import build_sample

pytest.importorskip("dask.distributed", reason="the dask extra is not installed")


@pytest.mark.slow
def test_dask_build_equals_serial(sample_build: Path, tmp_path: Path):
    from kg.distributed import local_cluster

    with local_cluster(2) as address:
        report = build_sample(tmp_path, html=False, cluster=address)
    assert report.documents_cached == 0 and not report.skipped
    assert (tmp_path / "graph.nq").read_bytes() == (sample_build / "graph.nq").read_bytes()


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path):
    from kg.distributed import run_on_cluster

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(RemoteError) as err:
        run_on_cluster([("x",)], f"tcp://127.0.0.1:{port}", lambda: None, timeout=2)
    assert "Dask scheduler" in str(err.value) and time.monotonic() - started < 30
