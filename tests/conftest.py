import pytest

from tests.sources import copy_seeds


@pytest.fixture
def seed_dir(tmp_path):
    """A private copy of the seeds, so a test may change a file without touching the repo."""
    directory = tmp_path / "sources"
    directory.mkdir()
    copy_seeds(directory)
    return directory
