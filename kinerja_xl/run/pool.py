"""The run's one process pool: check, the comparison pass's copies and fix all go through ``run_ordered``.

Guarded three ways, with public APIs only (multiprocessing processes and pipes):

- **order kept**: results come back in task order, whatever order the workers finish in;
- **a dead worker** (killed, out of memory) costs only the task it was running: that task gets
  ``on_error`` (one line, like any unreadable file) and a fresh worker takes the next task;
- **Ctrl-C**: workers ignore SIGINT (it is for the parent); the parent stops every worker with
  SIGTERM, on which a worker removes its unfinished temporary files and ends at once, and
  re-raises KeyboardInterrupt. No queued task starts after it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast

from kinerja_xl import outputs
from kinerja_xl.perf import gc_paused

T = TypeVar("T")
R = TypeVar("R")

# What a worker sends back per task: (index, True, result) or (index, False, (kind, detail)).
_Reply = tuple[int, bool, Any]
WORKER_DIED = "WorkerDied"  # the kind on_error gets for a worker that ended without a reply
STOP_SECONDS = 2.0  # how long a stopped worker gets to end before it is killed


def run_ordered(
    fn: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    on_error: Callable[[int, str, str], R],
    on_done: Callable[[int, int], None] | None = None,
) -> list[R]:
    """``[fn(t) for t in tasks]``, in ``jobs`` worker processes when jobs > 1.

    on_error(index, kind, detail): the result of a task whose worker raised or died (kind: the
    exception's class name, or ``WorkerDied``). on_done(done, index): after each task, in this process.
    fn must be a module-level function (it is sent to the workers).
    """
    if jobs <= 1 or len(tasks) < 2:
        out = []
        for i, task in enumerate(tasks):
            out.append(fn(task))
            if on_done:
                on_done(i + 1, i)
        return out
    pool = _Pool(fn, min(jobs, len(tasks)))
    try:
        # gc paused: the parent only collects results, and collections over the growing
        # heap of unpickled results cost it nearly a core (a worker's share on 2 cores)
        with gc_paused():
            return pool.run(tasks, on_error, on_done)
    finally:
        pool.stop()


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process (its class depends on the start method)
    conn: Connection
    task: int | None = None  # the index it is working on


@dataclass
class _Pool(Generic[T, R]):
    fn: Callable[[T], R]
    size: int
    workers: list[_Worker] = field(default_factory=list)

    def _start(self) -> _Worker:
        parent, child = multiprocessing.Pipe()
        proc = multiprocessing.Process(target=_work, args=(child, self.fn), daemon=True)
        with _sigint_ignored():  # a Ctrl-C while it starts is for the parent, never a worker's traceback
            proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.workers.append(worker)
        return worker

    def run(
        self,
        tasks: Sequence[T],
        on_error: Callable[[int, str, str], R],
        on_done: Callable[[int, int], None] | None,
    ) -> list[R]:
        results: list[R | None] = [None] * len(tasks)
        queue = deque(range(len(tasks)))
        for _ in range(self.size):
            self._give(self._start(), queue, tasks)
        done = 0
        while done < len(tasks):
            busy = [w for w in self.workers if w.task is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = self._outcome(worker, worker.process.sentinel in ready)
                    if outcome is None:
                        continue
                    i, ok, value = outcome
                    results[i] = value if ok else on_error(i, *value)
                    done += 1
                    if on_done:
                        on_done(done, i)
                    if worker in self.workers:
                        self._give(worker, queue, tasks)
                    elif queue:  # it died: a fresh worker takes the next task
                        self._give(self._start(), queue, tasks)
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)  # done: end your loop
        return cast("list[R]", results)

    @staticmethod
    def _give(worker: _Worker, queue: deque[int], tasks: Sequence[T]) -> None:
        if queue:
            worker.task = queue.popleft()
            worker.conn.send((worker.task, tasks[worker.task]))

    def _outcome(self, worker: _Worker, ended: bool) -> _Reply | None:
        """The worker's reply to its task; when it died without one, the task's WorkerDied error
        (and the worker is dropped); None when nothing came yet."""
        reply = _receive(worker)
        task = worker.task
        assert task is not None
        if isinstance(reply, tuple):
            worker.task = None
            return reply
        if reply is _GONE or ended:
            worker.task = None
            worker.process.join()
            self._drop(worker)
            return task, False, (WORKER_DIED, _death(worker.process.exitcode))
        return None

    def _drop(self, worker: _Worker) -> None:
        worker.conn.close()
        self.workers.remove(worker)

    def stop(self) -> None:
        """End every worker. After a normal run they were told they are done; otherwise (Ctrl-C, an
        error in the parent) each is told to stop now (SIGTERM: it removes its temporary files)."""
        for worker in self.workers:
            if worker.process.is_alive() and worker.task is not None:
                with contextlib.suppress(OSError):
                    worker.process.terminate()
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.close()  # an idle worker sees the pipe end and returns
        for worker in self.workers:
            worker.process.join(timeout=STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self.workers.clear()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker is forked (it inherits SIG_IGN), the parent's handler restored after."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


_GONE = object()  # a worker's pipe is closed: it died


def _receive(worker: _Worker) -> _Reply | object | None:
    """The worker's reply when one is there; _GONE when its pipe is closed; None when nothing came yet."""
    try:
        if worker.conn.poll():
            reply: _Reply = worker.conn.recv()
            return reply
    except (EOFError, OSError):
        return _GONE
    except Exception as exc:  # a reply that cannot be unpickled
        assert worker.task is not None
        return worker.task, False, (type(exc).__name__, str(exc)[:300])
    return None


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return signal.Signals(-exitcode).name
    return f"exit code {exitcode}"


def _work(conn: Connection, fn: Callable[[Any], Any]) -> None:
    """A worker: run each task it is sent and send back its result (or the error it raised)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops us itself
    signal.signal(signal.SIGTERM, _stopped)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        i, task = message
        try:
            reply: _Reply = (i, True, fn(task))
        except Exception as exc:
            reply = (i, False, (type(exc).__name__, str(exc)[:300]))
        try:
            conn.send(reply)
        except OSError:  # the parent is gone or stopped us: nothing to report to
            return
        except Exception as exc:  # a result that cannot be pickled
            with contextlib.suppress(OSError):
                conn.send((i, False, (type(exc).__name__, str(exc)[:300])))


def _stopped(_signum: int, _frame: object) -> None:
    """SIGTERM in a worker: remove its unfinished temporary files and end now."""
    outputs.remove_pending()
    os._exit(143)
