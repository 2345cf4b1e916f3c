import pytest
from django.urls import NoReverseMatch
from django.utils.translation import override

from maillage.governance.paths import page_url


def test_a_page_path_is_the_page_url_in_the_current_language():
    with override("fr-ca"):
        assert page_url("circle_detail", slug="habitation") == "/gouvernance/cercles/habitation/"
    with override("en"):
        assert page_url("circle_detail", slug="habitation") == "/en/governance/circles/habitation/"


def test_a_mistyped_page_name_fails_loudly():
    with pytest.raises(NoReverseMatch):
        page_url("circle_detial", slug="habitation")
