import pytest

from articles.counts import tallies


@pytest.fixture(autouse=True)
def counts_as_they_change(db):
    """PostgreSQL folds the kept counts into place at commit, and a test never commits."""
    tallies.settle()
