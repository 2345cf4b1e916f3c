"""The analysis in a browser: staff assign a member of the review committee to an application
under review; the reviewer finds it in their reviews, saves a draft on the call's grid, then
submits it; staff read the weighted total and the average. axe-core finds no WCAG 2.2 AA
violation on any page visited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.funding.models import Review
from maillage.funding.tests.factories import (
    ApplicationFactory,
    call_in_review,
    committee_member,
    user_with_person,
)
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_assign_a_reviewer_who_scores_on_the_grid_and_submits(
    page: Page, browser, live_server, axe, transactional_db
):
    call = call_in_review(title="Appel de projets 2026")
    application = ApplicationFactory(
        call=call,
        title="Cuisines collectives",
        amount_requested=Decimal("25000.00"),
        state="submitted",
    )
    reviewer = committee_member(call.committee, first_name="Rita", last_name="Lavoie")
    coordinator = user_with_person(Role.STAFF, first_name="Colette", last_name="Coordination")
    with translation.override("fr-ca"):
        analysis = reverse("funding:application_analysis", args=[application.pk])
        mine = reverse("funding:my_reviews")

    # Staff screen the application, then assign Rita, from its analysis.
    log_in_with_the_session_of(page, coordinator, live_server)
    page.goto(analysis)
    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse de « Cuisines collectives »")
    axe.check(page)
    # The board's resolution is missing: the check is proposed as not met, and a refusal of
    # eligibility with it unexplained is refused at its reason.
    documents = page.get_by_role("checkbox", name="Tous les documents exigés sont joints")
    expect(documents).not_to_be_checked()
    page.get_by_label("Admissible : la transmettre au comité d'analyse").check()
    page.get_by_label("Si non respecté, pourquoi : Tous les documents exigés sont joints").fill("")
    page.get_by_role("button", name="Enregistrer l'examen").click()
    expect(page.get_by_text("Précisez pourquoi ce critère n'est pas respecté.")).to_be_visible()
    axe.check(page)
    page.get_by_role("checkbox", name="Tous les documents exigés sont joints").check()
    page.get_by_label("Admissible : la transmettre au comité d'analyse").check()
    page.get_by_role("button", name="Enregistrer l'examen").click()
    expect(page.get_by_text("L'examen d'admissibilité a été enregistré.")).to_be_visible()
    application.refresh_from_db()
    assert (application.state, application.envelope) == ("in_review", call.envelopes.get())
    page.get_by_role("checkbox", name="Rita Lavoie").check()
    page.get_by_role("button", name="Affecter les personnes analystes").click()
    expect(page.get_by_text("Les personnes analystes ont été affectées.")).to_be_visible()
    reviewers = page.get_by_role("table", name="Personnes analystes affectées à la demande")
    expect(reviewers).to_contain_text("Rita Lavoie")
    axe.check(page)

    # Rita, in a browser of her own, finds it and scores it.
    context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    rita = context.new_page()
    log_in_with_the_session_of(rita, reviewer, live_server)
    rita.goto(mine)
    expect(rita.get_by_role("heading", level=1)).to_have_text("Mes analyses")
    axe.check(rita)
    rita.get_by_role("link", name="Noter la demande Cuisines collectives").click()
    expect(rita.get_by_role("heading", level=1)).to_have_text("Analyse de « Cuisines collectives »")
    axe.check(rita)
    rita.get_by_label("Inclusion des personnes : note de 0 à 5").fill("4")
    rita.get_by_label("Commentaire sur « Inclusion des personnes »").fill("Les familles y sont.")
    rita.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(rita.get_by_text("Votre brouillon a été enregistré.")).to_be_visible()
    expect(rita.get_by_label("Inclusion des personnes : note de 0 à 5")).to_have_value("4")
    # Submitting with a criterion unscored is refused at that criterion, what was typed kept.
    rita.get_by_role("button", name="Soumettre l'analyse").click()
    expect(rita.get_by_text("Notez ce critère.").first).to_be_visible()
    expect(rita.get_by_label("Commentaire sur « Inclusion des personnes »")).to_have_value(
        "Les familles y sont."
    )
    axe.check(rita)
    rita.get_by_label("Ancrage local : note de 0 à 5").fill("3")
    rita.get_by_label("Mobilisation : note de 0 à 5").fill("2")
    rita.get_by_role("button", name="Soumettre l'analyse").click()
    expect(rita.get_by_text("Votre analyse a été soumise.")).to_be_visible()
    expect(rita.get_by_role("table")).to_contain_text("Soumise (63,00 / 100)")
    axe.check(rita)
    review = Review.objects.get()
    assert (review.total, review.reviewer) == (Decimal("63.00"), reviewer)

    # Staff read the scores and the average.
    page.goto(analysis)
    expect(page.get_by_text("63,00 / 100 (1 analyse)")).to_be_visible()
    axe.check(page)
    context.close()
