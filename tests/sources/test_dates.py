"""The one date parser every reader shares: month and weekday names in five languages."""
from datetime import date

import pytest

from program.sources.dates import find_date


@pytest.mark.parametrize("text, expected", [
    ("3 March 2026", date(2026, 3, 3)),
    ("March 3, 2026", date(2026, 3, 3)),
    ("3. März 2026", date(2026, 3, 3)),
    ("Dienstag, 3. März 2026", date(2026, 3, 3)),
    ("mardi 3 mars 2026", date(2026, 3, 3)),
    ("1er avril 2026", date(2026, 4, 1)),
    ("martes, 3 de marzo de 2026", date(2026, 3, 3)),
    ("martedì 3 marzo 2026", date(2026, 3, 3)),
    ("3 DÉCEMBRE 2026", date(2026, 12, 3)),
])
def test_dates_with_month_names(text, expected):
    assert find_date(text).resolve() == expected


def test_a_weekday_prefix_without_a_year_is_settled_by_the_years_given():
    found = find_date("Tuesday, March 3")
    assert found.year is None and found.weekday == 1
    assert found.resolve((2026,)) == date(2026, 3, 3)
