"""The evaluator: correctness rule and metrics (pure, table-driven), schema errors, and a small real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag import metrics
from rag.evaluate import EvalInputError, check_thresholds, load_questions, load_thresholds, summarize

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("The UN said 183 civilians died [1].", [["183"]], True),
        ("ATACMS means  army\ntactical   MISSILE system [2].", [["Army Tactical Missile System"]], True),
        ("It was 18[1]3 people.", [["183"]], True),  # a marker inside the figure is removed before matching
        ("The UN said 180 civilians died.", [["183"]], False),
        ("Killed 183, wounded 903 [1][2].", [["183"], ["903"]], True),
        ("Killed 183 [1].", [["183"], ["903"]], False),  # every group must be matched
        ("It reaches 190 miles.", [["300 km", "190 miles"]], True),  # any alternative of a group
        ("anything", [], False),
    ],
)
def test_answer_matching(text, answers, expected):
    assert metrics.matches_answers(text, answers) is expected


@pytest.mark.parametrize(
    ("text", "abstained", "answerable", "answers", "expected"),
    [
        ("183 [1].", False, True, [["183"]], True),
        ("The articles don't say. 183", True, True, [["183"]], False),  # abstaining never answers
        ("The articles don't say.", True, False, [], True),
        ("It cost 5 million [1].", False, False, [], False),
    ],
)
def test_correctness_rule(text, abstained, answerable, answers, expected):
    assert metrics.is_correct(text, abstained, answerable, answers) is expected


@pytest.mark.parametrize(
    ("ranked", "gold", "k", "recall", "rr"),
    [
        (["a", "b", "c"], ["a"], 3, 1.0, 1.0),
        (["b", "a", "c"], ["a"], 1, 0.0, 0.5),
        (["b", "a", "a"], ["a", "c"], 3, 0.5, 0.5),
        (["x", "y"], ["a"], 2, 0.0, 0.0),
        (["a"], [], 1, None, None),
    ],
)
def test_retrieval_metrics(ranked, gold, k, recall, rr):
    assert metrics.doc_recall(ranked, gold, k) == recall
    assert metrics.reciprocal_rank(ranked, gold, 10) == rr


def test_reciprocal_rank_stops_at_depth():
    assert metrics.reciprocal_rank(["x"] * 10 + ["a"], ["a"], 10) == 0.0


def test_marker_problems():
    docs = {"d": "Alpha beta. Gamma delta."}
    good = [(1, "d", 0, 11, "Alpha beta.")]
    assert metrics.marker_problems("Alpha beta [1].", good, docs) == []
    assert metrics.marker_problems("Alpha [1] beta [2].", good, docs) == ["marker [2] has no citation"]
    assert metrics.marker_problems("x [1].", [(1, "d", 0, 5, "Alpha beta.")], docs) == [
        "citation [1] quote differs from d[0:5]"
    ]
    assert "unknown document" in metrics.marker_problems("x [1].", [(1, "zz", 0, 1, "A")], docs)[0]


def _supports(sentence: str, passage: str) -> bool:
    """A toy judge: every word of the sentence is in the passage."""
    return set(sentence.lower().split()) <= set(passage.lower().split())


@pytest.mark.parametrize(
    ("sentences", "recall", "precision"),
    [
        ([("a b", ["a b c"])], 1.0, 1.0),
        ([("a b", ["a b c"]), ("x y", ["a b"])], 0.5, 0.5),
        ([("a b", ["a", "b"])], 1.0, 1.0),  # both citations are needed together
        ([("a b", ["a b", "z"])], 1.0, 0.5),  # "z" is irrelevant: the other citation suffices
        ([("a b", ["a b", "a b"])], 1.0, 1.0),  # each alone supports: both count as precise
        ([("a b", [])], 0.0, 0.0),  # an uncited sentence is unsupported
    ],
)
def test_alce_citation_scores(sentences, recall, precision):
    scores = metrics.alce_scores(sentences, _supports)
    assert (scores.recall, scores.precision) == (recall, precision)


def test_bootstrap_interval_sanity():
    rate = metrics.bootstrap_rate([1, 0] * 50)
    assert rate.value == 0.5 and rate.n == 100
    assert 0.35 < rate.low < 0.5 < rate.high < 0.65
    assert metrics.bootstrap_rate([1, 0] * 50) == rate  # fixed seed: reproducible
    narrow = metrics.bootstrap_rate([1, 0] * 500)
    assert narrow.high - narrow.low < rate.high - rate.low  # more data, tighter interval
    assert metrics.bootstrap_rate([1.0] * 7) == metrics.Rate(1.0, 1.0, 1.0, 7)
    assert metrics.bootstrap_rate([]) == metrics.Rate(None, None, None, 0)


def test_coverage_curve():
    items = [(0.9, True, True), (0.5, True, False), (0.7, False, False), (0.2, True, True)]
    points = metrics.coverage_curve(items)
    assert [(p.threshold, p.coverage, p.accuracy) for p in points] == [
        (0.2, 0.75, 2 / 3),
        (0.5, 0.5, 0.5),
        (0.9, 0.25, 1.0),
    ]
    assert metrics.latency_summary([1.0, 2.0, 3.0]) == {"median": 2.0, "p95": pytest.approx(2.9), "n": 3}


VALID = {"id": "x1", "question": "Who?", "answerable": True, "answers": [["Bob"]], "gold_docs": ["d"]}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        (json.dumps({**VALID, "id": "x2", "question": " "}), "line 2: 'question' must be a non-empty string"),
        (json.dumps({k: v for k, v in VALID.items() if k != "answerable"} | {"id": "x2"}), "missing field"),
        (json.dumps({**VALID, "id": "x2", "answers": []}), "answerable question needs at least one"),
        (json.dumps({**VALID, "id": "x2", "answers": ["Bob"]}), "list of non-empty lists"),
        (json.dumps({**VALID, "id": "x2", "answerable": False}), "unanswerable question must have no answers"),
        (json.dumps({**VALID, "id": "x2", "gold_docs": "d"}), "'gold_docs' must be a list"),
        (json.dumps(VALID), "line 2: duplicate id 'x1'"),
    ],
)
def test_bad_rows_name_their_line(tmp_path, line, message):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(VALID) + "\n" + line + "\n")
    with pytest.raises(EvalInputError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_questions(path)


def test_category_and_gold_docs_are_optional(tmp_path):
    path = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "Q?", "answerable": True, "answers": [["x"]]}]
    rows.append({"id": "b", "question": "Q2?", "answerable": False, "answers": []})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    a, b = load_questions(path)
    assert (a.category, a.gold_docs, b.category) == ("uncategorised", (), "unanswerable")


def test_the_shipped_question_set_is_valid():
    questions = load_questions(ROOT / "eval" / "questions.jsonl")
    assert len(questions) == 138 and sum(not q.answerable for q in questions) == 23


def test_thresholds_file_and_check(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("[min]\nanswer_correctness = 0.5\nnope = 1\n[max]\nlatency_total_p95_s = 1.0\n")
    thresholds = load_thresholds(path)
    report = summarize([])
    report.figures["answer_correctness"] = metrics.Rate(0.4, 0.3, 0.5, 10)
    report.latency["total"] = {"median": 0.5, "p95": 2.0, "n": 3}
    failures = check_thresholds(report, thresholds)
    assert len(failures) == 3
    assert "answer_correctness = 0.4 is below the threshold 0.5" in failures[0]
    assert "nope: no such figure" in failures[1]
    assert "latency_total_p95_s = 2 is above the threshold 1" in failures[2]
    path.write_text("[minimum]\nx = 1\n")
    with pytest.raises(EvalInputError, match="unknown table"):
        load_thresholds(path)


def test_shipped_thresholds_name_real_figures():
    thresholds = load_thresholds(ROOT / "eval" / "thresholds.toml")
    assert thresholds["min"]["marker_validity"] == 1.0
    known = set(summarize([]).flat()) | {"judge_accuracy"}
    assert set(thresholds["min"]) | set(thresholds["max"]) <= known


SMALL_SET = [
    {"id": "s1", "question": "How many civilians did Russian attacks on Ukraine kill in October, according to the UN?",
     "category": "number", "answerable": True, "answers": [["183"]], "gold_docs": ["000_03550182c98cc4a1"]},
    {"id": "s2", "question": "What does the acronym ATACMS stand for?", "answerable": True,
     "answers": [["Army Tactical Missile System"]], "gold_docs": ["000_03550182c98cc4a1"]},
    {"id": "s3", "question": "What is the unit cost of an ATACMS missile?", "category": "unanswerable",
     "answerable": False, "answers": [], "gold_docs": []},
    {"id": "s4", "question": "Who won the 1998 football World Cup?", "answerable": False, "answers": []},
    {"id": "s5", "question": "What range do ATACMS have?", "category": "number", "answerable": True,
     "answers": [["300"]], "gold_docs": ["000_03550182c98cc4a1"]},
]  # fmt: skip


@pytest.fixture()
def extractive_assistant(assistant):
    """The shared assistant in extractive mode (no generation, so the run is fast)."""
    from rag.pipeline import Assistant

    return Assistant(
        assistant.settings.with_(answer_mode="extractive"), assistant.embedder, assistant.generator, assistant.index
    )


def test_small_end_to_end_run_writes_every_report_file(tmp_path, extractive_assistant, monkeypatch, capsys):
    from rag.cli import main
    from rag.pipeline import Assistant

    questions = tmp_path / "small.jsonl"
    questions.write_text("\n".join(json.dumps(r) for r in SMALL_SET) + "\n")
    monkeypatch.setattr(Assistant, "load", classmethod(lambda cls, settings=None, **kw: extractive_assistant))
    out = tmp_path / "report"
    easy = tmp_path / "easy.toml"
    easy.write_text("[min]\nmarker_validity = 1.0\nretrieval_recall_at_k = 0.5\n")
    code = main(["eval", "--questions", str(questions), "--out", str(out), "--limit", "5", "--no-progress",
                 "--thresholds", str(easy)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    for name in ("report.json", "report.md", "correctness_by_category.png", "latency.png", "coverage_accuracy.png"):
        assert (out / name).stat().st_size > 0, name
    data = json.loads((out / "report.json").read_text())
    assert [r["question"]["id"] for r in data["results"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert data["figures"]["marker_validity"]["value"] == 1.0
    assert data["provenance"]["model_sha256"] and data["provenance"]["git_commit"]
    assert data["judge"]["accuracy"]["n"] == 177
    s1 = data["results"][0]
    assert s1["correct"] and not s1["abstained"] and "183" in s1["answer"]
    md = (out / "report.md").read_text()
    assert "## Headline figures" in md and "## Failed questions" in md
    # the gate: an unreachable threshold exits 3 and names the figure; --compare adds a section
    hard = tmp_path / "hard.toml"
    hard.write_text("[min]\nanswer_correctness = 1.01\n")
    code = main(["eval", "--questions", str(questions), "--out", str(tmp_path / "r2"), "--limit", "1",
                 "--no-progress", "--thresholds", str(hard), "--compare", str(out)])  # fmt: skip
    assert code == 3
    assert "answer_correctness" in capsys.readouterr().err
    assert "## Comparison" in (tmp_path / "r2" / "report.md").read_text()


def test_bad_question_file_fails_before_loading_models(tmp_path, capsys):
    from rag.cli import main

    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(VALID) + "\n{oops\n")
    assert main(["eval", "--questions", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "line 2" in capsys.readouterr().err


def test_limit_must_be_positive(tmp_path, capsys):
    from rag.cli import main

    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(VALID) + "\n")
    assert main(["eval", "--questions", str(path), "--out", str(tmp_path / "o"), "--limit", "0"]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err


def test_an_attributed_figure_is_judged_on_its_claim_not_on_the_attribution():
    """"According to Reuters (Nov 21): …" names the cited document's outlet (metadata), which its
    passage never says: measured before, such sentences counted as unsupported citations."""
    from rag.evaluate import score_answer
    from rag.judge import judge
    from rag.questions import Question
    from rag.records import Answer, Chunk, Citation, Hit, Span

    text = "Nearly 12,000 North Korean troops have been sent to Russia, officials said."
    hit = Hit(Chunk("d#0", "d", 0, len(text), text, (Span(0, len(text)),)), 1.0, 0.9, 1.0, 1, outlet="Reuters")
    cite = Citation(1, "d", "d#0", 0, len(text), text, outlet="Reuters", date="2024-11-21")
    answer = Answer(
        question="How many North Korean troops are in Russia?",
        text="According to Reuters (Nov 21): Nearly 12,000 North Korean troops have been sent to Russia [1].",
        citations=(cite,), sources=(hit,), abstained=False, mode="extractive",
    )  # fmt: skip
    q = Question("x", answer.question, True, (("12,000",),), ("d",))
    result = score_answer(q, answer, ["d"], {"d": text}, lambda claim, passage: judge(claim, passage).supported)
    assert result.citation_precision == 1.0 and result.citation_recall == 1.0
