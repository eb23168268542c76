"""Load and soak: concurrent clients get their own, unchanged answers; memory stays flat.

Sizes can be raised for a full run: ``RAG_LOAD_N`` (questions per API client, slow test),
``RAG_LOAD_APP_N`` (per gradio client), ``RAG_SOAK_N`` (sequential soak questions, extractive
mode) and ``RAG_SOAK_GEN_N`` (sequential soak questions through the generator).
Figures are printed (run with ``-s``) so they can be recorded.
"""

from __future__ import annotations

import html
import json
import os
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_app import running_app  # one app launcher for all tests (as test_browser does)

from rag.pipeline import Assistant

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 4
QUESTIONS = [
    "Who is the Kremlin spokesman?",
    "Who won the 2018 FIFA World Cup?",
    "What range was Ukraine allowed?",
    "What is the capital of Australia?",
    "How many North Korean troops are in Russia?",
    "Which missiles did Ukraine fire on Wednesday?",
]


def eval_questions() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "questions.jsonl").read_text().splitlines() if line.strip()]
    return [row["question"] for row in rows]


def rss_kib() -> int:
    """Resident set size of this process (VmRSS from /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def run_clients(work: Callable[[int, str], None], per_client: int) -> tuple[list[float], list[str]]:
    """``CLIENTS`` threads, each asking ``per_client`` questions (rotated so they differ at any moment)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        for j in range(per_client):
            question = QUESTIONS[(i + j * CLIENTS) % len(QUESTIONS)]
            began = time.perf_counter()
            try:
                work(i, question)
            except Exception as exc:  # every failure is counted and reported, none is lost
                with lock:
                    errors.append(f"client {i} {question!r}: {exc.__class__.__name__}: {exc}")
            with lock:
                latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3600)
    assert not any(t.is_alive() for t in threads), "a client hung"
    return latencies, errors


def figures(name: str, latencies: list[float], errors: list[str], seconds: float) -> str:
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"{name}: {len(latencies)} requests from {CLIENTS} clients in {seconds:.1f}s, {len(errors)} errors, "
        f"median {statistics.median(ordered):.2f}s, p95 {p95:.2f}s"
    )


def api_load(assistant: Assistant, per_client: int) -> None:
    """Each answer must be the one a lone client gets for the same question (greedy decoding)."""
    used = {QUESTIONS[(i + j * CLIENTS) % len(QUESTIONS)] for i in range(CLIENTS) for j in range(per_client)}
    baseline = {q: assistant.ask(q) for q in sorted(used)}

    def work(_: int, question: str) -> None:
        answer = assistant.ask(question)
        assert answer.question == question, f"got the answer to {answer.question!r}"
        expected = baseline[question]
        assert (answer.text, answer.abstained) == (expected.text, expected.abstained), "answer differs from alone"
        for citation in answer.citations:
            assert citation.quote == assistant.index.documents[citation.doc_id].text[citation.start : citation.end]

    began = time.perf_counter()
    latencies, errors = run_clients(work, per_client)
    print("\n" + figures("API load", latencies, errors, time.perf_counter() - began))
    assert errors == [] and len(latencies) == CLIENTS * per_client


def test_concurrent_api_clients_get_their_own_answers(assistant):
    api_load(assistant, per_client=1)


@pytest.mark.slow
def test_concurrent_api_load(assistant):
    api_load(assistant, per_client=int(os.environ.get("RAG_LOAD_N", "10")))


@pytest.mark.slow
def test_concurrent_clients_through_the_running_app(tmp_path):
    """4 gradio clients against ``app.py`` on 127.0.0.1: no errors, each sees its own question answered."""
    from gradio_client import Client

    per_client = int(os.environ.get("RAG_LOAD_APP_N", "5"))
    with running_app(tmp_path) as url:
        # gradio_client's own HTTP calls default to a 5 s read timeout; with 4 clients queued on
        # 2 cores a request may wait longer for its turn (CI of a223711 failed so: 3 ReadTimeouts
        # in a 16.8 s run). The limit that matters is job.result's below, so httpx gets the same
        clients = [Client(url, verbose=False, httpx_kwargs={"timeout": 600}) for _ in range(CLIENTS)]

        def work(i: int, question: str) -> None:
            job = clients[i].submit(question, [], 4, 0.0, [], "", "", [], api_name="/ask")  # no filters
            chat, sources, _ = job.result(timeout=600)
            user, reply = chat[-2]["content"][0]["text"], chat[-1]["content"][0]["text"]
            assert html.escape(question, quote=False) in user or html.escape(question) in user, user
            assert len(chat) == 2, "a fresh conversation holds only this question and its answer"
            assert 'class="drafting"' not in reply, "the final output is the verified answer"
            assert "Traceback" not in reply and "error" not in reply.lower()[:200]
            assert html.escape(question, quote=False) in sources or html.escape(question) in sources

        began = time.perf_counter()
        latencies, errors = run_clients(work, per_client)
    print("\n" + figures("gradio app load", latencies, errors, time.perf_counter() - began))
    assert errors == [] and len(latencies) == CLIENTS * per_client


