"""Reading, scoring and writing overlapped on three threads, in order, with bounded memory.

Design notes
------------
``stimmung score`` reads and decodes a chunk of records, scores it and writes its rows. Run one after the
other, the reading and writing (Python, under the GIL) leave the cores idle that scoring could use, and
scoring (C++, with the GIL released) leaves the Python work waiting. :class:`Pipeline` puts the reading on
a reader thread and the writing on a writer thread; the caller's thread takes each item from the reader,
scores it, and hands the result to the writer:

    reader thread --inbox--> caller (scores; the C++ batch releases the GIL) --outbox--> writer thread

Both queues are FIFOs of at most ``depth`` items (the outbox ``out_depth``, when given: results are often
much smaller than inputs), so order is kept and memory is bounded by ``depth + out_depth + 2`` items (one
in each stage's hands), whatever the input's size.

Failures and signals: an exception on the reader or writer thread (a bad input, a full disk, a closed
pipe) is caught there and raised again on the caller's thread, as it is (BrokenPipeError stays one), at
the caller's next step. Python delivers signals to the main thread only, and waiting on a queue there is
interruptible: KeyboardInterrupt or the CLI's SIGTERM exception leaves the ``with`` block, which stops
both threads (each looks at the stop flag at least every 0.1 s while waiting) and waits for the writer to
finish its current item before the exception goes on, so the caller's cleanup (removing a temporary
output) finds the writer done; a reader blocked on its input is not waited for long.
Helper threads are daemons: one blocked for good (reading a terminal, writing a pipe nobody reads) does
not keep the process alive.

``depth=0`` runs everything on the caller's thread, one step after the other (the behaviour before the
pipeline); ``STIMMUNG_CLI_PIPELINE=0`` selects it in the CLI, for measuring and for debugging.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_POLL = 0.1  # seconds between looks at the stop flag and the other threads' failures while waiting
# Seconds to wait for a helper thread after a failure or signal: the writer must be done before the caller
# removes a temporary output; the reader may be blocked on a pipe for good (stdin) and holds nothing to clean.
_JOIN_WRITER = 10.0
_JOIN_READER = 0.5


class _End:
    """Closes a queue: no more items follow."""


class _Failed:
    """An exception raised on a helper thread, carried to the caller's thread."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class Pipeline(Generic[T]):
    """Iterate to get the items of ``source`` (read on a reader thread); :meth:`send` each result to
    ``sink`` (called on a writer thread, in the order sent). Use as a context manager; leaving the block
    normally waits until the writer has written everything and raises its failure, if any."""

    def __init__(self, source: Iterable[T], sink: Callable[[Any], None], depth: int = 2,
                 out_depth: int | None = None) -> None:
        self._source = source
        self._sink = sink
        self._depth = depth
        self._stop = threading.Event()
        self._inbox: queue.Queue[Any] = queue.Queue(maxsize=max(depth, 1))
        out_depth = depth if out_depth is None else out_depth
        self._outbox: queue.Queue[Any] = queue.Queue(maxsize=max(out_depth, 1))
        self._writer_error: BaseException | None = None
        self._threads: list[threading.Thread] = []

    # --- the caller's side ----------------------------------------------------------------------------
    def __enter__(self) -> Pipeline[T]:
        if self._depth > 0:
            for name, target in (("stimmung-reader", self._read), ("stimmung-writer", self._write)):
                t = threading.Thread(target=target, name=name, daemon=True)
                t.start()
                self._threads.append(t)
        return self

    def __iter__(self) -> Iterator[T]:
        if self._depth <= 0:
            yield from self._source
            return
        while True:
            item = self._wait(lambda timeout: self._inbox.get(timeout=timeout))
            if isinstance(item, _End):
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    def send(self, result: Any) -> None:
        """Hands ``result`` to the writer (blocks while ``depth`` results wait for it)."""
        if self._depth <= 0:
            self._sink(result)
            return
        self._wait(lambda timeout: self._outbox.put(result, timeout=timeout))

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._depth <= 0:
            return
        if exc_type is None:
            try:
                self.send(_End())
                writer = self._threads[1]
                while writer.is_alive():
                    writer.join(_POLL)
                    self._raise_writer_error()
                self._raise_writer_error()
            except BaseException:
                self._shut_down()
                raise
            self._shut_down()
        else:
            self._shut_down()

    def _wait(self, step: Callable[[float], Any]) -> Any:
        """Runs a queue step, waking every _POLL seconds to raise the writer's failure instead of waiting
        for ever on a writer that has stopped. Signals interrupt the wait (on the main thread)."""
        while True:
            self._raise_writer_error()
            try:
                return step(_POLL)
            except (queue.Empty, queue.Full):
                continue

    def _raise_writer_error(self) -> None:
        if self._writer_error is not None:
            error, self._writer_error = self._writer_error, None
            raise error

    def _shut_down(self) -> None:
        self._stop.set()
        for t, wait in zip(self._threads, (_JOIN_READER, _JOIN_WRITER)):
            t.join(wait)
        self._threads.clear()

    # --- the helper threads ---------------------------------------------------------------------------
    def _put(self, q: queue.Queue[Any], item: Any) -> bool:
        """Puts an item unless the pipeline stops first (then False)."""
        while not self._stop.is_set():
            try:
                q.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def _read(self) -> None:
        it = iter(self._source)
        try:
            for item in it:
                if not self._put(self._inbox, item):
                    return
        except BaseException as e:  # noqa: BLE001 - carried to the caller, raised there
            self._put(self._inbox, _Failed(e))
            return
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                try:
                    close()  # a generator's finally blocks close its files, on this thread
                except BaseException:  # noqa: BLE001 - e.g. still running after a failure: nothing to do
                    pass
        self._put(self._inbox, _End())

    def _write(self) -> None:
        while not self._stop.is_set():
            try:
                item = self._outbox.get(timeout=_POLL)
            except queue.Empty:
                continue
            if isinstance(item, _End):
                return
            try:
                self._sink(item)
            except BaseException as e:  # noqa: BLE001 - carried to the caller, raised there
                self._writer_error = e
                return
