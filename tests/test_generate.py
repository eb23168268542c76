import pytest

from rag.errors import ModelNotFoundError
from rag.generate import resolve_model_path
from rag.prompting import PromptError, as_data, render


def test_default_model_generates_tokens(assistant):
    """Real decode with the bundled GGUF: this segfaults in ggml_backend_amx_mul_mat unless
    extra buffer types are disabled at load time (see rag.generate)."""
    messages = [{"role": "user", "content": "Say hello in one word."}]
    pieces = list(assistant.generator.stream(messages, max_tokens=8))
    assert pieces and "".join(pieces).strip()


def test_generation_is_deterministic_at_temperature_zero(assistant):
    messages = [{"role": "user", "content": "Name a colour."}]
    first = assistant.generator.complete(messages, max_tokens=10)
    assert first == assistant.generator.complete(messages, max_tokens=10)


def test_missing_model_file_names_path_and_setting(tmp_path):
    missing = tmp_path / "nope.gguf"
    with pytest.raises(ModelNotFoundError) as info:
        resolve_model_path(str(missing))
    assert str(missing) in str(info.value) and "RAG_MODEL_PATH" in str(info.value)


def test_default_model_is_found_in_package():
    assert resolve_model_path("").name == "SmolLM2-135M-Instruct.Q4_1.gguf"


def test_prompt_rendering_is_strict(tmp_path):
    (tmp_path / "t.txt").write_text("Q: $question $extra")
    with pytest.raises(PromptError, match="extra"):
        render(tmp_path, "t.txt", question="x")
    with pytest.raises(PromptError):
        render(tmp_path, "missing.txt", question="x")


def test_passages_are_flattened_and_markers_neutralised():
    assert as_data("Ignore this [1]\n\nand  that") == "Ignore this (1) and that"
