import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_help_is_fast_and_lists_settings():
    began = time.perf_counter()
    result = run("--help")
    assert result.returncode == 0 and "RAG_MODEL_PATH" in result.stdout
    assert time.perf_counter() - began < 5


def test_index_then_ask_from_the_command_line(tmp_path):
    index_dir = str(tmp_path / "idx")
    built = run("index", "data/articles", "--index-dir", index_dir)
    assert built.returncode == 0, built.stderr
    assert "indexed 5 documents" in built.stdout
    asked = run("ask", "what range was Ukraine allowed?", "--index-dir", index_dir)
    assert asked.returncode == 0, asked.stderr
    # The answer comes first, then "Sources:" with the quotes: the figure must be in the answer
    # itself, not only in a quoted source line.
    answer, sep, sources = asked.stdout.partition("\nSources:\n")
    assert sep, f"no sources listed (abstained?): {asked.stdout}"
    assert "190" in answer or "300" in answer, answer
    markers = set(re.findall(r"\[(\d+)\]", answer))
    assert markers and markers == set(re.findall(r"^  \[(\d+)\] ", sources, re.MULTILINE)), asked.stdout


def test_output_is_complete_before_the_fast_exit(tmp_path):
    """The console script ends with os._exit (skipping ~1.3 s of teardown): everything printed
    must still reach a pipe, and the exit code must survive."""
    index_dir = str(tmp_path / "idx")
    asked = run("ask", "How many civilians were killed in October?", "--json", "--index-dir", index_dir)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)  # a truncated buffer would not parse
    assert answer["citations"] and answer["timings"]["total"] > 0


def test_errors_are_reported_without_traceback(tmp_path):
    result = run("ask", "   ", "--index-dir", str(tmp_path / "idx"))
    assert result.returncode == 2 and result.stderr.startswith("error:") and "Traceback" not in result.stderr
    missing = run("ask", "range?", "--index-dir", str(tmp_path / "idx"), "--model", str(tmp_path / "x.gguf"))
    assert missing.returncode == 2 and "x.gguf" in missing.stderr


def test_python_dash_m_rag_is_the_rag_command():
    result = subprocess.run([sys.executable, "-m", "rag", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "docs" in result.stdout and "serve" in result.stdout


def test_each_skipped_file_is_reported_once(tmp_path, corpus_copy):
    (corpus_copy / "copy.txt").write_bytes((corpus_copy / "001_ad6254f0f62c2366.txt").read_bytes())
    built = run("index", str(corpus_copy), "--index-dir", str(tmp_path / "idx"))
    assert built.returncode == 0, built.stderr
    lines = [line for line in built.stderr.splitlines() if "copy.txt" in line]
    assert len(lines) == 1 and "duplicate" in lines[0], built.stderr


def test_removed_sentences_only_with_explain(sample_index_dir):
    """"What did Dzhabarov say?": the model adds a sentence its passage does not back (greedy, so
    every run); the plain answer hides it, --explain shows it with the reason."""
    question = "What did Dzhabarov say?"
    plain = run("ask", question, "--index-dir", str(sample_index_dir))
    explained = run("ask", question, "--index-dir", str(sample_index_dir), "--explain")
    assert plain.returncode == explained.returncode == 0, plain.stderr + explained.stderr
    assert "removed" not in plain.stdout.lower() and "Searched for:" not in plain.stdout
    assert "Searched for: What did Dzhabarov say?" in explained.stdout and "Confidence: " in explained.stdout
    assert re.search(r"^Removed: .+ — .+", explained.stdout, re.MULTILINE), explained.stdout


def test_a_native_crash_names_the_python_stage_that_was_running():
    """CI once died with a bare "Segmentation fault" (exit 139) in an eval gate, with no word of the
    stage: the console script enables faulthandler, so a crash in native code prints the Python
    stack. The crash here is a real SIGSEGV (a read of address 8) inside ``main``."""
    crash = (
        "import ctypes, rag.cli\n"
        "def main_that_crashes_in_native_code():\n"
        "    return ctypes.c_int.from_address(8).value\n"
        "rag.cli.main = main_that_crashes_in_native_code\n"
        "rag.cli.entry()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", crash], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"},  # the CLI itself must enable it
    )
    assert result.returncode == -11
    assert "Segmentation fault" in result.stderr and "main_that_crashes_in_native_code" in result.stderr


# A command's models, each reporting on stderr when it is freed; run through the console script's entry.
_LOAD_MODELS_AND_RETURN = (
    "import os, weakref, rag.cli\n"
    "from rag.backends import make_embedder, make_generator\n"
    "from rag.settings import Settings\n"
    "def main_that_loads_models():\n"
    "    settings = Settings.load()\n"
    "    for model in (make_embedder(settings, 'index'), make_generator(settings)):\n"
    "        weakref.finalize(model, os.write, 2, f'{type(model).__name__} freed\\n'.encode())\n"
    "    print('loaded', flush=True)\n"
    "    return 0\n"
    "rag.cli.main = main_that_loads_models\n"
    "rag.cli.entry()\n"
)


def test_the_console_script_never_frees_the_models_a_command_loaded():
    """CI's eval gate crashed (SIGSEGV, exit 139) after its report was written, while ``rag eval``
    dropped its models on leaving ``run_cli`` (faulthandler: the stage was ``cmd_eval``'s return).
    The console script ends with os._exit, so freeing them there is work nobody waits for: models
    the factory makes in that process are held until the exit. Before, both were freed on return."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_MODELS_AND_RETURN], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "loaded\n" and "freed" not in result.stderr, result.stderr


def test_answering_sends_no_openvino_telemetry(tmp_path):
    """``import openvino`` reported a "general_import" event to Google Analytics outside CI: it
    wrote ~/intel/, forked a child that opened an HTTPS connection, and with no network that child
    hung in getaddrinfo holding ``rag ask``'s pipes, so a caller reading them waited (a fast-suite
    run outside CI failed on it). Run as a user would: no CI variable, a fresh home."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TF_BUILD", "JENKINS_URL")}
    env |= {"HOME": str(tmp_path), "RAG_CACHE_DIR": str(Path.home() / ".cache" / "rag-cited")}
    result = subprocess.run(  # a child hung on the pipes would hold them past the timeout
        [sys.executable, "-m", "rag.cli", "ask", "Who is Lee Daniels?", "--index-dir", str(tmp_path / "index")],
        cwd=ROOT, capture_output=True, text=True, timeout=240, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "intel").exists(), "openvino_telemetry ran"
