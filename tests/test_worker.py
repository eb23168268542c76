"""The model thread: calls and streams run on one thread, errors and early exits travel back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from rag.worker import ModelThread


def test_calls_run_on_the_model_thread_in_order():
    models = ModelThread("test-models")
    names = [models.call(lambda: threading.current_thread().name) for _ in range(3)]
    assert names == ["test-models"] * 3
    with ThreadPoolExecutor(4) as pool:
        seen = set(pool.map(lambda _: models.call(lambda: threading.current_thread().name), range(8)))
    assert seen == {"test-models"}
    with pytest.raises(ZeroDivisionError):
        models.call(lambda: 1 / 0)
    assert models.call(lambda: "still alive") == "still alive"


def test_relay_streams_items_and_raises_the_producers_error():
    models = ModelThread()

    def produce() -> Iterator[str]:
        yield threading.current_thread().name
        yield "second"
        raise ValueError("bad question")

    items = []
    with pytest.raises(ValueError, match="bad question"):
        for item in models.relay(produce):
            items.append(item)
    assert items == ["rag-models", "second"]


def test_a_consumer_that_leaves_closes_the_producer():
    models = ModelThread()
    closed = threading.Event()
    produced = []

    def produce() -> Iterator[int]:
        try:
            for i in range(1000):
                produced.append(i)
                yield i
        finally:
            closed.set()  # e.g. the generator's decode lock is released here

    stream = models.relay(produce)
    assert next(stream) == 0
    stream.close()
    assert closed.wait(5) and len(produced) < 1000
    assert models.call(lambda: "free") == "free"  # the thread is not stuck on the abandoned stream
