"""The pool sends each worker its next task ahead (pool.AHEAD): questions, deaths and order still hold."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from kinerja_xl.run import pool


def _square_or_die(n: int) -> int:
    if n == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def _asking(n: int) -> tuple[int, object]:
    return n, pool.ask(n)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL; workers are forked")
def test_a_dead_worker_costs_its_task_only_and_its_next_task_is_done_by_another():
    failed: list[int] = []

    def on_error(i: int, kind: str, detail: str) -> int:
        failed.append(i)
        assert kind == pool.WORKER_DIED and "SIGKILL" in detail
        return -1

    # worker one holds 0 and 1, then 4 and 5 (say): 5 must go back to the queue when it dies on 4
    got = pool.run_ordered(_square_or_die, list(range(10)), 2, on_error)
    assert got == [0, 1, 4, 9, -1, 25, 36, 49, 64, 81]
    assert failed == [4]


def test_questions_are_answered_while_the_next_task_waits_in_the_pipe():
    asked: list[int] = []

    def on_ask(i: int, payload: object) -> object:
        asked.append(i)
        return ("seen", payload)

    got = pool.run_ordered(_asking, list(range(12)), 2, lambda i, k, d: (i, None), on_ask=on_ask)
    assert got == [(n, ("seen", n)) for n in range(12)]
    assert sorted(asked) == list(range(12))
