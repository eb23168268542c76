"""Learned answer selection and answerability: does this source sentence answer this question?

Each (question frame, candidate sentence, its passage) pair becomes a row of general features —
how well the sentence covers the question's focus and its constraints, whether it holds the
asked-for kind of value, the retrieval scores and rank margins. A logistic regression with
Platt calibration, fitted by ``model/train_answerability.py`` on the dev splits and automatically
built negatives (``model/README.md``), turns a row into a calibrated probability. The best
candidate's probability is the answer's ``confidence``; below the model's operating point the
assistant abstains.

The fitted model is a small JSON file (``model/answerability.json``): feature names, scaler,
weights, calibration and operating point. Loading it needs no scikit-learn.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag.counting import asks_count_of_a_whole, counts_the_noun
from rag.errors import SettingsError
from rag.events import asks_an_occasion
from rag.extract import (
    Candidate,
    about_subject,
    article_title,
    is_heading,
    matches_type,
    needs_next_sentence,
    with_antecedent,
    with_previous,
)
from rag.extremes import superlative_match
from rag.frame import QuestionFrame
from rag.judge import content_precision, content_words
from rag.near_answers import reads_whereabouts_near
from rag.ordinals import asks_the_one_after
from rag.person import names_in_full, names_the_doer
from rag.records import Document, Hit
from rag.relatives import states_relative
from rag.rules import can_answer
from rag.speakers import pronoun_speaks, speaker_says, speaks_or_describes
from rag.text import UPPER, entity_share, name_key
from rag.told import asked_term, reads_whereabouts
from rag.topic import (
    did_subject,
    names_a_distinctive_name,
    names_the_extreme_kind,
    names_the_part,
    names_topic,
    per_article,
)
from rag.topic_shapes import asked_topic
from rag.units import has_unit, states_asked_unit
from rag.vocabulary import unknown_names

FEATURES = (
    "cosine", "cosine_margin", "max_cosine", "terms_in_sentence", "terms_in_passage", "focus_in_sentence",
    "focus_in_passage", "has_focus", "entities_in_sentence", "entities_in_document", "unknown_entities",
    "type_match", "any_type_match", "unit_required", "unit_match", "kind_number", "kind_date", "kind_name",
    "kind_other", "time_required", "time_in_passage", "dense", "bm25_relative", "hit_reciprocal_rank",
    "candidate_reciprocal_rank", "novel_words", "several", "followup", "focus_with_entities",
    "best_focus_with_entities", "best_typed_entities", "speaker_says", "best_focus_in_sentence",
    "asked_unit_match", "already_given", "referent_in_context", "definition", "counts_the_noun",
    "superlative_match",
)  # fmt: skip
_DEFINITION = re.compile(
    rf"^(?:The )?(?:{UPPER}[\w’'.-]*\s+){{1,4}}(?:\([^)]*\)\s+)?(?:is|was|are|were) (?:a|an|the)\b"
)
SCORED_CANDIDATES = 12  # the first-pass ranking's best sentences are scored by the model
SPEAKER_WINDOW = 5  # "what did X say": one of this many most probable sentences must have X speaking


@dataclass(frozen=True)
class Model:
    """A fitted, calibrated logistic regression over :data:`FEATURES`."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    platt_a: float
    platt_b: float
    threshold: float  # the operating point: abstain when the best probability is below it
    sha256: str

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-(self.platt_a * z + self.platt_b)))


@lru_cache(maxsize=4)
def load_model(path: Path) -> Model:
    """The fitted model at ``path``; a missing or malformed file is a :class:`SettingsError`."""
    try:
        raw = Path(path).read_bytes()
        data = json.loads(raw)
        features = tuple(data["features"])
        if features != FEATURES:
            raise SettingsError(
                f"answerability model {path} was fitted on other features; rebuild it: "
                "python model/train_answerability.py"
            )
        return Model(
            features=features,
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            platt_a=float(data["platt_a"]),
            platt_b=float(data["platt_b"]),
            threshold=float(data["threshold"]),
            sha256=hashlib.sha256(raw).hexdigest(),
        )
    except SettingsError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SettingsError(f"cannot read the answerability model {path}: {exc}") from exc


