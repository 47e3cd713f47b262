import pytest
from django.core.cache import cache

from tests.support import factories
from tests.support.sources import copy_seeds
from tests.support.users import make_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. A test's writes are rolled back, never
    committed, so the archive's generation does not move and the next test, reusing the
    same ids and versions, would otherwise be served the fragments of the one before."""
    cache.clear()


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


@pytest.fixture
def world(db):
    """The sample archive of tests/support/factories.py: people, directives, statements, links."""
    return factories.sample_archive()


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback that Django's mail goes to (pytest-django keeps mail in
    memory unless told otherwise); its ``inbox`` holds what it accepted."""
    from tests.support.smtp import SMTPServer

    with SMTPServer() as server:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 10},
            }
        }
        settings.ARCHIVE_SITE_URL = "http://archive.test"
        yield server.inbox
