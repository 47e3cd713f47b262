"""Admin logins: throttled per username and address, and every attempt logged."""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client

PASSWORD = "a-long-editor-password-42"
SECURITY = "policy_archive.security"


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_right_password_logs_in(editor, caplog):
    client = Client()
    with caplog.at_level(logging.INFO, logger=SECURITY):
        response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert any("login user=editor" in record.getMessage() for record in caplog.records)


def test_failed_login_is_logged(editor, caplog):
    with caplog.at_level(logging.INFO, logger=SECURITY):
        log_in(Client(), "wrong")
    failures = [
        record for record in caplog.records if record.name == SECURITY and "login failed" in record.getMessage()
    ]
    assert len(failures) == 1
    assert failures[0].levelno == logging.WARNING
    assert "user=editor" in failures[0].getMessage()
    assert "wrong" not in failures[0].getMessage()


def test_five_failures_lock_out_even_the_right_password(editor, caplog):
    client = Client()
    for _ in range(5):
        log_in(client, "wrong")
    with caplog.at_level(logging.INFO, logger=SECURITY):
        response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert any("refused status=429" in record.getMessage() for record in caplog.records)


def test_four_failures_do_not_lock_out(editor):
    client = Client()
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302


def test_lockout_is_per_address(editor):
    for _ in range(5):
        log_in(Client(), "wrong")
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert log_in(other, PASSWORD).status_code == 302


def test_permission_denied_is_logged(db, caplog):
    staff = User.objects.create_user("reader", password=PASSWORD, is_staff=True)
    client = Client()
    client.force_login(staff)
    with caplog.at_level(logging.INFO, logger=SECURITY):
        response = client.get("/admin/auth/user/")
    assert response.status_code == 403
    assert any(
        "refused status=403 path=/admin/auth/user/ user=reader" in record.getMessage() for record in caplog.records
    )


def try_names(client, count: int) -> None:
    for n in range(count):
        client.post("/admin/login/?next=/admin/", {"username": f"guess-{n}", "password": "wrong"})


def test_one_address_trying_many_usernames_is_locked_out(editor, settings):
    """Four failures per username stay under the per-username limit; the address's total does not."""
    client = Client()
    try_names(client, settings.ARCHIVE_LOGIN_ADDRESS_LIMIT)
    assert log_in(client, PASSWORD).status_code == 429
    assert log_in(Client(REMOTE_ADDR="10.0.0.2"), PASSWORD).status_code == 302


def test_fewer_failures_than_the_address_limit_do_not_lock_it_out(editor, settings):
    client = Client()
    try_names(client, settings.ARCHIVE_LOGIN_ADDRESS_LIMIT - 1)
    assert log_in(client, PASSWORD).status_code == 302


@pytest.fixture
def behind_proxy(settings):
    settings.ARCHIVE_BEHIND_PROXY = True
    settings.ARCHIVE_PROXY_ADDRESSES = frozenset({"10.0.0.1"})


def test_behind_the_proxy_its_own_forwarded_entry_is_the_address(editor, settings, behind_proxy):
    """A client cannot escape the limit by forging X-Forwarded-For: only the last entry, the
    one the proxy appended, counts."""
    for n in range(settings.ARCHIVE_LOGIN_ADDRESS_LIMIT):
        forged = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7")
        try_names(forged, 1)
    locked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")
    assert log_in(locked, PASSWORD).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert log_in(other, PASSWORD).status_code == 302


def test_the_forwarded_header_of_a_request_that_did_not_come_through_the_proxy_is_ignored(
    editor, settings, behind_proxy
):
    for n in range(settings.ARCHIVE_LOGIN_ADDRESS_LIMIT):
        try_names(Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), 1)
    assert log_in(Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="192.0.2.1"), PASSWORD).status_code == 429
