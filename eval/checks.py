"""Helpers shared by the question-set validators (eval/check_dialogues.py, eval/wiki/check_questions.py)."""

from __future__ import annotations

import hashlib
import json
import os
import re


def norm(s: str) -> str:
    """Whitespace folded and case-folded, as rag/metrics.py compares answers."""
    return re.sub(r"\s+", " ", s).strip().casefold()


def split_of(row_id: str) -> str:
    """The split a row's id fixes: "test" when sha256(id) is even, else "dev"."""
    return "test" if int(hashlib.sha256(row_id.encode()).hexdigest(), 16) % 2 == 0 else "dev"


def load_docs(folder: str) -> dict[str, str]:
    """Every ``*.txt`` in ``folder`` by file stem, normalised."""
    docs = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                docs[name[:-4]] = norm(f.read())
    return docs


def read_rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def id_and_split_errors(rows: list[dict]) -> list[str]:
    """Duplicate ids, and rows whose split is not the one their id fixes."""
    errors, seen = [], set()
    for row in rows:
        if row["id"] in seen:
            errors.append(f"{row['id']}: duplicate id")
        seen.add(row["id"])
        if row.get("split") != split_of(row["id"]):
            errors.append(f"{row['id']}: split should be {split_of(row['id'])}")
    return errors


def report(errors: list[str]) -> int:
    """Print each error and the verdict; the exit status (1 on any error)."""
    for error in errors:
        print("ERROR", error)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0
