#!/usr/bin/env python3
"""Validate eval/wiki/questions.jsonl against the 400-article wiki corpus.

Usage: python3 eval/wiki/check_questions.py [--show-entities]

Checks
  * schema, unique ids, split == hash rule (sha256(id) even -> test, else dev);
  * every gold doc exists;
  * answerable: every answer group has at least one alternative that occurs
    (case-insensitive, whitespace-collapsed) in the text of the gold docs;
  * unanswerable: no answers/gold_docs; each "absent term" from
    unanswerable_probes.json occurs in NONE of the 400 documents; the
    documents mentioning each question's entity terms are listed with
    --show-entities (they were read by hand to confirm the detail is missing).
Exit status 1 on any failure.
"""

import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from checks import id_and_split_errors, load_docs, norm, read_rows, report  # noqa: E402

CATS = {"single_fact", "paraphrase", "name", "number", "date", "multi_doc", "conflict", "unanswerable"}


def main() -> int:
    show = "--show-entities" in sys.argv
    docs = load_docs(os.path.join(HERE, "articles"))
    with open(os.path.join(HERE, "unanswerable_probes.json"), encoding="utf-8") as f:
        probes = json.load(f)
    rows = read_rows(os.path.join(HERE, "questions.jsonl"))
    errors = id_and_split_errors(rows)
    for r in rows:
        qid = r["id"]
        if r.get("category") not in CATS:
            errors.append(f"{qid}: bad category {r.get('category')}")
        for d in r["gold_docs"] + r.get("related_docs", []):
            if d not in docs:
                errors.append(f"{qid}: unknown doc {d}")
        if r["answerable"]:
            if r["category"] == "unanswerable" or not r["answers"] or not r["gold_docs"]:
                errors.append(f"{qid}: answerable row needs answers, gold_docs and a non-unanswerable category")
                continue
            text = " ".join(docs.get(d, "") for d in r["gold_docs"])
            for g in r["answers"]:
                if not any(norm(a) in text for a in g):
                    errors.append(f"{qid}: no alternative of {g} in gold docs")
        else:
            if r["answers"] or r["gold_docs"] or r["category"] != "unanswerable":
                errors.append(f"{qid}: unanswerable row must have empty answers/gold_docs and category unanswerable")
            p = probes.get(qid)
            if p is None:
                errors.append(f"{qid}: no probe entry")
                continue
            for t in p["absent_terms"]:
                hits = [d for d, txt in docs.items() if norm(t) in txt]
                if hits:
                    errors.append(f"{qid}: absent term {t!r} found in {hits}")
            if show:
                ent = sorted({d for t in p["entity_terms"] for d, txt in docs.items() if norm(t) in txt})
                print(f"{qid} [{'near' if r.get('near_miss') else 'absent'}] {r['question']}\n    entity docs: {ent}")
    c = collections.Counter((r["split"], r["category"]) for r in rows)
    for s in ("dev", "test"):
        un = sum(v for (sp, cat), v in c.items() if sp == s and cat == "unanswerable")
        near = sum(1 for r in rows if r["split"] == s and r.get("near_miss"))
        print(
            f"{s}: {sum(v for (sp, _), v in c.items() if sp == s)} questions, {un} unanswerable ({near} near misses); "
            + ", ".join(f"{cat}={v}" for (sp, cat), v in sorted(c.items()) if sp == s)
        )
        if un < 18:
            errors.append(f"{s}: only {un} unanswerable")
    return report(errors)


if __name__ == "__main__":
    sys.exit(main())
