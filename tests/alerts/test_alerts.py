"""Alerts by email end to end, against a real SMTP server on loopback: follow, confirm from the
mail's link, get the day's new statements once, unsubscribe from the mail."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from articles.alerts.models import Subscription
from articles.editors.statements import decide_statement
from tests.support import factories as f

pytestmark = pytest.mark.django_db

FOLLOW = "/alerts/follow/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
LINK = re.compile(r"http://archive\.test(/alerts/(?:confirm|unsubscribe)/[^/\s\"<>]+/)")


def links(text: str, kind: str) -> list[str]:
    return [path for path in LINK.findall(text) if f"/{kind}/" in path]


def new_statement(speaker, directives=(), words="hợp tác kinh tế biển") -> "f.Quote":
    """A statement in a new article that extraction suggested and an editor then confirmed."""
    text = f"Thứ trưởng khẳng định {words} là ưu tiên hàng đầu."
    article = f.article(f"Bài mới về {words}", [f"Tại cuộc họp, {text}"], "2026-03-02")
    quote = f.quote(article, text, speaker, directives, status="suggested")
    return decide_statement(quote, quote.version, "confirmed")


def follow(client, email, **target):
    return client.post(FOLLOW, {"email": email, **target})


def confirmed(client, inbox, email, **target) -> Subscription:
    follow(client, email, **target)
    (path,) = links(inbox.text(inbox.to(email)[-1]), "confirm")
    client.post(path)
    return Subscription.objects.filter(email=email, confirmed_at__isnull=False).latest("confirmed_at")


def test_follow_confirm_digest_unsubscribe_end_to_end(client, smtp, world):
    cuong = world["cuong"]
    answer = follow(client, "Doc.Gia@Example.test", speaker=cuong.slug)
    assert answer.status_code == 200 and "Hãy kiểm tra hộp thư" in answer.content.decode()

    (mail,) = smtp.to("doc.gia@example.test")
    assert mail["List-Unsubscribe"].startswith("<http://archive.test/alerts/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (confirm,) = links(smtp.text(mail), "confirm")
    assert links(smtp.html(mail), "confirm") == [confirm]

    # Opening the link (as a mail scanner does) confirms nothing; the page's button does.
    page = client.get(confirm)
    assert page.status_code == 200 and cuong.name in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None

    call_command("send_alerts")
    assert len(smtp.messages) == 1, "nothing new yet: no digest"

    quote = new_statement(cuong)
    call_command("send_alerts")
    digest = smtp.messages[-1]
    assert len(smtp.messages) == 2 and digest["To"] == "doc.gia@example.test"
    text, html = smtp.text(digest), smtp.html(digest)
    for part in (text, html):
        assert quote.text in part and cuong.name in part and quote.article.title in part
        assert f"http://archive.test{quote.get_absolute_url()}" in part
        assert f"http://archive.test{quote.article.get_absolute_url()}" in part
    assert "02/03/2026" in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Subscription.objects.get().last_sent_quote_id == quote.pk

    call_command("send_alerts")
    assert len(smtp.messages) == 2, "a second run sends nothing new"

    (stop,) = links(text, "unsubscribe")[:1]
    assert client.post(stop).status_code == 200
    assert Subscription.objects.get().unsubscribed_at is not None
    new_statement(cuong, words="an ninh hàng hải")
    call_command("send_alerts")
    assert len(smtp.messages) == 2


def test_one_digest_per_address_for_a_speaker_a_directive_and_a_search(client, smtp, world):
    email = "ban.doc@example.test"
    confirmed(client, smtp, email, speaker=world["trung"].slug)
    confirmed(client, smtp, email, directive=world["conclusion"].slug)
    confirmed(client, smtp, email, q="kinh te bien")
    confirmed(client, smtp, "nguoi.khac@example.test", speaker=world["leader"].slug)
    before = len(smtp.messages)
    by_trung = new_statement(world["trung"], words="hợp tác quốc phòng")
    citing = new_statement(world["cuong"], [world["conclusion"]], words="ngoại giao đa phương")
    found = new_statement(world["cuong"], words="kinh tế biển")

    call_command("send_alerts")
    (digest,) = smtp.messages[before:]
    assert digest["To"] == email
    text = smtp.text(digest)
    for quote in (by_trung, citing, found):
        assert quote.text in text
    assert len(links(text, "unsubscribe")) == 4, "one per alert and one for all of them"


def test_following_again_makes_no_duplicate_and_answers_the_same(client, smtp, settings, world):
    settings.ARCHIVE_ALERT_MAILS_PER_ADDRESS = 10
    slug = world["cuong"].slug

    def answer():
        response = follow(client, "ban.doc@example.test", speaker=slug)
        assert response.status_code == 200
        content = CSRF.sub("", response.content.decode())
        return content[content.index("<main") :]

    first = answer()
    second = answer()
    confirmed(client, smtp, "ban.doc@example.test", speaker=slug)
    third = answer()
    assert first == second == third
    assert Subscription.objects.count() == 1
    assert len(smtp.to("ban.doc@example.test")) == 4


def test_confirmation_mails_are_throttled_per_address_and_per_client(client, smtp, settings, world):
    settings.ARCHIVE_ALERT_MAILS_PER_ADDRESS = 2
    settings.ARCHIVE_ALERT_MAILS_PER_CLIENT = 3
    slug = world["cuong"].slug
    assert [follow(client, "mot@example.test", speaker=slug).status_code for _ in range(3)] == [200, 200, 429]
    throttled = follow(client, "mot@example.test", speaker=slug).content.decode()
    assert "Too many requests" in throttled or "Quá nhiều" in throttled
    assert len(smtp.to("mot@example.test")) == 2

    assert follow(client, "hai@example.test", speaker=slug).status_code == 200
    assert follow(client, "ba@example.test", speaker=slug).status_code == 429, "the client's third mail"
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(FOLLOW, {"email": "ba@example.test", "speaker": slug}).status_code == 200
    assert len(smtp.messages) == 4


def test_a_refused_digest_leaves_the_watermark_and_goes_out_next_run(client, smtp, world):
    subscription = confirmed(client, smtp, "ban.doc@example.test", speaker=world["cuong"].slug)
    mark = subscription.last_sent_quote_id
    quote = new_statement(world["cuong"])
    smtp.refusing = True
    with pytest.raises(CommandError, match="tried again next run"):
        call_command("send_alerts")
    subscription.refresh_from_db()
    assert subscription.last_sent_quote_id == mark

    smtp.refusing = False
    count = len(smtp.messages)
    call_command("send_alerts")
    assert len(smtp.messages) == count + 1 and quote.text in smtp.text(smtp.messages[-1])
    subscription.refresh_from_db()
    assert subscription.last_sent_quote_id == quote.pk


def test_one_click_unsubscribe_needs_no_csrf_token(smtp, world):
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    token = client.cookies["csrftoken"].value
    client.post(FOLLOW, {"email": "ban.doc@example.test", "speaker": world["cuong"].slug, "csrfmiddlewaretoken": token})
    (mail,) = smtp.messages
    header = mail["List-Unsubscribe"].strip("<>").removeprefix("http://archive.test")
    response = Client(enforce_csrf_checks=True).post(
        header, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscription.objects.get().unsubscribed_at is not None


def test_confirming_needs_the_pages_csrf_token(smtp, world):
    Client().post(FOLLOW, {"email": "ban.doc@example.test", "speaker": world["cuong"].slug})
    (confirm,) = links(smtp.text(smtp.messages[0]), "confirm")
    assert Client(enforce_csrf_checks=True).post(confirm).status_code == 403
    assert Subscription.objects.get().confirmed_at is None


def test_a_forged_or_expired_confirmation_link_is_refused(client, smtp, settings, world):
    follow(client, "ban.doc@example.test", speaker=world["cuong"].slug)
    (confirm,) = links(smtp.text(smtp.messages[0]), "confirm")
    assert client.post(confirm[:-3] + "x/").status_code == 400
    settings.ARCHIVE_ALERT_CONFIRM_DAYS = -1
    assert client.post(confirm).status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_a_bad_address_is_answered_on_the_form_with_the_error(client, smtp, world):
    response = follow(client, "not an address", speaker=world["cuong"].slug)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'aria-invalid="true"' in content and 'aria-describedby="follow-email-errors"' in content
    assert 'value="not an address"' in content and f'value="{world["cuong"].slug}"' in content
    assert smtp.messages == [] and not Subscription.objects.exists()


def test_a_form_naming_nothing_or_two_things_is_refused(client, smtp, world):
    assert follow(client, "ban.doc@example.test").status_code == 400
    both = follow(client, "ban.doc@example.test", speaker=world["cuong"].slug, q="biển")
    assert both.status_code == 400
    assert follow(client, "ban.doc@example.test", speaker="khong-co-ai").status_code == 400
    assert client.get(FOLLOW).status_code == 405
    assert smtp.messages == []


def test_the_database_allows_one_target_and_one_active_subscription_per_target(world):
    cuong, conclusion = world["cuong"], world["conclusion"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="a@example.test", language="vi", speaker=cuong, directive=conclusion)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="a@example.test", language="vi")
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="A@example.test", language="vi", query="biển")
    first = Subscription.objects.create(email="a@example.test", language="vi", speaker=cuong)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="a@example.test", language="vi", speaker=cuong)
    Subscription.objects.filter(pk=first.pk).update(unsubscribed_at="2026-01-01T00:00:00Z")
    Subscription.objects.create(email="a@example.test", language="vi", speaker=cuong)


def test_mails_are_in_the_language_the_reader_subscribed_in(client, smtp, world):
    client.post(reverse("set_language"), {"language": "en"})
    follow(client, "reader@example.test", speaker=world["cuong"].slug)
    follow(Client(), "ban.doc@example.test", speaker=world["cuong"].slug)
    english, vietnamese = smtp.to("reader@example.test")[0], smtp.to("ban.doc@example.test")[0]
    assert english["Subject"].startswith("Confirm your alert")
    assert not vietnamese["Subject"].startswith("Confirm your alert")
    assert Subscription.objects.get(email="reader@example.test").language == "en"


def test_a_mail_server_refusing_the_confirmation_gets_a_clear_answer(client, smtp, world):
    smtp.refusing = True
    response = follow(client, "ban.doc@example.test", speaker=world["cuong"].slug)
    assert response.status_code == 503
    assert "Không gửi được thư" in response.content.decode()
    smtp.refusing = False
    assert follow(client, "ban.doc@example.test", speaker=world["cuong"].slug).status_code == 200
    assert Subscription.objects.count() == 1 and len(smtp.messages) == 1


def test_the_longest_query_the_search_page_reads_can_be_followed(client, smtp):
    from articles.search.query import MAX_QUERY_CHARS

    query = ("biển " * MAX_QUERY_CHARS)[:MAX_QUERY_CHARS].strip()
    assert follow(client, "ban.doc@example.test", q=query).status_code == 200
    assert Subscription.objects.get().query == query
