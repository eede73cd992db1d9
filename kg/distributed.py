"""Per-document stages on a Dask distributed cluster (`kg build --cluster ADDRESS`).

Documents go to the workers in batches (one task a batch, to keep scheduler overhead low);
results come back in input order, and the graph is written by this process alone, so the
output is the same as a serial build. ``--cluster local`` starts a local cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from kg.errors import BackendError, RemoteError


def _batch(args: list[tuple]) -> list:
    from kg.pipeline import _process_safe

    return [_process_safe(a) for a in args]


@contextmanager
def local_cluster(n_workers: int = 2):
    """A local cluster of worker processes on 127.0.0.1 (one thread each, no dashboard)."""
    from dask.distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def run_on_cluster(
    args: list[tuple],
    address: str,
    on_done: Callable[[], None],
    batch_size: int = 32,
    timeout: float = 10.0,
) -> list:
    """Outcomes of the per-document stages for ``args``, computed on the cluster."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise BackendError("dask is not installed", fix="pip install 'kg[dask]'") from exc
    if address == "local":
        with local_cluster() as local:
            return run_on_cluster(args, local, on_done, batch_size, timeout)
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise RemoteError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            fix="start it (dask scheduler) or check --cluster",
        ) from exc
    try:
        batches = [args[i : i + batch_size] for i in range(0, len(args), batch_size)]
        futures = client.map(_batch, batches, pure=False)
        outcomes: list = []
        for future in futures:  # in input order
            results = future.result()
            outcomes.extend(results)
            for _ in results:
                on_done()
        return outcomes
    finally:
        client.close()
