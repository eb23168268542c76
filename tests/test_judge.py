"""The offline support judge: table-driven cases per failure kind, plus accuracy on the labelled pairs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from rag.judge import Verdict, content_words, entities, judge, numbers
from rag.judge_rules import clauses, role_contexts, stem

LABELLED = Path(__file__).resolve().parent.parent / "eval" / "judge_pairs.jsonl"

PASSAGE = (
    "The Pentagon said on Friday that the new Meridian radar has a range of 300 km (186 miles). "
    "Defence Minister Anna Koval welcomed the purchase, and the parliament approved 12,000 jobs for the project. "
    "The first units will arrive in six months, officials said. "
    "The ministry has not disclosed the price. "
    "Norway sold the radar to Finland last year."
)

# (case id, claim, expected supported, a fragment the reason must contain — None when supported,
#  whose reason must then be "")
CASES = [
    ("verbatim", "The first units will arrive in six months, officials said.", True, None),
    ("verbatim-marker", "The ministry has not disclosed the price [2].", True, None),
    ("number-normalised", "Parliament approved 12 000 jobs for the project.", True, None),
    ("unit-normalised", "The Meridian radar has a range of 300 kilometres.", True, None),
    ("unit-hyphenated", "The Meridian is a 186-mile radar.", True, None),
    ("wrong-number", "Parliament approved 15,000 jobs for the project.", False, "15000"),
    ("wrong-unit-distance", "The new Meridian radar has a range of 300 miles.", False, "km"),
    ("wrong-unit-time", "The first units will arrive in six weeks, officials said.", False, "month"),
    ("negated-dropped", "The ministry has disclosed the price.", False, "opposite"),
    ("negated-added", "The Pentagon said the new Meridian radar has no range of 300 km.", False, "negation"),
    ("antonym", "Defence Minister Anna Koval criticized the purchase.", False, "welcom"),
    ("antonym-approve", "The parliament rejected 12,000 jobs for the project.", False, "negation differs"),
    ("swapped-roles", "Finland sold the radar to Norway last year.", False, "swapped"),
    ("entity-missing", "Defence Minister Olga Petrenko welcomed the purchase.", False, "olga"),
    (
        "entity-missing-date",
        "The Pentagon said on Monday that the Meridian radar has a range of 300 km.",
        False,
        "monday",
    ),
    (
        "overclaim-clause",
        "Norway sold the radar to Finland last year, and it has already shot down three drones.",
        False,
        "number 3 ",  # the invented figure is caught first
    ),
    (
        "overclaim-clause-words",
        "Norway sold the radar to Finland last year, and it has already shot down several drones.",
        False,
        "does not back the part 'and it has already shot down several drones'",
    ),
    (
        "overclaim-unsupported",
        "The radar was designed to detect stealth aircraft at very low altitude.",
        False,
        "content",
    ),
]


@pytest.mark.parametrize(("claim", "expected", "in_reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_judge_lexical_cases(claim: str, expected: bool, in_reason: str | None) -> None:
    verdict = judge(claim, PASSAGE)
    assert isinstance(verdict, Verdict)
    assert verdict.supported is expected, verdict.reason
    if in_reason is None:
        assert expected and verdict.reason == ""
    else:  # a real fragment: "" would match any reason, so a wrong reason would pass
        assert in_reason.strip() and in_reason.lower() in verdict.reason.lower(), verdict.reason


PARAPHRASES = [
    # (claim, expected) judged with the real embedder: paraphrases pass, the hard checks still bite
    ("The Meridian radar can see up to 300 km away.", True),
    ("The ministry has not revealed the cost.", True),
    ("Officials expect the first units to be delivered in six months.", True),
    ("The Meridian radar can see up to 300 miles away.", False),
    ("The ministry has revealed the cost.", False),
    ("Officials expect the first units to be delivered in six weeks.", False),
    ("Finland sold the radar to Norway last year.", False),
]


@pytest.mark.parametrize(("claim", "expected"), PARAPHRASES, ids=[f"para-{i}" for i in range(len(PARAPHRASES))])
def test_judge_paraphrases_with_similarity(embedder, claim: str, expected: bool) -> None:
    verdict = judge(claim, PASSAGE, _similarity(embedder))
    assert verdict.supported is expected, verdict.reason


def test_paraphrase_needs_similarity() -> None:
    """Without an embedder a paraphrase sharing few words is not accepted (conservative)."""
    assert not judge("The Meridian radar can see up to 300 km away.", PASSAGE).supported


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a range of 300 km (190 miles)", {(300.0, "km"), (190.0, "mi")}),
        ("the 190-mile rockets", {(190.0, "mi")}),
        ("12,000 troops and 12 000 more", {(12000.0, "")}),
        ("two months ago", {(2.0, "month")}),
        ("fired them twice", {(2.0, "")}),
        ("one of the officials", set()),
        ("up to 40%", {(40.0, "pct")}),
    ],
)
def test_numbers_are_normalised(text: str, expected: set) -> None:
    assert numbers(text) == expected


def test_words_and_names_in_any_script() -> None:
    """Measured before: "Łódź" gave no word at all ("[a-z]" read only its "d"), "Gdańsk" gave
    "gda", and "Émile" was no name, so a claim about Łódź and one about Lódz looked alike."""
    assert content_words("Łódź and Gdańsk are cities") == ["łódź", "gdańsk", "city"]
    # names are keyed without diacritics (twenty-sixth round): "Lodz" in a claim is the passage's "Łódź"
    assert entities("The mayor of Łódź met Émile Varn") == ["lodz", "emile", "varn"]
    # a guard (unsupported before too): another Varn born elsewhere does not back the claim
    assert not judge("Émile Varn was born in Östervik.", "Luc Varn was born in Kell.").supported


def test_stem_merges_inflections() -> None:
    assert stem("welcomed") == stem("welcome") == stem("welcoming")
    assert stem("denied") == stem("deny") == stem("denies")
    # irregular forms: "Who wrote X?" meets "X … written by Y" (measured before: "wrot" vs "written")
    assert stem("wrote") == stem("written") == stem("write") == stem("writes")
    assert stem("won") == stem("win") and stem("led") == stem("lead") and stem("began") == stem("begin")
    assert stem("left") != stem("leave") and stem("found") != stem("find")  # common other words stay apart


def test_role_contexts_show_who_did_what() -> None:
    contexts = role_contexts("They accused Pyongyang of supplying weapons to Moscow.")
    assert ("L", stem("accused")) in contexts["north-korea"]
    assert ("L", "to") in contexts["russia"]


def test_clauses_split_joined_claims() -> None:
    assert clauses("Troops are in Kursk, and they have suffered heavy losses.") == [
        "Troops are in Kursk",
        "and they have suffered heavy losses",
    ]


def _similarity(embedder):
    """Cosine between two texts with the real embedder (as the pipeline computes it), each text
    encoded once: the judge compares one claim with several windows of its passage."""
    vectors: dict[str, object] = {}

    def similarity(a: str, b: str) -> float:
        missing = [t for t in dict.fromkeys((a, b)) if t not in vectors]
        if missing:
            vectors.update(zip(missing, embedder.encode(missing), strict=True))
        return float(vectors[a] @ vectors[b])

    return similarity


@pytest.mark.slow  # ~300 short encodes: ~8 s on an idle 2-core machine, much more under load
def test_accuracy_on_labelled_pairs(embedder) -> None:
    """eval/judge_pairs.jsonl: 177 hand-labelled (passage, sentence) pairs; >= 0.90 overall, every kind >= 0.75."""
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    similarity = _similarity(embedder)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        ok = judge(row["sentence"], row["passage"], similarity).supported == row["supported"]
        for key in ("all", row["kind"]):
            right[key] += ok
            total[key] += 1
    accuracy = {k: right[k] / total[k] for k in total}
    assert accuracy["all"] >= 0.90, accuracy
    assert min(accuracy.values()) >= 0.75, accuracy


PESKOV = (
    "Kremlin spokesman Dmitry Peskov said the move would mean Washington's direct involvement in the conflict, "
    "echoing a similar sentiment expressed by President Vladimir Putin in September."
)
LAMMY = (
    "In September, US Secretary of State Antony Blinken and his British counterpart, Foreign Minister David Lammy "
    "visited Kyiv."
)


@pytest.mark.parametrize(
    ("claim", "passage", "supported"),
    [
        # issue 11's failure: two names the passage mentions, said to be one person
        ("The Kremlin spokesman Dmitry Peskov is the Russian President Vladimir Putin [1].", PESKOV, False),
        ("Antony Blinken is the British Foreign Minister [1].", LAMMY, False),
        # identities the passage does state, by title or apposition
        ("David Lammy is the British Foreign Minister [1].", LAMMY, True),
        ("Antony Blinken is the US Secretary of State [1].", LAMMY, True),
        ("The Kremlin spokesman is Dmitry Peskov [1].", PESKOV, True),
    ],
)
def test_a_claim_that_one_name_is_another_needs_the_passage_to_say_so(claim, passage, supported) -> None:
    verdict = judge(claim, passage)
    assert verdict.supported is supported, verdict.reason
    if not supported:
        assert "does not say that" in verdict.reason


HARSHA = (
    "He was the king of Thanesar who had defeated the Alchon Huns, and the younger brother of Rajyavardhana, "
    "son of Prabhakaravardhana and last king of Thanesar."
)


@pytest.mark.parametrize(
    ("claim", "passage", "supported"),
    [
        # measured before (synthetic dev s-father-06): the 135M generator copied this sentence with
        # the father's name misspelled, and it passed as supported (its first six letters matched)
        ("He was the younger brother of Rajyavardhana, son of Prabhakaravadharan [1].", HARSHA, False),
        # guards: the passage's own spelling, and another form of the same name
        ("He was the younger brother of Rajyavardhana, son of Prabhakaravardhana [1].", HARSHA, True),
        ("Ukrainian forces struck targets in Russia [1].", "Ukraine's forces struck targets in Russia.", True),
        ("Russians fired missiles at Ukraine [1].", "Russia fired missiles at Ukraine.", True),
        ("Afghan forces left the city [1].", "The forces of Afghanistan left the city.", True),
        ("Israeli forces left the city [1].", "The forces of Israel left the city.", True),
        # eval/judge_pairs.jsonl j025: each name of a hyphenated pair is the passage's
        ("They fear a direct Russia-NATO conflict [1].", "They fear a direct conflict between Russia and NATO.", True),
    ],
)
def test_a_generated_name_must_be_spelled_as_the_passage_spells_it(claim, passage, supported) -> None:
    verdict = judge(claim, passage)
    if supported:
        assert "is not mentioned" not in verdict.reason
    else:
        assert not verdict.supported and "is not mentioned" in verdict.reason, verdict.reason
