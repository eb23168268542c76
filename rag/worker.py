"""One thread for the models: servers run every model call of an assistant on the thread that loaded it.

Measured here (bench/api_latency.py, BENCHMARKS.md): llama.cpp decodes 1.5–3× slower when called
from a thread other than the one the models were loaded on (OpenMP runtimes of torch and
llama.cpp in one process; the 2 cores then host several thread teams). A web server calls from
a pool of threads, so ``rag serve`` and the chat UI load the assistant on a :class:`ModelThread`
and every answer, embedding and index write runs there, one at a time — which 2 cores would
impose anyway, as the generator decodes one answer at a time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
_DONE = object()
RUN_AHEAD = 64  # items (tokens) the producer may get ahead of a slow consumer before it waits


class ModelThread:
    """A daemon thread that runs submitted calls in order; :meth:`relay` streams an iterator from it."""

    def __init__(self, name: str = "rag-models") -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def is_current(self) -> bool:
        return threading.current_thread() is self._thread

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the model thread and return its result (or raise its exception)."""
        if self.is_current():
            return fn(*args, **kwargs)
        future: Future[T] = Future()
        self._jobs.put((lambda: fn(*args, **kwargs), future))
        return future.result()

    def relay(self, make: Callable[[], Iterator[T]]) -> Iterator[T]:
        """Iterate ``make()`` on the model thread, yielding its items here as they come. When the
        consumer stops early, the producer is closed at its next item (releasing what it holds)."""
        if self.is_current():
            yield from make()
            return
        items: queue.Queue[Any] = queue.Queue(maxsize=RUN_AHEAD)
        stop = threading.Event()

        def hand_over(item: Any) -> bool:
            """Put ``item`` for the consumer; False once the consumer has left."""
            while not stop.is_set():
                try:
                    items.put(item, timeout=0.05)
                    return True
                except queue.Full:
                    continue
            return False

        def produce() -> None:
            iterator = make()
            try:
                for item in iterator:
                    if not hand_over(item):
                        break
            except BaseException as exc:  # delivered to the consumer, raised there
                hand_over(_Raised(exc))
            finally:
                close = getattr(iterator, "close", None)
                if close is not None:
                    close()
                hand_over(_DONE)

        self._jobs.put((produce, Future()))
        try:
            while (item := items.get()) is not _DONE:
                if isinstance(item, _Raised):
                    raise item.exc
                yield item
        finally:
            stop.set()

    def _loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:
                future.set_exception(exc)


class _Raised:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
