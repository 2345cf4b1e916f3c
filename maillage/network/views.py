"""Pages of the partner network: thin, they parse, call a selector or a service, and render."""

from __future__ import annotations

from functools import partial

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from maillage.core import views as core_views
from maillage.core.actions import action_redirect, edit_page, form_redirect, form_status
from maillage.core.formtools import query_text
from maillage.core.htmx import is_htmx, render_page_or_fragment
from maillage.core.lookups import one_of
from maillage.core.permissions import has_perm, permission_required
from maillage.network import exports, selectors, services
from maillage.network.forms import (
    DirectoryFilterForm,
    FunctionForm,
    OrganizationForm,
    PersonForm,
    SeatEndForm,
    SeatForm,
)
from maillage.network.models import Organization, Person
from maillage.network.panels import PERSON_PANELS
from maillage.privacy.models import AccessKind
from maillage.privacy.services import contact_access_record

PAGE_SIZE = 25

# The records the management pages edit (the directory pages read through the selectors).
_organization = one_of(selectors.organization_records(), by="slug")
_person = one_of(selectors.person_records(), by="slug")
_seat = one_of(selectors.seat_records())
_function = one_of(selectors.function_records())


# Directory


@permission_required("network.view_directory")
def organization_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    organizations = selectors.organization_directory(viewer=request.user, filters=form.filters())
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        # What the kept cards depend on besides the page.
        "filters_key": selectors.directory_filters_key(form.filters()),
        "export_query": export_query.urlencode(),
        "can_manage": has_perm(request.user, "network.manage"),
        "can_see_contacts": selectors.can_see_contacts(request.user),
    }
    return render_page_or_fragment(request, "network/organization_list.html", "results", context)


