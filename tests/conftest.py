import pytest

from tests.editors import make_user
from tests.sources import copy_seeds


@pytest.fixture
def seed_dir(tmp_path):
    """A private copy of the seeds, so a test may change a file without touching the repo."""
    directory = tmp_path / "sources"
    directory.mkdir()
    copy_seeds(directory)
    return directory


@pytest.fixture
def editor(db):
    """A staff member of the Editors group, not a superuser."""
    return make_user("editor-an")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
