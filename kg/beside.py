"""Run one function in a forked process beside the caller, so two CPU-bound stages of a
build use two cores without pickling their inputs (Linux; elsewhere it runs inline).

The child inherits the caller's memory at the fork and sends back only the result, or the
exception it raised; it leaves with ``os._exit`` (no teardown of a large heap).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

from kg.errors import KgError


class Beside:
    """``Beside(fn, *args)`` starts ``fn(*args)``; ``result()`` waits for and returns it."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._fn, self._args = fn, args
        self._proc = None
        if _can_fork():
            ctx = mp.get_context("fork")
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
            self._proc.start()
            send.close()

    def result(self) -> Any:
        if self._proc is None:
            return self._fn(*self._args)
        try:
            ok, value = self._recv.recv()
        except (EOFError, OSError):
            ok, value = False, KgError(f"a build process ended early (exit {self._proc.exitcode})")
        finally:
            self._proc.join()
            self._recv.close()
        if ok:
            return value
        raise value

    def wait_quietly(self) -> None:
        """Wait for the child when the caller failed (its own error matters more)."""
        if self._proc is not None:
            self._proc.join()


def _can_fork() -> bool:
    return sys.platform == "linux" and os.environ.get("KG_NO_FORK") != "1"


def _child(send, fn: Callable[..., Any], args: tuple) -> None:
    try:
        value = (True, fn(*args))
    except KgError as exc:
        value = (False, exc)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        value = (False, RuntimeError("".join(traceback.format_exception(exc)).strip()))
    try:
        send.send(value)
    except Exception as exc:  # an unpicklable result or error
        send.send((False, RuntimeError(f"cannot return the result: {exc!r}")))
    finally:
        send.close()
