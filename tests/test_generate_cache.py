"""The generator keeps the system prompt's KV cache between calls (rag.generate, issue 7):
answers must stay identical to a fresh context, whatever was asked before."""

from rag.generate import Generator
from rag.prompting import build_messages


def _messages(assistant, question: str) -> list[dict[str, str]]:
    hits = assistant.retriever.search(question, 4)
    return build_messages(assistant.settings.prompts_dir, question, [(i, h.chunk.text) for i, h in enumerate(hits, 1)])


def test_system_prefix_is_a_token_prefix_of_the_prompt(assistant):
    generator = assistant.generator
    messages = _messages(assistant, "What range was Ukraine allowed?")
    prefix = generator._prefix_tokens(messages)
    full = generator._prepare(messages)[0]
    assert 20 < len(prefix) < len(full) and full[: len(prefix)] == prefix


def test_cached_prefix_gives_the_same_answers_as_a_fresh_context(assistant):
    cached = assistant.generator
    assert cached.cache_prefix
    first = _messages(assistant, "What range was Ukraine allowed?")
    second = _messages(assistant, "How many civilians were killed in October?")
    answers = [cached.complete(m, max_tokens=24) for m in (first, second, first, second)]
    assert answers[0] == answers[2] and answers[1] == answers[3]
    fresh = Generator(cache_prefix=False, warmup=False)
    assert [fresh.complete(m, max_tokens=24) for m in (second, first)] == [answers[1], answers[0]]
    assert cached._prefix and list(cached.llm.input_ids[: len(cached._prefix)]) == cached._prefix