@pytest.mark.slow
def test_soak_memory_stays_flat(assistant):
    """Sequential questions through the Python API: RSS grows < 10% over 500 questions after
    a warm-up pass over the 138 evaluation questions.

    CI runs it in extractive mode (every stage but token generation: retrieval, embedding,
    verification, extraction, citation), because 638 default-mode answers take over 30
    minutes on 2 cores; RAG_SOAK_MODE=auto runs the default mode (measured: flat, +0.3% from
    question 200 to 350, see the issue notes)."""
    count = int(os.environ.get("RAG_SOAK_N", "500"))
    mode = os.environ.get("RAG_SOAK_MODE", "extractive")
    assistant = Assistant(
        assistant.settings.with_(answer_mode=mode), assistant.embedder, assistant.generator, assistant.index
    )
    questions = eval_questions()
    # Warm-up: one pass over every distinct question. Each new input length still makes the
    # allocators (torch, glibc arenas, llama.cpp) grow RSS during the first pass; measured in
    # extractive mode: 799 -> 996 MiB over the first 138 questions, then flat (1002 MiB at 276).
    # A leak keeps growing on repeats; that is what is measured after the warm-up.
    for question in questions:
        assistant.ask(question)
    start = rss_kib()
    print(f"\nsoak: RSS after warm-up {start / 1024:.1f} MiB", flush=True)
    began = time.perf_counter()
    modes: dict[str, int] = {}
    for i in range(count):
        answer = assistant.ask(questions[i % len(questions)])
        modes[answer.mode] = modes.get(answer.mode, 0) + 1
        if (i + 1) % 50 == 0:
            print(
                f"soak {i + 1}/{count}: {time.perf_counter() - began:.0f}s, RSS {rss_kib() / 1024:.1f} MiB", flush=True
            )
    end = rss_kib()
    growth = (end - start) / start
    print(
        f"\nsoak: {count} questions in {time.perf_counter() - began:.0f}s; RSS {start / 1024:.1f} -> "
        f"{end / 1024:.1f} MiB ({growth:+.1%}); modes {modes}"
    )
    assert growth < 0.10


@pytest.mark.slow
def test_soak_generation_path(assistant, monkeypatch):
    """The default mode soaked too (answer_mode auto: generation, verification, repair and
    fallback), briefly because each answer runs the model: one warm-up pass over ``QUESTIONS``,
    then ``RAG_SOAK_GEN_N`` (20) repeats of them. Every repeat must give the answer the warm-up
    gave (no state carried between questions) and quote exactly, the model must have generated
    tokens, and RSS must not keep growing."""
    count = int(os.environ.get("RAG_SOAK_GEN_N", "20"))
    auto = Assistant(
        assistant.settings.with_(answer_mode="auto"), assistant.embedder, assistant.generator, assistant.index
    )
    pieces = 0
    real_stream = assistant.generator.stream

    def counting_stream(*args, **kwargs):
        nonlocal pieces
        for piece in real_stream(*args, **kwargs):
            pieces += 1
            yield piece

    monkeypatch.setattr(assistant.generator, "stream", counting_stream)
    first = {question: auto.ask(question) for question in QUESTIONS}  # warm-up
    start, pieces = rss_kib(), 0
    began = time.perf_counter()
    modes: dict[str, int] = {}
    for i in range(count):
        question = QUESTIONS[i % len(QUESTIONS)]
        answer = auto.ask(question)
        modes[answer.mode] = modes.get(answer.mode, 0) + 1
        assert (answer.text, answer.mode) == (first[question].text, first[question].mode), question
        for citation in answer.citations:
            assert citation.quote == auto.index.documents[citation.doc_id].text[citation.start : citation.end]
    end = rss_kib()
    growth = (end - start) / start
    print(
        f"\ngeneration soak: {count} questions in {time.perf_counter() - began:.0f}s, {pieces} generated pieces; "
        f"RSS {start / 1024:.1f} -> {end / 1024:.1f} MiB ({growth:+.1%}); modes {modes}"
    )
    assert pieces > 0, f"the model generated nothing: the generation path was not soaked ({modes})"
    assert growth < 0.10
