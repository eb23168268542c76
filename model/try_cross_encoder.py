"""Reproduce issue 11's twenty-second-round cross-encoder check (model/README.md, "Tried and not
adopted"): the bundled MiniLM encoder fine-tuned to read a (question, sentence) pair together,
on one fold's training rows, against the shipped features' logistic regression on the held fold.

    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \\
        --rows-out /tmp/rows.jsonl
    .venv/bin/python model/try_cross_encoder.py /tmp/rows.jsonl --epochs 3     # about 5 minutes an epoch
    .venv/bin/python model/try_cross_encoder.py /tmp/rows.jsonl --epochs 3 --folds 5   # about 85 minutes

The first of 5 folds grouped by question is held out (with ``--folds 5``, each in turn, and the
held rows' scores pooled). The encoder (mean-pooled, a linear head,
binary cross-entropy weighted for the rare positives, AdamW 3e-5, batches of 16, seed 0) is
trained on the other four folds' rows; the logistic regression on the same rows. Printed: the
candidate AUC of each on the held fold, then per set of questions the AUC of a question's best
score (candidates a rule refuses left out) between unanswerable questions and answerable ones
whose answer is among the candidates, and the abstention when 5% of the latter are refused, for
each score and their z-scored sum. The weights are not kept: the fine-tuned encoder is 90 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from transformers import AutoModel, AutoTokenizer

from rag.embed import resolve_embed_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from try_interaction import by_question, out_of_fold

SETS = (("probe",), ("sample", "wiki", "cross", "swap"), ("sample", "wiki", "probe", "cross", "swap", "followup"))
BATCH = 16


class PairScorer(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        path = str(resolve_embed_model("all-MiniLM-L6-v2"))
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.encoder = AutoModel.from_pretrained(path)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, questions: list[str], sentences: list[str]) -> torch.Tensor:
        batch = self.tokenizer(questions, sentences, truncation=True, max_length=128, padding=True,
                               return_tensors="pt")  # fmt: skip
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)


def fine_tune(rows: list[dict], y: np.ndarray, train: np.ndarray, epochs: int) -> PairScorer:
    # the encoder first, then the head: the order the random initialisation of the head was drawn in
    scorer = PairScorer()
    params = list(scorer.encoder.parameters()) + list(scorer.head.parameters())
    optimiser = torch.optim.AdamW(params, lr=3e-5, weight_decay=0.01)
    positive_weight = torch.tensor((y[train] == 0).sum() / max((y[train] == 1).sum(), 1), dtype=torch.float)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=positive_weight)
    rng, start = np.random.default_rng(0), time.time()
    for epoch in range(epochs):
        scorer.train()
        order = rng.permutation(train)
        for k in range(0, len(order), BATCH):
            idx = order[k : k + BATCH]
            out = scorer([rows[i]["question"] for i in idx], [rows[i]["text"] for i in idx])
            loss = loss_of(out, torch.tensor(y[idx], dtype=torch.float))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        print(f"epoch {epoch + 1}: {time.time() - start:.0f} s, last batch loss {loss.item():.3f}", flush=True)
    return scorer.eval()


def score_fold(rows: list[dict], y: np.ndarray, x: np.ndarray, train: np.ndarray, held: np.ndarray,
               epochs: int) -> tuple[np.ndarray, np.ndarray]:
    """The held rows' scores by the features' logistic regression and by the cross-encoder, both
    fitted on the ``train`` rows."""
    scorer = fine_tune(rows, y, train, epochs)
    pair = np.zeros(len(held))
    with torch.no_grad():
        for k in range(0, len(held), 64):
            idx = held[k : k + 64]
            pair[k : k + 64] = scorer([rows[i]["question"] for i in idx], [rows[i]["text"] for i in idx]).numpy()
    return out_of_fold(x, y, [(train, held)], 1.0)[held], pair


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="written by try_probe_rows.py --rows-out")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--folds", type=int, default=1, help="hold out each of the first N of the 5 folds in turn")
    parser.add_argument("--scores-out", type=Path, help="write each held row's two scores here (JSON lines)")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    rows = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines() if line]
    y = np.asarray([r["label"] for r in rows])
    x = np.asarray([r["features"] for r in rows], dtype=np.float64)
    folds = list(GroupKFold(n_splits=5).split(x, y, np.asarray([r["qid"] for r in rows])))[: args.folds]
    features, pair, both = np.zeros(len(rows)), np.zeros(len(rows)), np.zeros(len(rows))
    for n, (train, held) in enumerate(folds, start=1):
        features[held], pair[held] = score_fold(rows, y, x, train, held, args.epochs)
        # z-scored within the fold: each fold's two models are fitted apart, on scales of their own
        both[held] = sum((s[held] - s[held].mean()) / s[held].std() for s in (features, pair))
        print(f"fold {n}, candidate AUC: features {roc_auc_score(y[held], features[held]):.4f}, "
              f"cross-encoder {roc_auc_score(y[held], pair[held]):.4f}", flush=True)  # fmt: skip
    held_rows = np.concatenate([held for _, held in folds])
    if args.scores_out:
        lines = (json.dumps({"qid": rows[i]["qid"], "text": rows[i]["text"], "features": features[i],
                             "pair": pair[i]}) for i in held_rows)  # fmt: skip
        args.scores_out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    for sets in SETS:
        for name, score in (("features", features), ("cross-encoder", pair), ("both", both)):
            print(f"{name}: {by_question(rows, score, (sets,), (0.05,), only=held_rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