def untrained(path: Path) -> Path:
    """Write a model with zero weights over the current :data:`FEATURES` to ``path`` (every
    candidate gets probability 0.5): what the training-table builder loads, since features do
    not depend on the weights."""
    n = len(FEATURES)
    zero = {"features": list(FEATURES), "mean": [0.0] * n, "scale": [1.0] * n, "weights": [0.0] * n, "bias": 0.0,
            "platt_a": 1.0, "platt_b": 0.0, "threshold": 0.0}  # fmt: skip
    path.write_text(json.dumps(zero), encoding="utf-8")
    return path


def feature_rows(
    frame: QuestionFrame,
    ranked: Sequence[Candidate],
    hits: Sequence[Hit],
    documents: Mapping[str, Document],
    vocabulary: frozenset[str],
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate in ``ranked`` (first-pass order)."""
    if not ranked:
        return np.zeros((0, len(FEATURES)))
    max_cosine = max(c.cosine for c in ranked)
    max_bm25 = max((h.bm25_score for h in hits), default=0.0)
    typed = [matches_type(frame, c.text) for c in ranked]
    entity_keys = [name_key(e) for e in frame.entities]
    # a sentence names Louis XI "Louis"; his document, not Louis XIV's, holds "XI"
    sentence_keys = [name_key(e) for e in frame.entities if e not in frame.numerals]
    # (read as the model was fitted: "U.S" unknown; the abstention rule finds it — a refit would too)
    unknown = len(unknown_names(" ".join(frame.entities), vocabulary, dotted=False)) / max(len(entity_keys), 1)
    question_level = {
        "max_cosine": max_cosine,
        "has_focus": float(bool(frame.focus_terms)),
        "unknown_entities": unknown,
        "any_type_match": float(any(typed)),
        "unit_required": float(bool(frame.unit)),
        "kind_number": float(frame.kind == "number"),
        "kind_date": float(frame.kind == "date"),
        "kind_name": float(frame.kind == "name"),
        "kind_other": float(frame.kind == "other"),
        "time_required": float(bool(frame.times)),
        "several": float(frame.several),
        "followup": float(frame.followup),
    }
    # the candidates share a few passages: each passage's words are worked out once
    passage_words = {i: _words(frame, hits[i].chunk.text) for i in {c.hit_index for c in ranked}}
    per_candidate = [
        _candidate_values(
            frame, c, hits, documents, entity_keys=entity_keys, sentence_keys=sentence_keys,
            max_cosine=max_cosine, max_bm25=max_bm25, passage_words=passage_words[c.hit_index],
        )
        for c in ranked
    ]  # fmt: skip
    # Question-level constraint binding: does any sentence hold the focus next to the names it is
    # asked about ("won" with "the Boreal Cup"), or the asked-for kind of value next to them (a
    # count next to "Kavor")? When none does, every candidate answers some other question.
    question_level["best_focus_with_entities"] = max(v["focus_with_entities"] for v in per_candidate)
    question_level["best_focus_in_sentence"] = max(v["focus_in_sentence"] for v in per_candidate)
    question_level["best_typed_entities"] = max(
        (v["entities_in_sentence"] for v, t in zip(per_candidate, typed, strict=True) if t), default=0.0
    )
    rows = []
    for rank, (values, type_match) in enumerate(zip(per_candidate, typed, strict=True), start=1):
        values.update(question_level, type_match=float(type_match), candidate_reciprocal_rank=1.0 / rank)
        rows.append([values[name] for name in FEATURES])
    return np.asarray(rows, dtype=np.float64)


def _candidate_values(
    frame: QuestionFrame,
    cand: Candidate,
    hits: Sequence[Hit],
    documents: Mapping[str, Document],
    *,
    entity_keys: list[str],
    sentence_keys: list[str],
    max_cosine: float,
    max_bm25: float,
    passage_words: set[str],
) -> dict[str, float]:
    """The features of one candidate that depend on it alone: ``entity_keys`` are the name keys
    its document must hold, ``sentence_keys`` those the sentence must (no regnal numeral),
    ``passage_words`` its passage's words."""
    hit = hits[cand.hit_index]
    sentence = f"{cand.text} {cand.next_text}" if needs_next_sentence(frame, cand) else cand.text
    sentence_words = _words(frame, sentence)
    document = documents.get(hit.chunk.doc_id)
    focus_share = _share(frame.focus_terms, sentence_words)
    # "It flows 412 kilometres …": a sentence opening with a pronoun names what the one before it names
    subject = about_subject(cand.text, document.text) if document else ""
    named = f"{subject} {with_antecedent(hit, cand.span, cand.text, nameless=True)} {sentence}"
    in_sentence = entity_share(sentence_keys, named)
    return {
        "cosine": cand.cosine,
        "cosine_margin": cand.cosine - max_cosine,
        "terms_in_sentence": _share(frame.terms, sentence_words),
        "terms_in_passage": _share(frame.terms, passage_words),
        "focus_in_sentence": focus_share,
        "focus_in_passage": _share(frame.focus_terms, passage_words),
        "entities_in_sentence": in_sentence,
        # the asked-for thing and the names it is asked about in one sentence: "won" next to
        # "the Boreal Cup", not next to another tournament
        "focus_with_entities": focus_share * in_sentence,
        "entities_in_document": entity_share(entity_keys, _article(cand, hits, documents)),
        "unit_match": float(bool(frame.unit) and has_unit(frame.unit, sentence)),
        "time_in_passage": _share(frame.times, set(re.findall(r"[a-z]+|\d{4}", hit.chunk.text.lower()))),
        "dense": hit.dense_score,
        "bm25_relative": hit.bm25_score / max_bm25 if max_bm25 > 0 else 0.0,
        "hit_reciprocal_rank": 1.0 / hit.rank,
        "novel_words": min(len(sentence_words - frame.terms), 10) / 10,
        "speaker_says": speaker_says(frame.speaker, sentence),
        "asked_unit_match": float(states_asked_unit(frame.asked_unit, sentence)),
        # a follow-up's candidate that merely repeats the previous answer: "how far is that in
        # miles?" is not answered by the sentence already given
        "already_given": float(bool(frame.given) and content_precision(cand.text, frame.given) >= 0.8),
        # "Ukraine is a country in Eastern Europe.": a definition answers "what is X", rarely more;
        # "He was the son of Darius" answers the relation asked for ("Who was Xerxes I's father?")
        "definition": float(bool(_DEFINITION.match(cand.text)) and not _states_relation(frame, cand.text)),
        # "how far can they reach?" after "Storm Shadow": the sentence, the one before it (for
        # "It can …") or the one after must be about what the pronoun stands for
        "referent_in_context": entity_share(
            [name_key(n) for n in frame.referent], f"{with_previous(hit, cand)} {sentence}"
        ),
        "counts_the_noun": float(counts_the_noun(sentence, frame)),
        "superlative_match": superlative_match(frame.question, sentence),
    }


def _words(frame: QuestionFrame, text: str) -> set[str]:
    """The content-word stems of ``text``; a text stating the relation asked for in other words
    ("He was the son of Darius" for "Who was Xerxes I's father?", "… by the French composer
    Georges Bizet" for "Who composed Carmen?") holds the word it was asked with."""
    words = set(content_words(text))
    return words | frame.focus_terms if _states_relation(frame, text) else words


def _states_relation(frame: QuestionFrame, text: str) -> bool:
    """Does ``text`` state the relation a (non-count) question asks for ("the son of" for a father,
    "by the French composer" for "Who composed Carmen?")?"""
    if frame.kind == "number":
        return False
    return (bool(frame.relative) and states_relative(frame.relative, text)) or names_the_doer(frame.focus, text)


def speaker_silent(frame: QuestionFrame, ranked: Sequence[Candidate]) -> bool:
    """A "what did X say" question none of whose most probable sentences has X speaking: the
    articles name X (say, "Blinken informed Rutte") but report nothing X said."""
    said = FEATURES.index("speaker_says")
    # "What did he say about it?": "he" is the previous answer's person, so "He said …" is them speaking
    by_pronoun = frame.speaker == frame.referent
    return bool(frame.speaker) and not any(
        (c.features and c.features[said]) or speaks_or_describes(frame.speaker, c.text)
        or (by_pronoun and pronoun_speaks(c.text))
        for c in ranked[:SPEAKER_WINDOW]
    )  # fmt: skip


def win_unstated(frame: QuestionFrame, top: Candidate) -> bool:
    """A "who won X" question whose best sentence states no win at all ("She will next play at
    the Boreal Cup"): it names the event, not its winner."""
    return frame.focus == "winner" and bool(top.features) and top.features[FEATURES.index("focus_in_sentence")] == 0


def score(
    model: Model, frame: QuestionFrame, ranked: Sequence[Candidate], rows: np.ndarray, hits: Sequence[Hit] = (),
    documents: Mapping[str, Document] | None = None,
) -> tuple[Candidate, ...]:  # fmt: skip
    """``ranked`` with each candidate's calibrated probability, best first (``hits``: the
    passages their ``hit_index`` points into, for what article a sentence belongs to;
    ``documents``: the articles, by id)."""
    if not len(ranked):
        return ()
    probs = model.probabilities(rows)
    # a question about named things is not answered from an article that names none of them: "In
    # what year was Nintendo founded?" by "… he founded NeXT the same year" in Steve Jobs's summary,
    # nor from one naming only the kind of thing asked about ("Cook Strait" for the Strait of
    # Gibraltar) or not the part asked about (the Roman Empire for the Western one) or the kind whose
    # extreme is asked (the Burj Khalifa for the tallest minaret); nor one about a
    # thing named in lower case ("What is the melting point of thulium?", "How much does a stoat weigh?"),
    # nor from one naming a person asked by full name only by a first name (Emily Brontë for Emily Dickinson)
    articles = [_article(c, hits, documents) if hits else c.text for c in ranked]
    in_document = (
        (rows[:, FEATURES.index("entities_in_document")] > 0)
        & names_a_distinctive_name(tuple(e for e in frame.entities if e not in frame.numerals), articles)
        & names_topic(frame.question, articles)
        & names_the_part(frame.question, articles)
        & names_the_extreme_kind(frame.question, articles)
        & per_article(articles, lambda text: names_in_full(frame.entities, frame.question, text))
    )
    wanted = _wants_whereabouts(frame)
    scored = [
        replace(c, prob=float(p) if named and not _heading(c, hits)
                and can_answer(frame, c.text, *_whereabouts(wanted, c, hits), article)
                else 0.0, features=tuple(float(v) for v in row))
        for c, p, row, named, article in zip(ranked, probs, rows, in_document, articles, strict=True)
    ]  # fmt: skip
    return tuple(sorted(scored, key=lambda c: (-c.prob, -c.score)))


def _heading(cand: Candidate, hits: Sequence[Hit]) -> bool:
    return cand.hit_index < len(hits) and is_heading(hits[cand.hit_index], cand)


def _article(cand: Candidate, hits: Sequence[Hit], documents: Mapping[str, Document] | None) -> str:
    """The text of the article ``cand`` comes from (its passage when the article is not at hand)."""
    hit = hits[cand.hit_index]
    document = (documents or {}).get(hit.chunk.doc_id)
    return document.text if document else hit.chunk.text


def _wants_whereabouts(frame: QuestionFrame) -> bool:
    """Does a rule read a candidate's article title and the sentence before it for this question
    (one asking a place's figure, a person, someone's words, a date, an extreme, of a lower-case thing, of a
    term or of what a name did, quoting a phrase, asking a first, naming an award or event, counting a
    kind of a whole, or one :func:`rag.near_answers.reads_whereabouts_near` names)?
    Worked out once per question, not for every other one."""
    question = frame.question
    return bool(frame.holder or frame.asks_person or frame.speaker or frame.kind == "date" or frame.extreme
                or asked_topic(question)
                or asked_term(question) or did_subject(question) or reads_whereabouts(question)
                or asks_an_occasion(question) or reads_whereabouts_near(frame) or asks_the_one_after(question)
                or (frame.kind == "number" and asks_count_of_a_whole(question)))  # fmt: skip


def _whereabouts(wanted: bool, cand: Candidate, hits: Sequence[Hit]) -> tuple[str, str]:
    """The title of the candidate's article and the sentence before it in its passage, when
    ``wanted`` (:func:`_wants_whereabouts`)."""
    if not wanted or cand.hit_index >= len(hits):
        return "", ""
    hit = hits[cand.hit_index]
    return article_title(hit), with_previous(hit, cand)


def _share(wanted: frozenset[str] | set[str], have: set[str]) -> float:
    """The share of ``wanted`` found in ``have`` (1.0 when nothing is wanted)."""
    return len(wanted & have) / len(wanted) if wanted else 1.0
