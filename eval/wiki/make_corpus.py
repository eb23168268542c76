#!/usr/bin/env python3
"""Reproduce the 400-document Wikipedia-summary eval corpus.

Usage:
    python3 eval/wiki/make_corpus.py /path/to/summaries_en-us.json [out_dir]

Selection rule (deterministic):
  1. Load the JSON dict title -> {title, extract, description, topic}.
  2. Keep entries whose extract has >= 60 whitespace-separated words.
  3. Sort the kept titles (Python default string order).
  4. random.Random(20261130).sample(kept_sorted, 400).
Each selected entry is written to <out_dir>/<slug>.txt as:
    <title>\n\n<extract>\n
The slug is the title, NFKD-normalised to ASCII, lower-cased, with runs of
non-alphanumerics replaced by "_" (stripped at the ends, max 80 chars); a
collision gets a "_2", "_3", ... suffix (in sample order).
"""

import json
import os
import random
import re
import sys
import unicodedata

SEED = 20261130
N_DOCS = 400
MIN_WORDS = 60


def slugify(title: str) -> str:
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")[:80].strip("_")
    return s or "untitled"


def select(data: dict) -> list:
    kept = sorted(t for t, v in data.items() if len(v["extract"].split()) >= MIN_WORDS)
    return random.Random(SEED).sample(kept, N_DOCS)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    seen = set()
    for title in select(data):
        entry = data[title]
        base = slug = slugify(title)
        i = 2
        while slug in seen:
            slug = f"{base}_{i}"
            i += 1
        seen.add(slug)
        text = f"{entry['title']}\n\n{entry['extract'].strip()}\n"
        with open(os.path.join(out_dir, slug + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {len(seen)} files to {out_dir}")


if __name__ == "__main__":
    main()
