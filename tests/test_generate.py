import pytest

from rag.errors import ModelNotFoundError
from rag.generate import _first_paragraph, _guess_chat_format, resolve_model_path
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


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["Kyiv", " said", " so [1].", "\n2.", " More"], "Kyiv said so [1]."),
        (["\n", "\n", "The answer", " [2].\nNext"], "The answer [2]."),  # Gemma starts with a line break
        ([" \nThe", " answer"], "The answer"),
        ([": ", "The answer [1]."], "The answer [1]."),  # Gemma continues the prompt's "...like [1]:"
        (["One.", None, "", " Two.\n\nThree."], "One. Two."),
        (["\n\n"], ""),
        (["No line break at all [1]."], "No line break at all [1]."),
    ],
)
def test_first_paragraph(pieces, expected):
    assert "".join(_first_paragraph(pieces)) == expected


def test_one_paragraph_answer_stops_generating_at_the_line_break(assistant):
    """The default model lists passage after passage ("1. ...\n2. ..."); the answer ends at
    the first line break and the model stops decoding there."""
    from rag.prompting import build_messages

    hits = assistant.retriever.search("How many civilians were killed in October?", 4)
    messages = build_messages(
        assistant.settings.prompts_dir, "How many civilians were killed?", [(1, hits[0].chunk.text)]
    )
    whole = assistant.generator.complete(messages, max_tokens=60)
    first = assistant.generator.complete(messages, max_tokens=60, one_paragraph=True)
    assert first and "\n" not in first
    assert whole.lstrip().startswith(first)


@pytest.mark.parametrize(
    ("architecture", "chat_format"),
    [("gemma3", "gemma"), ("qwen2", "chatml"), ("llama", "llama-3"), ("mamba", ""), ("", "")],
)
def test_chat_format_guess_for_ggufs_without_a_template(architecture, chat_format):
    assert _guess_chat_format({"general.architecture": architecture}) == chat_format


def test_outside_the_console_script_a_dropped_generator_is_freed():
    """Only the ``rag`` console script holds its models until the exit; the library, servers and
    tests drop a generator they no longer use, so loading one per test does not pile up."""
    import gc
    import weakref

    from rag import backends
    from rag.settings import Settings

    assert backends._kept_models is None
    generator = weakref.ref(backends.make_generator(Settings.load()))
    gc.collect()
    assert generator() is None
