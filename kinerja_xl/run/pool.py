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
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from kinerja_xl import outputs
from kinerja_xl.perf import gc_paused

if TYPE_CHECKING:  # multiprocessing is imported when a pool starts (a one-file check never needs it)
    from multiprocessing.connection import Connection

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
    on_ask: Callable[[int, Any], Any] | None = None,
) -> list[R]:
    """``[fn(t) for t in tasks]``, in ``jobs`` worker processes when jobs > 1.

    on_error(index, kind, detail): the result of a task whose worker raised or died (kind: the
    exception's class name, or ``WorkerDied``). on_done(done, index): after each task, in this process.
    on_ask(index, payload): the answer to ``ask(payload)`` called by fn while it works on a task,
    given in this process (what the run knows so far). fn must be a module-level function.
    """
    global _local_ask
    if jobs <= 1 or len(tasks) < 2:
        out = []
        for i, task in enumerate(tasks):
            _local_ask = (lambda payload, i=i: on_ask(i, payload)) if on_ask else None
            try:
                out.append(fn(task))
            finally:
                _local_ask = None
            if on_done:
                on_done(i + 1, i)
        return out
    pool = _Pool(fn, min(jobs, len(tasks)), on_ask)
    try:
        # gc paused: the parent only collects results, and collections over the growing
        # heap of unpickled results cost it nearly a core (a worker's share on 2 cores)
        with gc_paused():
            return pool.run(tasks, on_error, on_done)
    finally:
        pool.stop()


AHEAD = 2  # tasks sent to a worker at once: the next one waits in its pipe, never for this process


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process (its class depends on the start method)
    conn: Connection
    tasks: deque[int] = field(default_factory=deque)  # sent to it, in order: the first is the one it works on

    @property
    def task(self) -> int | None:
        """The index it is working on."""
        return self.tasks[0] if self.tasks else None


@dataclass
class _Pool(Generic[T, R]):
    fn: Callable[[T], R]
    size: int
    on_ask: Callable[[int, Any], Any] | None = None
    workers: list[_Worker] = field(default_factory=list)

    def _start(self) -> _Worker:
        import multiprocessing

        parent, child = multiprocessing.Pipe()
        proc = multiprocessing.Process(target=_work, args=(child, self.fn), daemon=True)
        with sigint_ignored():  # a Ctrl-C while it starts is for the parent, never a worker's traceback
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
        from multiprocessing.connection import wait

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
                    outcome = self._outcome(worker, worker.process.sentinel in ready, queue)
                    if outcome is None:
                        continue
                    if worker in self.workers:
                        self._give(worker, queue, tasks)  # first: it goes on while this process unpacks
                    elif queue:  # it died: a fresh worker takes the next tasks
                        self._give(self._start(), queue, tasks)
                    i, ok, value = outcome
                    results[i] = value if ok else on_error(i, *value)
                    done += 1
                    if on_done:
                        on_done(done, i)
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)  # done: end your loop
        return cast("list[R]", results)

    @staticmethod
    def _give(worker: _Worker, queue: deque[int], tasks: Sequence[T]) -> None:
        """Send the worker tasks until it holds AHEAD of them (while any are queued)."""
        while queue and len(worker.tasks) < AHEAD:
            i = queue.popleft()
            worker.tasks.append(i)
            try:
                worker.conn.send((i, tasks[i]))
            except OSError:  # it died since its last reply: its death gives the task back (_outcome)
                return

    def _outcome(self, worker: _Worker, ended: bool, queue: deque[int]) -> _Reply | None:
        """The worker's reply to its task; when it died without one, the task's WorkerDied error (the
        worker is dropped, the tasks it had not started go back to the front of the queue); None when
        nothing came yet."""
        reply = _receive(worker)
        task = worker.task
        assert task is not None
        if isinstance(reply, tuple) and reply[0] == _ASK:  # a question while it works: answer, go on
            worker.conn.send((_ANSWER, self.on_ask(task, reply[2]) if self.on_ask else None))
            return None
        if isinstance(reply, tuple):
            worker.tasks.popleft()
            return reply
        if reply is _GONE or ended:
            worker.tasks.popleft()
            queue.extendleft(reversed(worker.tasks))
            worker.tasks.clear()
            worker.process.join()
            self._drop(worker)
            return task, False, (WORKER_DIED, death(worker.process.exitcode))
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
            joined(worker.process)
        self.workers.clear()


def joined(process: Any) -> None:
    """Wait for a process told to end (it gets STOP_SECONDS), then kill it if it is still there."""
    process.join(timeout=STOP_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()


@contextlib.contextmanager
def sigint_ignored() -> Iterator[None]:
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


def death(exitcode: int | None) -> str:
    """How a process that ended without its reply ended: its signal's name, or its exit code."""
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return signal.Signals(-exitcode).name
    return f"exit code {exitcode}"


_ASK = "ask"  # a worker's question: (_ASK, index, payload), answered with one (_ANSWER, answer) message
_ANSWER = "answer"
_ahead: deque[tuple[int, Any]] = deque()  # in a worker: tasks that came while it waited for an answer
_local_ask: Callable[[Any], Any] | None = None  # ask() in this process (no worker)
_worker_conn: Connection | None = None  # ask() in a worker: its pipe to the parent
_worker_task: int = -1


def ask(payload: Any) -> Any:
    """From inside a task: the run's answer to ``payload`` (run_ordered's on_ask), None without one."""
    if _worker_conn is not None:
        _worker_conn.send((_ASK, _worker_task, payload))
        while True:  # the next task may be in the pipe before the answer
            message = _worker_conn.recv()
            if isinstance(message, tuple) and message[0] == _ANSWER:
                return message[1]
            _ahead.append(message)
    return _local_ask(payload) if _local_ask is not None else None


def _work(conn: Connection, fn: Callable[[Any], Any]) -> None:
    """A worker: run each task it is sent and send back its result (or the error it raised)."""
    global _worker_conn, _worker_task
    child_signals()
    _worker_conn = conn
    while True:
        try:
            message = _ahead.popleft() if _ahead else conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        i, task = message
        _worker_task = i
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


def child_signals() -> None:
    """A forked child of the run (a worker, the batch writer): Ctrl-C is for the parent, which stops
    it with SIGTERM; the claims and temporary files it inherited stay the parent's."""
    from kinerja_xl.claims import forget_inherited

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stopped)
    forget_inherited()


def _stopped(_signum: int, _frame: object) -> None:
    """SIGTERM in a worker: remove its unfinished temporary files and end now."""
    outputs.remove_pending()
    os._exit(143)
