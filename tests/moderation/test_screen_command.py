"""`manage.py screen`: JSON lines in, one verdict per line out. No database."""

import json
from io import StringIO

from django.core.management import call_command


def run_screen(*lines):
    out = StringIO()
    call_command("screen", stdin=StringIO("".join(line + "\n" for line in lines)), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_screen_command_writes_one_verdict_per_line():
    rows = run_screen(
        json.dumps({"id": "a", "text": "I'm going to overdose on my meds tonight"}),
        json.dumps({"id": 2, "text": "find me on kik: rosebud_91"}),
        json.dumps({"id": None, "text": "Baked bread with my daughter today."}),
    )
    assert rows == [
        {"id": "a", "risk": "imminent", "categories": ["self_harm"]},
        {"id": 2, "risk": "none", "categories": ["contact"]},
        {"id": None, "risk": "none", "categories": []},
    ]


def test_screen_command_reports_bad_lines_and_goes_on():
    rows = run_screen(
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7}),
        json.dumps({"id": 8, "text": 12}),
        json.dumps({"id": 9, "text": "he is outside my door and I'm terrified"}),
    )
    assert [row.get("id") for row in rows] == [None, None, 7, 8, 9]
    assert all("error" in row for row in rows[:4])
    assert rows[4] == {"id": 9, "risk": "imminent", "categories": ["danger"]}


def test_screen_command_skips_blank_lines():
    rows = run_screen("", "   ", json.dumps({"id": 1, "text": "hello"}), "")
    assert rows == [{"id": 1, "risk": "none", "categories": []}]


def test_screen_command_keeps_unicode_ids_and_never_lists_watched():
    rows = run_screen(json.dumps({"id": "é-1", "text": "ｔｅｘｔ ｍｅ ａｔ ５５５ ２０１ ３３４４"}, ensure_ascii=False))
    assert rows == [{"id": "é-1", "risk": "none", "categories": ["contact"]}]