# An export may hold contact details: no HTTP cache keeps it, whoever asked (the server keeps the
# file built, per language, filters and whether it holds contacts, until the next change).
@permission_required("network.view_directory")
@never_cache
def organization_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    organizations = selectors.organization_directory(viewer=request.user, filters=filters)
    with_contacts = selectors.can_see_contacts(request.user)
    body = exports.directory_file(
        organizations,
        fmt=fmt,
        with_contacts=with_contacts,
        filters=selectors.directory_filters_key(filters),
        title=_("Organizations"),
    )
    if with_contacts:
        # The seat holders' addresses are in the file: who took them is recorded (Law 25).
        contact_access_record(
            actor=request.user,
            kind=AccessKind.EXPORT_CSV if fmt == "csv" else AccessKind.EXPORT_XLSX,
            count=selectors.seat_holder_count(organizations),
            detail=request.GET.urlencode(),
        )
    stamp = timezone.localdate().isoformat()
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        # Streamed, so that a browser that accepts it gets it compressed as it comes.
        response = StreamingHttpResponse(
            exports.chunks(body), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="repertoire-{stamp}.{fmt}"'
    return response


@permission_required("network.view_directory")
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(selectors.organization_pages(viewer=request.user), slug=slug)
    people = selectors.organization_people(viewer=request.user, organization=organization)
    if people is not None:
        contact_access_record(
            actor=request.user,
            kind=AccessKind.LIST_VIEWED,
            count=len(people.functions) + len(people.seats) + len(people.past_seats),
            detail=f"organization={organization.pk}",
        )
    context = {
        "organization": organization,
        "people": people,
        # Without the right to see people, those who consented to the public directory.
        "public_people": (
            selectors.organization_public_people(organization=organization)
            if people is None
            else []
        ),
        "can_manage": has_perm(request.user, "network.manage"),
        "can_see_contacts": selectors.can_see_contacts(request.user),
        "can_see_history": has_perm(request.user, "core.view_audit"),
    }
    return render(request, "network/organization_detail.html", context)


@permission_required("network.manage")
def organization_create(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.organization_create(actor=actor, data=form.to_data()),
        success=_("The organization was created."),
        to=organization_url,
    ) or _form_page(
        request, form, title=_("New organization"), cancel=reverse("network:organization_list")
    )


@permission_required("network.manage")
def organization_update(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(selectors.organization_pages(viewer=request.user), slug=slug)
    title = _("Edit %(name)s") % {"name": organization.name}
    return edit_page(
        request,
        organization,
        lambda data: OrganizationForm(data, organization=organization),
        lambda actor, form, version: services.organization_update(
            actor=actor, organization=organization, data=form.to_data(), version=version
        ),
        success=_("The organization was updated."),
        to=organization_url(organization),
        page=partial(_form_page, request, title=title, parent=organization),
    )


def organization_url(organization: Organization) -> str:
    return reverse("network:organization_detail", kwargs={"slug": organization.slug})


# Seats


def _holder_of(request: HttpRequest) -> Person | None:
    """The holder named by the query string (`holder`, a person's key), if any."""
    key = request.GET.get("holder") or ""
    if not key.isdigit() or len(key) > 18:
        return None
    return selectors.person_records().filter(pk=int(key)).first()


def _assigned(assigned: services.SeatAssigned) -> str:
    said = str(_("The seat was assigned."))
    if assigned.invitation is not None:
        said += " " + _("An invitation to the platform was sent to %(email)s.") % {
            "email": assigned.invitation.email
        }
    elif assigned.not_invited:
        said += " " + _("No invitation to the platform: %(reason)s") % {
            "reason": assigned.not_invited
        }
    return said


@permission_required("network.manage")
def seat_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    holder = _holder_of(request) if request.method == "GET" else None
    form = SeatForm(
        request.POST or None, holder=holder, initial={"start_date": timezone.localdate()}
    )
    if is_htmx(request) and request.method == "GET":
        # The holder was chosen: the invitation offered (or not) for them.
        return render(request, "network/seat_form.html#invite", {"form": form})
    return form_redirect(
        request,
        form,
        lambda actor: services.seat_assign_and_invite(
            actor=actor,
            organization=organization,
            holder=form.cleaned_data["holder"],
            data=form.to_data(),
            invite=form.cleaned_data.get("invite", False),
            base_url=request.build_absolute_uri("/"),
        ),
        success=_assigned,
        to=organization_url(organization),
    ) or render(
        request,
        "network/seat_form.html",
        {
            "form": form,
            "title": _("New seat for %(name)s") % {"name": organization.name},
            "cancel_url": organization_url(organization),
            "parent": organization,
        },
        status=form_status(form),
    )


@permission_required("network.manage")
def seat_update(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _seat(request, pk)
    organization = seat.organization
    names = {"holder": seat.holder, "name": organization.name}
    return edit_page(
        request,
        seat,
        lambda data: SeatForm(data, seat=seat),
        lambda actor, form, version: services.seat_update(
            actor=actor, seat=seat, data=form.to_data(), version=version
        ),
        success=_("The seat was updated."),
        to=organization_url(organization),
        page=partial(
            _form_page,
            request,
            title=_("Seat of %(holder)s for %(name)s") % names,
            parent=organization,
        ),
    )


@permission_required("network.manage")
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation of a seat's end: its date and, for the holder's last seat, whether
    their platform access goes down with it."""
    seat = _seat(request, pk)
    offer = selectors.access_after_seat(seat) is not None
    title = _("End the seat of %(holder)s for %(name)s") % {
        "holder": seat.holder,
        "name": seat.organization.name,
    }
    return edit_page(
        request,
        seat,
        lambda data: SeatEndForm(
            data, offer_lowering=offer, initial={"end_date": timezone.localdate()}
        ),
        lambda actor, form, version: services.seat_end(
            actor=actor,
            seat=seat,
            end_date=form.cleaned_data["end_date"],
            lower_access_to=form.cleaned_data.get("access") or "",
            version=version,
        ),
        success=_("The seat of %(holder)s has ended.") % {"holder": seat.holder},
        to=organization_url(seat.organization),
        page=lambda form: render(
            request,
            "network/seat_end.html",
            {
                "form": form,
                "seat": seat,
                "title": title,
                "parent": seat.organization,
                "cancel_url": organization_url(seat.organization),
            },
            status=form_status(form),
        ),
    )


# People


@permission_required("network.view_people")
def person_list(request: HttpRequest) -> HttpResponse:
    q = query_text(request.GET, "q")
    people = selectors.person_directory(viewer=request.user, q=q)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    contact_access_record(
        actor=request.user,
        kind=AccessKind.LIST_VIEWED,
        # Counted, not read: the rows are read only when their kept markup is gone.
        count=page.end_index() - page.start_index() + 1 if page.paginator.count else 0,
        detail=f"q={q}&page={page.number}",
    )
    context = {"page": page, "q": q, "can_manage": has_perm(request.user, "network.manage")}
    return render(request, "network/person_list.html", context)


@permission_required("network.view_people")
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(selectors.person_pages(viewer=request.user), slug=slug)
    # The page shows the person's e-mail and telephone.
    contact_access_record(
        actor=request.user, kind=AccessKind.PERSON_VIEWED, count=1, detail=f"person={person.pk}"
    )
    context = {
        "person": person,
        # What the apps above add (governance: the person's roles and memberships).
        "panels": PERSON_PANELS.render(person, request),
        "can_manage": has_perm(request.user, "network.manage"),
        "can_manage_accounts": has_perm(request.user, "core.manage_accounts"),
        "can_see_history": has_perm(request.user, "core.view_audit"),
        "today": timezone.localdate(),
    }
    return render(request, "network/person_detail.html", context)


def person_url(person: Person) -> str:
    return reverse("network:person_detail", kwargs={"slug": person.slug})


@permission_required("network.manage")
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.person_create(actor=actor, data=form.to_data()),
        success=_("The person was added."),
        to=person_url,
    ) or _form_page(request, form, title=_("New person"), cancel=reverse("network:person_list"))


@permission_required("network.manage")
def person_update(request: HttpRequest, slug: str) -> HttpResponse:
    person = _person(request, slug)
    return edit_page(
        request,
        person,
        lambda data: PersonForm(data, person=person),
        lambda actor, form, version: services.person_update(
            actor=actor, person=person, data=form.to_data(), version=version
        ),
        success=_("The person was updated."),
        to=person_url(person),
        page=partial(
            _form_page, request, title=_("Edit %(name)s") % {"name": person}, person=person
        ),
    )


@permission_required("network.manage")
def function_add(request: HttpRequest, slug: str) -> HttpResponse:
    person = _person(request, slug)
    form = FunctionForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.function_add(actor=actor, person=person, **form.cleaned_data),
        success=_("The function was added."),
        to=person_url(person),
    ) or _form_page(
        request,
        form,
        title=_("New function for %(name)s") % {"name": person},
        person=person,
    )


@permission_required("network.manage")
@require_POST
def function_end(request: HttpRequest, pk: int) -> HttpResponse:
    function = _function(request, pk)
    return action_redirect(
        request,
        lambda actor: services.function_end(actor=actor, function=function),
        success=_("The function has ended."),
        to=person_url(function.person),
    )


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    cancel: str = "",
    parent: Organization | None = None,
    person: Person | None = None,
) -> HttpResponse:
    """The form page; cancelling goes back to the organization's or the person's page unless
    `cancel` says where."""
    if not cancel:
        cancel = organization_url(parent) if parent else person_url(person) if person else ""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel,
        "parent": parent,
        "person": person,
    }
    return render(request, "network/form.html", context, status=form_status(form))


# Import


@permission_required("network.import")
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file of organizations or people: read at once (its type, size, columns and rows),
    then checked by a task and followed on its report page (the core's `import_job`)."""
    sector_keys = selectors.sector_keys()
    return core_views.import_upload(
        request,
        importers=services.IMPORTERS,
        template="network/import.html",
        context={"sector_keys": sector_keys},
    )
