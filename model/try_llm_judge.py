"""Issue 11, seventeenth round (tried, not adopted): can the bundled generator judge whether a
sentence answers a question? It reads "Question: … Sentence: … Does the sentence give the
answer to the question? Reply Yes or No." and the probability of "Yes" against "No" is taken
from its next-token logits. On the pairs below (each answering, or not, a question it resembles)
SmolLM2-135M gives P(yes) 0.09–0.14 whatever the pair: no signal to add as a feature.

    .venv/bin/python model/try_llm_judge.py [--model OTHER.gguf]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rag.generate import _without_extra_buffer_types, resolve_model_path

PAIRS = (
    ("What is the population of Bratislava?", "Bratislava has a population of about 475,000.", True),
    ("What is the area of Bratislava?", "Bratislava has a population of about 475,000.", False),
    ("When was Bratislava founded?", "Bratislava is the capital of Slovakia.", False),
    ("Which US-made missiles did Biden allow Ukraine to fire?", "Ukraine fired U.S. ATACMS missiles.", True),
    ("Which US-made missiles did Biden allow Ukraine to fire?", "Biden lifted limits on long-range missiles.", False),
    ("Who wrote Frankenstein?", "Mary Shelley was an English novelist who wrote Frankenstein.", True),
    ("Who wrote Frankenstein?", "Frankenstein is a novel published in 1818.", False),
)


def p_yes(llm, question: str, sentence: str) -> float:  # type: ignore[no-untyped-def]
    prompt = (
        "<|im_start|>system\nYou judge whether a sentence answers a question.<|im_end|>\n"
        f"<|im_start|>user\nQuestion: {question}\nSentence: {sentence}\n"
        "Does the sentence give the answer to the question? Reply Yes or No.<|im_end|>\n<|im_start|>assistant\n"
    )
    llm.reset()
    llm.eval(llm.tokenize(prompt.encode(), add_bos=False, special=True))
    logits = llm.scores[llm.n_tokens - 1]
    words = ("Yes", " Yes", "yes", "No", " No", "no")
    first = [llm.tokenize(w.encode(), add_bos=False, special=False)[0] for w in words]
    top = max(logits)
    weights = [math.exp(logits[t] - top) for t in first]
    return sum(weights[:3]) / sum(weights)


def main() -> int:
    from llama_cpp import Llama

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="", help="a GGUF (default: the bundled SmolLM2-135M)")
    args = parser.parse_args()
    with _without_extra_buffer_types():
        llm = Llama(model_path=str(resolve_model_path(args.model)), n_ctx=512, n_threads=2, logits_all=True,
                    verbose=False)  # fmt: skip
    for question, sentence, answers in PAIRS:
        print(f"{p_yes(llm, question, sentence):.3f}  answers={answers!s:5}  {question} | {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
