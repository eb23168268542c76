"""Index integrity under crashes, concurrent writers and damaged files.

Real processes are killed with SIGKILL (no cleanup handlers run), a real second process
contends for the writer lock, and damaged index files must give ``IndexCorruptError`` with
the documented recovery (``rag index FOLDER --rebuild``), never a silently wrong answer.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag import store
from rag.errors import IndexCorruptError, IndexLockedError
from rag.index import build_index
from rag.pipeline import Assistant
from rag.retrieve import Retriever
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
QUESTION = "What range was Ukraine allowed?"
RANGE_DOC = "003_abc02dacf25aa58b"  # "a range of up to 190 miles"

# Run in a child process: rewrite the current generation without its first document,
# SIGKILLing itself just before the N-th file-system step of the commit (0 = never).
CRASHER = """
import os, signal, sys, shutil
from pathlib import Path
from rag import store
from rag.index import make_faiss_index

index_dir, kill_at = Path(sys.argv[1]), int(sys.argv[2])
steps = []

def hooked(name, fn):
    def step(*args, **kwargs):
        steps.append(name)
        if len(steps) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return step

old = store.read_generation(index_dir)
dropped = sorted(old.documents)[0]
rows = [i for i, c in enumerate(old.chunks) if c.doc_id != dropped]
documents = [d for k, d in sorted(old.documents.items()) if k != dropped]
chunks = [old.chunks[i] for i in rows]
faiss_index = make_faiss_index(old.vectors()[rows])
store._fsync = hooked("fsync", store._fsync)
store._fsync_dir = hooked("fsync_dir", store._fsync_dir)
os.rename = hooked("rename", os.rename)
os.replace = hooked("replace", os.replace)
shutil.rmtree = hooked("rmtree", shutil.rmtree)
store.write_generation(index_dir, dict(old.manifest), documents, chunks, faiss_index)
print(" ".join(steps))
"""

# Run in a child process: hold the index writer lock, as an indexer does, until killed.
HOLDER = """
import sys, time
from pathlib import Path
from rag import store
with store.writer_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


def python(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def rag_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return python("-m", "rag.cli", *args, timeout=timeout)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Two short articles: a rebuild embeds them in well under a second."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "range.txt").write_text(
        "Ukraine may now fire ATACMS missiles with a range of up to 190 miles into Russia, officials said."
    )
    (folder / "kremlin.txt").write_text("Kremlin spokesman Dmitry Peskov called the decision reckless on Monday.")
    return folder


@pytest.fixture(scope="module")
def base_index(tmp_path_factory, small_corpus, embedder) -> Path:
    index_dir = tmp_path_factory.mktemp("base") / "idx"
    build_index([small_corpus], Settings.load(index_dir=index_dir), embedder)
    return index_dir


def fresh_copy(base_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(base_index, target)
    return target


def answers_range_question(index_dir: Path, embedder, generator) -> None:
    """The loaded index retrieves and answers (extractive: the full pipeline minus generation)."""
    stored = store.read_generation(index_dir)
    hits = Retriever(stored, embedder).search(QUESTION, 4)
    assert hits and hits[0].chunk.doc_id in stored.documents
    if RANGE_DOC in stored.documents:
        settings = Settings.load(index_dir=index_dir, answer_mode="extractive")
        answer = Assistant(settings, embedder, generator, stored).ask(QUESTION)
        assert not answer.abstained and "190" in answer.text, answer.text
        for c in answer.citations:
            assert c.quote == stored.documents[c.doc_id].text[c.start : c.end]


def test_sigkill_at_every_step_of_the_commit_leaves_a_whole_index(base_index, tmp_path):
    """Before CURRENT is replaced the old generation is live, after it the new one; never a mix."""
    old_docs = set(store.read_generation(base_index).documents)
    new_docs = old_docs - {min(old_docs)}
    counting = python("-c", CRASHER, str(fresh_copy(base_index, tmp_path / "count")), "0")
    assert counting.returncode == 0, counting.stderr
    steps = counting.stdout.split()
    assert "replace" in steps and "rename" in steps
    switch = steps.index("replace") + 1
    for kill_at in range(1, len(steps) + 1):
        index_dir = fresh_copy(base_index, tmp_path / f"k{kill_at}")
        crashed = python("-c", CRASHER, str(index_dir), str(kill_at))
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr
        stored = store.read_generation(index_dir)
        expected = old_docs if kill_at <= switch else new_docs
        assert set(stored.documents) == expected, f"killed before step {kill_at} ({steps[kill_at - 1]})"
        assert (index_dir / "CURRENT").read_text().startswith("gen-")
    leftovers = list((tmp_path / "k1" / "idx").glob(".tmp-*"))
    assert leftovers, "a build killed mid-write leaves its .tmp directory behind"
    done = python("-c", CRASHER, str(tmp_path / "k1" / "idx"), "0")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "k1" / "idx").iterdir() if p.is_dir())
    assert len(names) == 1 and names[0].startswith("gen-"), f"the next build cleans leftovers: {names}"


