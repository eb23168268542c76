"""model/try_llm_judge.py reuses the few-shot examples cached in the model for every pair: a pair
scored after others must score what it scores with the whole prompt evaluated afresh, or the
round's AUCs (model/README.md) would measure the cache, not the judge."""

from __future__ import annotations

import numpy as np
import pytest
from script_loader import load_script


def _afresh(judge, question: str, sentence: str) -> float:
    llm = judge.llm
    head = llm.tokenize(load_script("model/try_llm_judge.py").FEWSHOT_HEAD.encode(), add_bos=True)
    pair = llm.tokenize(judge._pair_text(question, sentence).encode(), add_bos=False, special=True)
    llm.reset()
    llm.eval(head + pair)
    logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
    return float(logits[judge.yes] - logits[judge.no])


def test_a_pair_scores_the_same_after_other_pairs_as_afresh():
    module = load_script("model/try_llm_judge.py")
    judge = module.Judge("", "fewshot")
    first = [judge.log_odds(q, s) for q, s, _ in module.PAIRS[:3]]
    again = judge.log_odds(*module.PAIRS[0][:2])
    assert again == pytest.approx(first[0], abs=1e-3)
    assert len({round(x, 3) for x in first}) == 3  # different pairs, different scores: the pair is read
    fresh = _afresh(judge, *module.PAIRS[2][:2])
    assert fresh == pytest.approx(first[2], abs=2e-2)
