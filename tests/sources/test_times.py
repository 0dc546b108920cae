import pytest

from program.sources.times import Clock, format_clock, parse_clock, parse_duration, parse_range, resolve


@pytest.mark.parametrize("text, expected", [
    ("8:40", Clock(8, 40)),
    ("13:30", Clock(13, 30)),
    ("1:30pm", Clock(1, 30, "pm")),
    ("1:30 PM", Clock(1, 30, "pm")),
    ("11.15 a.m.", Clock(11, 15, "am")),
    ("12pm", Clock(12, 0, "pm")),
    ("08:30", Clock(8, 30, "24h")),
    ("9:00:00 AM", Clock(9, 0, "am")),  # Excel
    ("9h30", Clock(9, 30, "24h")),  # French: always 24-hour
    ("11h", Clock(11, 0, "24h")),
    ("9.30", Clock(9, 30)),
    ("Noon", Clock(12, 0, "24h")),
    ("midnight", Clock(0, 0, "24h")),
])
def test_parse_clock(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9:75", "13:00pm", "soon", "", "9", "9:", "25h"])
def test_parse_clock_rejects(text):
    with pytest.raises(ValueError):
        parse_clock(text)


def test_parse_range_forms():
    assert parse_range("8:40-9:10") == (Clock(8, 40), Clock(9, 10))
    assert parse_range("1:30 - 3:30") == (Clock(1, 30), Clock(3, 30))
    assert parse_range("10:00 – 11:10") == (Clock(10, 0), Clock(11, 10))
    assert parse_range("13:30") == (Clock(13, 30), None)
    with pytest.raises(ValueError):
        parse_range("8:40 - ")


def test_resolve_reads_twelve_hour_times_in_order():
    # 12:00 - 1:30 is lunch from noon, not an hour and a half before noon
    noon = resolve(Clock(12, 0), 11 * 60 + 10)
    assert noon == 720
    assert resolve(Clock(1, 30), noon) == 13 * 60 + 30
    # a morning time at the start of the day stays morning
    assert resolve(Clock(8, 30), None) == 8 * 60 + 30
    # explicit forms are never reinterpreted
    assert resolve(Clock(1, 30, "am"), 20 * 60) == 90
    assert resolve(Clock(8, 30, "24h"), 12 * 60) == 8 * 60 + 30
    assert resolve(Clock(12, 15, "am"), None) == 15


@pytest.mark.parametrize("text, minutes", [
    ("10min", 10), ("10 minutes", 10), ("1h30", 90), ("1h 30min", 90), ("90", 90),
    ("1:30", 90), ("2 hours", 120),
])
def test_parse_duration(text, minutes):
    assert parse_duration(text) == minutes


def test_parse_duration_rejects():
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_format_clock():
    assert format_clock(13 * 60 + 5) == "13:05"
    assert format_clock(13 * 60 + 5, "12h") == "1:05"
    assert format_clock(0, "12h") == "12:00"
