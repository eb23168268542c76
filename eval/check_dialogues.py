#!/usr/bin/env python3
"""Validate eval/dialogues.jsonl against data/articles/*.txt.

Usage: python3 eval/check_dialogues.py

Checks: schema (two turns), unique ids, split == hash rule, gold docs exist,
every answer group of an answerable turn has an alternative occurring
(case-insensitive, whitespace-collapsed) in its gold docs, unanswerable turns
have no answers/gold docs, and the absent terms in eval/dialogue_probes.json
occur in none of the articles. Exit status 1 on failure.
"""

import collections
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "eval"))
from checks import id_and_split_errors, load_docs, norm, read_rows, report  # noqa: E402


def main() -> int:
    docs = load_docs(os.path.join(ROOT, "data", "articles"))
    probes = json.load(open(os.path.join(ROOT, "eval", "dialogue_probes.json"), encoding="utf-8"))
    rows = read_rows(os.path.join(ROOT, "eval", "dialogues.jsonl"))
    errors = id_and_split_errors(rows)
    for r in rows:
        did = r["id"]
        if len(r["turns"]) != 2:
            errors.append(f"{did}: expected 2 turns")
        for k, t in enumerate(r["turns"], 1):
            for d in t["gold_docs"]:
                if d not in docs:
                    errors.append(f"{did}.{k}: unknown doc {d}")
            if t["answerable"]:
                if not t["answers"] or not t["gold_docs"]:
                    errors.append(f"{did}.{k}: answerable turn needs answers and gold_docs")
                text = " ".join(docs.get(d, "") for d in t["gold_docs"])
                for g in t["answers"]:
                    if not any(norm(a) in text for a in g):
                        errors.append(f"{did}.{k}: no alternative of {g} in gold docs")
            else:
                if t["answers"] or t["gold_docs"]:
                    errors.append(f"{did}.{k}: unanswerable turn must have empty answers and gold_docs")
                if k == 2:
                    for term in probes.get(did, {}).get("absent_terms", []):
                        hits = [d for d, txt in docs.items() if norm(term) in txt]
                        if hits:
                            errors.append(f"{did}.{k}: absent term {term!r} found in {hits}")
    c = collections.Counter((r["split"], r["turns"][1]["answerable"]) for r in rows)
    for s in ("dev", "test"):
        print(
            f"{s}: {c[(s, True)] + c[(s, False)]} dialogues; "
            f"second turn answerable={c[(s, True)]}, unanswerable={c[(s, False)]}"
        )
    return report(errors)


if __name__ == "__main__":
    sys.exit(main())
