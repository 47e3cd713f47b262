"""Search measured on the relevance set of tests/support/relevance.py: what `make
eval-search` prints, held to its target on each database the suite runs on."""

import pytest

from tests.support import relevance

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcomes():
    return relevance.evaluate(relevance.build())


def test_the_relevance_set_has_at_least_thirty_queries():
    assert len(relevance.CASES) >= 30


def test_mean_reciprocal_rank_is_at_least_0_9(outcomes):
    precision, mrr = relevance.summary(outcomes)
    missed = [(o.query, o.top) for o in outcomes if o.rank != 1]
    assert mrr >= 0.9, missed
    assert precision >= 0.9, missed
