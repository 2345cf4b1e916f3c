import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from maillage.core.dates import long_date

UTC = dt.UTC


@pytest.mark.parametrize(
    ("day", "french"),
    [
        (dt.date(2026, 8, 1), "1er août 2026"),
        (dt.date(2026, 8, 2), "2 août 2026"),
        (dt.date(2027, 1, 11), "11 janvier 2027"),
        (dt.date(2026, 12, 31), "31 décembre 2026"),
    ],
)
def test_the_first_of_a_month_reads_1er_in_french(day, french):
    with translation.override("fr-ca"):
        assert long_date(day) == french


def test_english_dates_are_left_as_django_writes_them():
    with translation.override("en"):
        assert long_date(dt.date(2026, 8, 1)) == "Aug. 1, 2026"
        assert long_date(dt.date(2026, 8, 21)) == "Aug. 21, 2026"


def test_a_moment_is_shown_in_local_time_with_1er_and_its_hour():
    # 4:30 UTC on the 1st is 0:30 in Québec in summer, still the 1st; 3:00 UTC is the 31st.
    with translation.override("fr-ca"):
        assert long_date(dt.datetime(2026, 8, 1, 4, 30, tzinfo=UTC), "DATETIME_FORMAT") == (
            "1er août 2026, 00\xa0h\xa030"
        )
        assert long_date(dt.datetime(2026, 8, 1, 3, 0, tzinfo=UTC)) == "31 juillet 2026"


def test_an_escaped_j_and_other_formats_keep_their_meaning():
    quebec = ZoneInfo("America/Toronto")
    with translation.override("fr-ca"):
        assert long_date(dt.date(2026, 8, 1), "F Y") == "août 2026"
        assert long_date(dt.date(2026, 8, 1), r"\j j F") == "j 1er août"
        assert long_date(dt.datetime(2026, 9, 1, 9, 5, tzinfo=quebec), "j F") == "1er septembre"
