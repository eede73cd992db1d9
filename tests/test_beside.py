"""kg.beside: a function run in a forked process gives its answer or its error back."""

from __future__ import annotations

import os

import pytest

from kg.beside import Beside
from kg.errors import OutputError


def _pid_and_sum(values: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(values)


def _fails(path: str) -> None:
    raise OutputError("cannot write", path=path, fix="free some space")


def _crashes() -> None:
    raise ZeroDivisionError("boom")


def test_result_comes_back_from_another_process() -> None:
    pid, total = Beside(_pid_and_sum, list(range(1000))).result()
    assert total == 499500
    assert pid != os.getpid()


def test_kg_error_is_raised_in_the_caller_with_its_fields() -> None:
    with pytest.raises(OutputError) as info:
        Beside(_fails, "/x/graph.html").result()
    assert info.value.path == "/x/graph.html"
    assert info.value.fix == "free some space"


def test_other_errors_arrive_with_their_traceback() -> None:
    with pytest.raises(RuntimeError, match="ZeroDivisionError: boom"):
        Beside(_crashes).result()


def test_runs_inline_when_forking_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_NO_FORK", "1")
    pid, total = Beside(_pid_and_sum, [1, 2]).result()
    assert (pid, total) == (os.getpid(), 3)
