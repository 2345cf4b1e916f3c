"""The staff's forms for an objective's measurable targets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, edit_page, form_redirect
from maillage.core.permissions import permission_required
from maillage.planning.forms.targets import TargetForm
from maillage.planning.services import objectives as services
from maillage.planning.services.objectives import TARGET_FIELDS
from maillage.planning.views._common import form_page, get_objective, get_target, objective_url


@permission_required("planning.manage")
def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_objective(request, pk)
    form = TargetForm(request.POST or None)
    return form_redirect(
        request,
        form,
        lambda actor: services.target_create(actor=actor, objective=objective, **form.cleaned_data),
        success=_("The target was added."),
        to=objective_url(objective) + "#targets",
    ) or form_page(
        request,
        form,
        title=_("New target: %(objective)s") % {"objective": objective.title},
        submit=_("Add the target"),
        cancel_url=objective_url(objective),
        plan=objective.orientation.plan,
    )


@permission_required("planning.manage")
def target_update(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_target(request, pk)
    initial = {name: getattr(target, name) for name in TARGET_FIELDS}
    return edit_page(
        request,
        target,
        lambda data: TargetForm(data, initial=initial),
        lambda actor, form, version: services.target_update(
            actor=actor, target=target, version=version, **form.cleaned_data
        ),
        success=_("The target was saved."),
        to=objective_url(target.objective_id) + "#targets",
        page=lambda form: form_page(
            request,
            form,
            title=_("Edit the target"),
            submit=_("Save"),
            cancel_url=objective_url(target.objective_id),
            plan=target.objective.orientation.plan,
        ),
    )


@permission_required("planning.manage")
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_target(request, pk)
    return action_redirect(
        request,
        lambda actor: services.target_delete(actor=actor, target=target),
        success=_("The target was removed."),
        to=objective_url(target.objective_id) + "#targets",
    )
