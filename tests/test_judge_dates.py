"""Issue 11, thirty-fifth round (dev24 o05): "On what date was the Treaty of Paris signed?" was
answered "… was signed on July 4, 1783 [1]", a date the 135M model made of its passage's "July 4th"
(another event's) and the year of "signed on September 3, 1783": the number check found 4 and 1783
in the passage and passed each alone. A claimed date must be one of the passage's dates."""

from __future__ import annotations

import pytest

from rag.judge import judge
from rag.judge_dates import calendar_dates, check_dates

PASSAGE = (
    "The council adopted the Kell Charter on July 4th. The war went on for years, and its end was "
    "formalized in the Treaty of Arno, signed on September 3, 1783."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The Treaty of Arno was signed on July 4, 1783 [1].", False),  # dev24 o05's shape
        ("The Treaty of Arno was signed on September 3, 1783 [1].", True),
        ("The Treaty of Arno was signed on 3 September 1783 [1].", True),
        ("The council adopted the Kell Charter on July 4 [1].", True),
        ("The council adopted the Kell Charter on the 4th of July [1].", True),
        ("The Treaty of Arno was signed on March 3, 1783 [1].", False),  # a day and month never given
        ("The Treaty of Arno was signed in 1783 [1].", True),  # no day: the number check's
    ],
)
def test_a_claimed_date_must_be_one_of_the_passages(claim, supported):
    assert judge(claim, PASSAGE).supported is supported


def test_a_year_given_apart_from_the_day_may_still_be_joined_to_it():
    """The passage's only year is not another date's: "On July 4 … In 1776 …" may be told as one date."""
    passage = "In 1776 the colonies declared independence. The Kell Charter was adopted on July 4."
    assert check_dates("The Kell Charter was adopted on July 4, 1776.", passage) == ""


def test_calendar_dates_reads_both_orders_and_ordinals():
    assert calendar_dates("on 4 July 1776, then on September 3rd, 1783, and May 2020") == {
        ("jul", 4, "1776"), ("sep", 3, "1783")
    }
