from django.http import QueryDict

from maillage.governance.forms import WorkstreamFilterForm


def test_a_workstream_filter_leaves_out_an_unknown_status_and_keeps_the_rest():
    form = WorkstreamFilterForm(QueryDict("status=nonsense&past_sunset=on"))
    assert form.values() == ("", True)
    assert WorkstreamFilterForm(QueryDict("status=active")).values() == ("active", False)
    assert WorkstreamFilterForm(None).values() == ("", False)
