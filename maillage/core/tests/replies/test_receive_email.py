"""`manage.py receive_email`: one message on standard input, as a mail server's pipe gives it,
with the exit status the mail server reads; and `--imap`, polling a real IMAP server (pymap,
run on this machine for the test, in memory)."""

from __future__ import annotations

import imaplib
import io
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from maillage.core.services import replies
from maillage.core.tests.replies.conftest import PROCESS, answers, eml, refusals, token_for

pytestmark = pytest.mark.django_db


class Stdin:
    def __init__(self, raw: bytes) -> None:
        self.buffer = io.BytesIO(raw)


def pipe(monkeypatch, raw: bytes, *args: str) -> str:
    monkeypatch.setattr(sys, "stdin", Stdin(raw))
    out = io.StringIO()
    call_command("receive_email", *args, stdout=out)
    return out.getvalue().strip()


def test_a_piped_reply_is_recorded(handler, marie, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        said = pipe(monkeypatch, eml("gmail-fr-consent.eml", token_for(marie)))
    assert said == "recorded"
    assert answers() == [(marie, PROCESS, "consent", "merci!")]
    assert len(mail.outbox) == 1


def test_the_envelope_recipient_comes_as_an_option(handler, marie, monkeypatch):
    raw = eml("gmail-fr-consent.eml", "").replace(b"reponse+@", b"budget@")
    address = f"reponse+{token_for(marie)}@maillage.example.org"
    assert pipe(monkeypatch, raw, "--recipient", address) == "recorded"


def test_a_refused_reply_exits_zero_so_that_nothing_bounces(handler, marie, monkeypatch):
    raw = eml("gmail-fr-consent.eml", token_for(marie) + "x")
    assert pipe(monkeypatch, raw) == "forged"
    assert refusals() == ["forged"]


def test_no_message_is_a_data_error(monkeypatch):
    with pytest.raises(CommandError) as error:
        pipe(monkeypatch, b"  \r\n")
    assert error.value.returncode == 65


def test_a_fault_is_a_temporary_failure_the_mail_server_retries(handler, marie, monkeypatch):
    def down(**kwargs):
        raise DatabaseError("the database is unreachable")

    monkeypatch.setattr("maillage.core.management.commands.receive_email.email_reply_receive", down)
    with pytest.raises(CommandError) as error:
        pipe(monkeypatch, eml("gmail-fr-consent.eml", token_for(marie)))
    assert error.value.returncode == 75
    assert answers() == []


def test_imap_without_its_settings_is_a_configuration_error(settings):
    settings.MAILLAGE_IMAP = {"host": "", "user": "", "password": ""}
    with pytest.raises(CommandError, match="MAILLAGE_IMAP_HOST") as error:
        call_command("receive_email", "--imap")
    assert error.value.returncode == 78
    settings.MAILLAGE_IMAP = {"host": "h", "user": "u", "password": "p", "security": "tls13"}
    with pytest.raises(CommandError, match="MAILLAGE_IMAP_SECURITY"):
        call_command("receive_email", "--imap")


# A real IMAP server on this machine


USER, PASSWORD = "reponse@maillage.example.org", "imap-test-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def imap_server(settings):
    """pymap's in-memory server on a free port of 127.0.0.1, with one account, for one test."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("pymap")),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-tls",
            "dict",
            "--demo-user",
            USER,
            "--demo-password",
            PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("The IMAP server did not start.")
                time.sleep(0.1)
        settings.MAILLAGE_IMAP = {
            "host": "127.0.0.1",
            "port": port,
            "user": USER,
            "password": PASSWORD,
            "folder": "INBOX",
            "security": "none",
            "done_folder": "",
        }
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def connect(port: int) -> imaplib.IMAP4:
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login(USER, PASSWORD)
    return client


def deliver(port: int, *messages: bytes) -> None:
    client = connect(port)
    for raw in messages:
        client.append("INBOX", None, None, raw)
    client.logout()


def unseen(port: int, folder: str = "INBOX") -> tuple[int, int]:
    """How many messages of `folder` are unread, and how many it holds."""
    client = connect(port)
    assert client.select(folder)[0] == "OK"
    _status, [found] = client.search(None, "UNSEEN")
    _status, [every] = client.search(None, "ALL")
    client.logout()
    return len(found.split()), len(every.split())


def test_imap_polling_records_each_unread_reply_and_marks_it_read(
    handler, marie, john, imap_server, django_capture_on_commit_callbacks
):
    deliver(
        imap_server,
        eml("gmail-fr-consent.eml", token_for(marie)),
        eml("apple-mail-en-consent.eml", token_for(john, language="en")),
        eml("thunderbird-en-question.eml", token_for(john, language="en")),
    )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("receive_email", "--imap", stdout=out)
    assert out.getvalue().strip() == "3 handled, 0 failed"
    assert sorted((a[0].email, a[2]) for a in answers()) == [
        ("john.smith@example.org", "consent"),
        ("marie.tremblay@example.org", "consent"),
    ]
    assert refusals() == ["not_understood"]
    assert unseen(imap_server) == (0, 3)
    # A second poll finds nothing new.
    out = io.StringIO()
    call_command("receive_email", "--imap", stdout=out)
    assert out.getvalue().strip() == "0 handled, 0 failed"
    assert len(answers()) == 2


def test_imap_moves_handled_replies_to_the_done_folder(
    handler, marie, imap_server, settings, django_capture_on_commit_callbacks
):
    settings.MAILLAGE_IMAP = {**settings.MAILLAGE_IMAP, "done_folder": "Traité"}
    deliver(imap_server, eml("outlook-fr-objection.eml", token_for(marie)))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("receive_email", "--imap", stdout=io.StringIO())
    assert [a[2] for a in answers()] == ["objection"]
    assert unseen(imap_server) == (0, 0)
    # The folder's name in IMAP's modified UTF-7.
    assert unseen(imap_server, '"Trait&AOk-"') == (0, 1)


def test_a_reply_that_fails_stays_unread_for_the_next_poll(
    handler, marie, imap_server, monkeypatch
):
    deliver(imap_server, eml("gmail-fr-consent.eml", token_for(marie)))
    real = replies.email_reply_receive

    def down(**kwargs):
        raise DatabaseError("the database is unreachable")

    monkeypatch.setattr("maillage.core.management.commands.receive_email.email_reply_receive", down)
    with pytest.raises(CommandError) as error:
        call_command("receive_email", "--imap", stdout=io.StringIO())
    assert error.value.returncode == 75
    assert unseen(imap_server) == (1, 1)
    monkeypatch.setattr("maillage.core.management.commands.receive_email.email_reply_receive", real)
    out = io.StringIO()
    call_command("receive_email", "--imap", stdout=out)
    assert out.getvalue().strip() == "1 handled, 0 failed"
    assert unseen(imap_server) == (0, 1)


def test_an_unreachable_imap_server_is_a_temporary_failure(settings):
    settings.MAILLAGE_IMAP = {
        "host": "127.0.0.1",
        "port": free_port(),
        "user": USER,
        "password": PASSWORD,
        "security": "none",
    }
    with pytest.raises(CommandError) as error:
        call_command("receive_email", "--imap")
    assert error.value.returncode == 75


class Stop(Exception):
    pass


def test_every_seconds_polls_again_until_stopped(
    handler, marie, john, imap_server, monkeypatch, django_capture_on_commit_callbacks
):
    deliver(imap_server, eml("gmail-fr-consent.eml", token_for(marie)))
    pauses = []
    sleep = time.sleep  # the time module's, which the command shares with everything else

    def pause(seconds):
        if seconds != 30:
            return sleep(seconds)
        # Between two polls: a new reply arrives; after the second poll, the service stops.
        pauses.append(seconds)
        if len(pauses) == 1:
            deliver(imap_server, eml("apple-mail-en-consent.eml", token_for(john, language="en")))
        else:
            raise Stop
        return None

    monkeypatch.setattr("maillage.core.management.commands.receive_email.time.sleep", pause)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Stop):
        call_command("receive_email", "--imap", "--every", "30", stdout=out)
    assert pauses == [30, 30]
    assert out.getvalue().split("\n")[:2] == ["1 handled, 0 failed", "1 handled, 0 failed"]
    assert len(answers()) == 2