def test_second_writer_gets_a_clear_locked_error(base_index, tmp_path, small_corpus, embedder):
    index_dir = fresh_copy(base_index, tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(index_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLockedError, match="another process is writing the index"):
            build_index([small_corpus], Settings.load(index_dir=index_dir), embedder)
        second = rag_cli("index", str(small_corpus), "--index-dir", str(index_dir))
        assert second.returncode == 2, second.stdout + second.stderr
        assert second.stderr.startswith("error: another process is writing the index")
        assert "Traceback" not in second.stderr
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # a writer that dies must not leave the lock held
        holder.wait()
    report = build_index([small_corpus], Settings.load(index_dir=index_dir), embedder)
    assert report.documents == 2


def test_reader_racing_a_writer_gets_the_new_generation(base_index, tmp_path, monkeypatch):
    """Readers take no lock: when a build commits and removes the generation being read,
    the reader loads the new one instead of reporting damage."""
    index_dir = fresh_copy(base_index, tmp_path)
    old = store.read_generation(index_dir)
    real_read_jsonl = store._read_jsonl
    raced: list[Path] = []

    def read_jsonl_while_a_writer_commits(path: Path):
        if not raced:  # in the middle of the first read, another process commits a build
            raced.append(path)
            docs = sorted(old.documents.values(), key=lambda d: d.doc_id)[:1]
            rows = [i for i, c in enumerate(old.chunks) if c.doc_id == docs[0].doc_id]
            from rag.index import make_faiss_index

            chunks = [old.chunks[i] for i in rows]
            store.write_generation(index_dir, dict(old.manifest), docs, chunks, make_faiss_index(old.vectors()[rows]))
        return real_read_jsonl(path)

    monkeypatch.setattr(store, "_read_jsonl", read_jsonl_while_a_writer_commits)
    stored = store.read_generation(index_dir)
    assert raced and not raced[0].exists(), "the generation being read was removed mid-read"
    assert stored.path != old.path and len(stored.documents) == 1


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _manifest(index_dir: Path) -> Path:
    return store.current_generation(index_dir) / "manifest.json"  # type: ignore[operator]


def _gen_file(name: str):
    return lambda index_dir: _truncate(store.current_generation(index_dir) / name)


CORRUPTIONS = {
    "CURRENT empty": lambda d: (d / "CURRENT").write_text(""),
    "CURRENT garbage": lambda d: (d / "CURRENT").write_text("hello world"),
    "CURRENT binary": lambda d: (d / "CURRENT").write_bytes(b"\xff\xfe\x00gen\x81"),
    "CURRENT names a missing generation": lambda d: (d / "CURRENT").write_text("gen-999999"),
    "CURRENT escapes the index": lambda d: (d / "CURRENT").write_text("gen-1/../../etc"),
    "manifest truncated": lambda d: _truncate(_manifest(d)),
    "manifest not an object": lambda d: _manifest(d).write_text("[]"),
    "manifest without checksums": lambda d: _manifest(d).write_text('{"format_version": 1}'),
    "manifest deleted": lambda d: _manifest(d).unlink(),
    "documents truncated": _gen_file("documents.jsonl"),
    "chunks truncated": _gen_file("chunks.jsonl"),
    "vectors truncated": _gen_file("dense.faiss"),
    "vectors bit-flipped": lambda d: _flip_byte(store.current_generation(d) / "dense.faiss"),
}


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", list(CORRUPTIONS))
def test_damaged_index_gives_a_clear_error_and_rebuild_recovers(damage, base_index, tmp_path, small_corpus, embedder):
    index_dir = fresh_copy(base_index, tmp_path)
    CORRUPTIONS[damage](index_dir)
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        store.read_generation(index_dir)
    with pytest.raises(IndexCorruptError):  # an incremental build refuses to build on a damaged index
        build_index([small_corpus], Settings.load(index_dir=index_dir), embedder)
    report = build_index([small_corpus], Settings.load(index_dir=index_dir), embedder, rebuild=True)
    assert report.documents == 2 and set(store.read_generation(index_dir).documents) == {
        p.stem for p in small_corpus.iterdir()
    }


def test_damaged_index_is_reported_by_the_cli_without_traceback(base_index, tmp_path):
    index_dir = fresh_copy(base_index, tmp_path)
    _truncate(_manifest(index_dir))
    result = rag_cli("status", "--index-dir", str(index_dir))
    assert result.returncode == 2 and result.stderr.startswith("error: index in")
    assert "rag index FOLDER --rebuild" in result.stderr and "Traceback" not in result.stderr


def test_assistant_refuses_a_damaged_index_instead_of_answering(base_index, tmp_path):
    index_dir = fresh_copy(base_index, tmp_path)
    _flip_byte(store.current_generation(index_dir) / "chunks.jsonl")
    with pytest.raises(IndexCorruptError):
        Assistant.load(index_dir=index_dir, build_if_missing=True)


@pytest.mark.slow
def test_cli_rebuild_recovers_a_damaged_index(base_index, tmp_path, small_corpus):
    index_dir = fresh_copy(base_index, tmp_path)
    (index_dir / "CURRENT").write_text("garbage")
    refused = rag_cli("index", str(small_corpus), "--index-dir", str(index_dir))
    assert refused.returncode == 2 and "--rebuild" in refused.stderr
    rebuilt = rag_cli("index", str(small_corpus), "--rebuild", "--index-dir", str(index_dir))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "indexed 2 documents" in rebuilt.stdout
    assert len(store.read_generation(index_dir).documents) == 2


def extra_articles(folder: Path, tag: str, count: int = 24) -> Path:
    """``count`` distinct article variants (new content hashes, so each build really embeds)."""
    folder.mkdir(parents=True)
    sources = sorted(ARTICLES.glob("*.txt"))
    for i in range(count):
        paragraphs = sources[i % len(sources)].read_text().split("\n\n")
        shift = i % len(paragraphs)
        body = "\n\n".join(paragraphs[shift:] + paragraphs[:shift])
        (folder / f"extra_{tag}_{i:02d}.txt").write_text(f"Bulletin {tag}-{i}: regional update.\n\n{body}")
    return folder


@pytest.mark.slow
def test_sigkill_during_real_builds_never_breaks_the_index(tmp_path, corpus_copy, embedder, assistant):
    """Kill ``rag index`` with SIGKILL at random moments of real builds, four times, then once
    just after a build's commit."""
    rng = random.Random(20241122)
    index_dir = tmp_path / "idx"
    build_index([corpus_copy], Settings.load(index_dir=index_dir), embedder)
    began = time.perf_counter()
    reference = rag_cli("index", str(corpus_copy), str(extra_articles(tmp_path / "x_ref", "ref")), "--index-dir",
                        str(tmp_path / "ref"))  # fmt: skip
    typical = time.perf_counter() - began
    assert reference.returncode == 0, reference.stderr
    landed = interrupted = 0
    for round_ in range(5):
        extras = extra_articles(tmp_path / f"x{round_}", f"r{round_}")
        before = set(store.read_generation(index_dir).documents)
        argv = [sys.executable, "-m", "rag.cli", "index", str(corpus_copy), str(extras), "--index-dir", str(index_dir)]
        current = (index_dir / "CURRENT").read_text()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ < 4:
            time.sleep(rng.uniform(0.2, 1.1) * typical)
        else:  # the last kill comes just after the commit, before the build cleans up and exits
            deadline = time.perf_counter() + 3 * typical
            while (index_dir / "CURRENT").read_text() == current and proc.poll() is None:
                assert time.perf_counter() < deadline, "the build never committed"
                time.sleep(0.01)
        if proc.poll() is None:  # an exited process keeps its own exit code (checked below)
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        after = store.read_generation(index_dir)  # loads: the old generation, or the new one if it was committed
        wanted = {p.stem for p in corpus_copy.iterdir()} | {p.stem for p in extras.iterdir()}
        assert set(after.documents) in (before, wanted), f"round {round_}: a mix of two builds"
        committed = set(after.documents) == wanted != before
        if proc.returncode != -signal.SIGKILL:  # the build ran to its end before the kill
            assert proc.returncode == 0 and committed, f"round {round_}: a finished build is not the one served"
        landed += committed
        interrupted += proc.returncode == -signal.SIGKILL and not committed
        assert (index_dir / "CURRENT").read_text().startswith("gen-")
        answers_range_question(index_dir, embedder, assistant.generator)
    final = rag_cli("index", str(corpus_copy), "--index-dir", str(index_dir))
    assert final.returncode == 0, final.stderr
    assert "indexed 5 documents" in final.stdout
    assert sorted(p.name for p in index_dir.iterdir() if p.is_dir())[0].startswith("gen-")
    assert len([p for p in index_dir.iterdir() if p.is_dir()]) == 1, "leftovers of killed builds are removed"
    answers_range_question(index_dir, embedder, assistant.generator)
    print(f"typical build {typical:.1f}s; {landed} of 5 killed builds had already committed")
    # Both sides of the commit were hit: a build cut off before it (the old index is served) and
    # one killed after it (the new one is served, its leftovers cleaned by the next build).
    assert interrupted >= 1, f"no build was interrupted before its commit ({landed} of 5 had committed)"
    assert landed >= 1, "no killed build had committed: the kill just after the commit did not land"
