"""What every app's writing views share: a form or a button runs a service, then says so (a flash
message) and redirects; a service's refusal comes back at the form's fields or as an error message,
never as a server error.

A view then says only what differs: the form, the service call, the message, where to go. A form
that edits a record goes through `edit_page`, which adds the check of the record's version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from maillage.core.actors import Actor, actor_of
from maillage.core.adapters import expect_signup_email
from maillage.core.forms import EditForm, submit
from maillage.core.versions import StaleVersion

if TYPE_CHECKING:
    from maillage.core.models import Timestamped, User

# A text known beforehand, or made from what the service returned (a new object's URL).
type Said[T] = str | Callable[[T], str]


def _say[T](said: Said[T], result: T) -> str:
    return said(result) if callable(said) else said


def form_status(form: forms.Form | None) -> int:
    """A form page's status: 400 when a submitted form has errors, 409 when it was refused for
    a record changed since it was opened (either way it keeps what was typed)."""
    if isinstance(form, EditForm) and form.conflict is not None:
        return 409
    return 400 if form is not None and form.is_bound and form.errors else 200


def form_redirect[T](
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[User], T],
    *,
    success: Said[T],
    to: Said[T],
) -> HttpResponse | None:
    """For a valid POST the service `action(actor)` accepts: the success message and the
    redirect. None when the form page is to be shown (again, with the service's errors at their
    fields); a response is always true, so a view reads `return form_redirect(...) or page`."""
    done = submit(request, form, lambda: action(actor_of(request)))
    if done is None:
        return None
    messages.success(request, _say(success, done.value))
    return redirect(_say(to, done.value))


def action_redirect[T](
    request: HttpRequest,
    action: Callable[[User], T],
    *,
    success: Said[T],
    to: str,
    refused_to: str | None = None,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> HttpResponse:
    """A button's POST: run the service `action(actor)` and redirect to `to`. A refusal (one of
    `refusals`) becomes an error message and redirects to `refused_to`, `to` by default."""
    try:
        result = action(actor_of(request))
    except refusals as error:
        messages.error(request, refusal_message(error))
        return redirect(refused_to or to)
    messages.success(request, _say(success, result))
    return redirect(to)


def back_to(request: HttpRequest, default: str) -> str:
    """Where a button sends back: the page it was posted from (`next`) when that is a path of
    this site, else `default`; any other address would make the button an open redirect."""
    wanted = request.POST.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def refusal_message(error: Exception) -> str:
    """What a person reads of a refusal: a `ValidationError`'s messages, or the reason given."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def edit_page[F: EditForm, T](
    request: HttpRequest,
    instance: Timestamped,
    form: Callable[[QueryDict | None], F],
    action: Callable[[User, F, str | None], T],
    *,
    success: Said[T],
    to: Said[T],
    page: Callable[[F], HttpResponse],
) -> HttpResponse:
    """The page of a form that edits `instance`, built by `form(data)`. The form carries the
    version `instance` had when it was opened; a valid POST runs the service
    `action(actor, form, version)`, which locks the record and refuses a stale version
    (`core.versions.lock`). Accepted: the success message and the redirect. Refused as stale:
    `page` shows the form again (409) with what was typed, the record's new version, and what
    differs from the record as saved now. Otherwise `page` shows the form (400 with the
    service's errors at their fields)."""
    bound = form(request.POST or None)
    bound.carry_version(instance)
    try:
        done = form_redirect(
            request,
            bound,
            lambda actor: action(actor, bound, bound.sent_version),
            success=success,
            to=to,
        )
    except StaleVersion as stale:
        bound.refuse_stale(stale, saved=form(None))
        done = None
    return done or page(bound)


def invitation_answer_page[I, R](
    request: HttpRequest,
    *,
    token: str,
    find: Callable[[str], I],
    accept: Callable[[Actor, str], R],
    template: str,
    welcome: Callable[[I, R], str],
    landing: Callable[[I], str],
    email: Callable[[I], str],
    context: Callable[[I], dict[str, object]],
) -> HttpResponse:
    """The page an invitation link opens, for any kind of invitation: anyone with the link sees
    the invitation; only the invited person accepts it. An unusable link answers 404 (unknown)
    or 410 (withdrawn, used, expired); someone else's invitation answers 403, the page says why."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())

    def problem(error: ValidationError) -> HttpResponse:
        status = 404 if error.code == "invalid" else 410
        answer = {"problem": refusal_message(error), "code": error.code}
        return render(request, template, answer, status=status)

    try:
        invitation = find(token)
    except ValidationError as error:
        return problem(error)
    status = 200
    if request.method == "POST":
        try:
            result = accept(actor_of(request), token)
        except ValidationError as error:
            return problem(error)
        except PermissionDenied:
            status = 403  # the page says why, without the address
        else:
            messages.success(request, welcome(invitation, result))
            return redirect(landing(invitation))
    if not request.user.is_authenticated:
        # The sign-up form reminds the person of the invited address, masked.
        expect_signup_email(request, email=email(invitation), next_url=request.path)
    return render(request, template, context(invitation), status=status)
