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
