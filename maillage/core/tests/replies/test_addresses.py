"""Reply addresses: the signed token of a person, a purpose and an object, its expiry, and the
registry of the purposes the apps handle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone, translation

from maillage.core.replies import AnswerKind, register_reply_handler, registry, reply_address
from maillage.core.replies.addresses import token_in
from maillage.core.tests.replies.conftest import PURPOSE, record_answer, token_for
from maillage.core.tokens import ReplyTokenError, read_reply_token, reply_token

pytestmark = pytest.mark.django_db


def test_a_reply_address_carries_who_what_which_language_and_until_when(marie):
    until = timezone.now() + timedelta(days=3)
    with translation.override("en"):
        address = reply_address(user=marie, purpose=PURPOSE, object_id=412, expires=until)
    local, domain = address.split("@")
    assert domain == "maillage.example.org" and local.startswith("reponse+")
    # Fits a local part (64 characters), in characters no mail server changes but the case.
    assert len(local) <= 64
    assert local == local.lower() and all(c.isalnum() or c in "+._" for c in local)
    token = read_reply_token(local.partition("+")[2])
    assert (token.user_id, token.purpose, token.object_id, token.language) == (
        marie.pk,
        PURPOSE,
        412,
        "en",
    )
    # To the hour, never before.
    assert timedelta(0) <= token.expires - until < timedelta(hours=1)


def test_a_reply_address_lasts_the_configured_days_by_default(marie, settings):
    settings.MAILLAGE_REPLY_DAYS = 5
    token = read_reply_token(token_for(marie))
    assert timedelta(days=5) <= token.expires - timezone.now() <= timedelta(days=5, hours=1)


def test_no_reply_address_without_the_setting(marie, settings):
    settings.MAILLAGE_REPLY_ADDRESS = ""
    assert reply_address(user=marie, purpose=PURPOSE, object_id=1) == ""
    assert token_in(["reponse+abc@maillage.example.org"]) is None


def test_the_token_is_found_among_the_recipients_only_on_the_reply_address():
    assert token_in(["info@example.org", "Reponse+ABC.def@MAILLAGE.example.org"]) == "abc.def"
    assert token_in(["reponse+abc@elsewhere.example.org", "autre+abc@maillage.example.org"]) is None
    assert token_in(["reponse@maillage.example.org", "reponse+@maillage.example.org"]) is None


def test_a_token_refused_says_why(marie):
    token = token_for(marie)
    with pytest.raises(ReplyTokenError) as forged:
        read_reply_token(token[:-1] + ("a" if token[-1] != "a" else "b"))
    assert forged.value.code == "forged"
    with pytest.raises(ReplyTokenError) as empty:
        read_reply_token("")
    assert empty.value.code == "forged"
    expired = reply_token(
        user_id=marie.pk,
        purpose=PURPOSE,
        object_id=1,
        language="fr",
        expires=timezone.now() - timedelta(hours=2),
    )
    with pytest.raises(ReplyTokenError) as late:
        read_reply_token(expired)
    # An expired token is still authentic: its person is known.
    assert (late.value.code, late.value.token.user_id) == ("expired", marie.pk)


def test_a_token_survives_a_new_secret_key_while_the_old_one_is_a_fallback(marie, settings):
    token = token_for(marie)
    old = settings.SECRET_KEY
    with override_settings(SECRET_KEY="a-new-key-" + "n" * 50, SECRET_KEY_FALLBACKS=[old]):
        assert read_reply_token(token).user_id == marie.pk
    with (
        override_settings(SECRET_KEY="a-new-key-" + "n" * 50, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(ReplyTokenError),
    ):
        read_reply_token(token)


@pytest.mark.parametrize("purpose", ["Vote", "with-dash", "", "x" * 13, "1st"])
def test_a_purpose_is_a_short_lowercase_word(marie, purpose):
    with pytest.raises(ValueError, match="short lowercase word"):
        reply_address(user=marie, purpose=purpose, object_id=1)


def test_an_app_registers_its_purpose_once(monkeypatch):
    monkeypatch.setattr(registry, "REPLY_HANDLERS", {})
    registered = register_reply_handler(
        "poll", record_answer, accepts=[AnswerKind.SCORE], choices=lambda pk: ["a", "b"]
    )
    assert {"poll": registered} == registry.REPLY_HANDLERS
    assert registered.accepts == {AnswerKind.SCORE}
    # Registering the same handler again (a second `ready()`) changes nothing.
    assert register_reply_handler("poll", record_answer, accepts=[AnswerKind.SCORE])
    with pytest.raises(ImproperlyConfigured, match="already has a handler"):
        register_reply_handler("poll", lambda **kwargs: None, accepts=[])
    with pytest.raises(ImproperlyConfigured, match="short lowercase word"):
        register_reply_handler("Poll", record_answer, accepts=[])


def test_the_longest_reply_address_still_fits_a_local_part():
    token = reply_token(
        user_id=10**8,
        purpose="p" * 12,
        object_id=10**10,
        language="fr",
        expires=timezone.now() + timedelta(days=365 * 10),
    )
    assert len(f"reponse+{token}") <= 64 - 6  # room for a longer local part
