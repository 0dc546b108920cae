"""Attendee lists for badges (program.sources.attendees)."""
from __future__ import annotations

import pytest

from program.errors import UserError
from program.sources.attendees import load_attendees, role_of


def _write(tmp_path, text: str, name: str = "people.csv", bom: bool = False):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_flexible_headers_bom_semicolons_and_first_last_names(tmp_path):
    path = _write(tmp_path, "First Name;Last name;Company;Pronouns;Ticket type;E-mail;Workshops;T-shirt\n"
                            "Ada;Lovelace;Analytical Engines;she/her;Organiser;ada@example.org;s1|Systems;M\n"
                            "Grace;Hopper;;;Presenter;;;L\n", bom=True)
    people, warnings = load_attendees(path)
    assert [p.name for p in people] == ["Ada Lovelace", "Grace Hopper"]
    ada = people[0]
    assert (ada.affiliation, ada.pronouns, ada.role, ada.email, ada.sessions) == \
        ("Analytical Engines", "she/her", "organizer", "ada@example.org", ("s1", "Systems"))
    assert people[1].role == "speaker" and people[1].where.line == 3
    assert warnings == (f"{path}:1: warning: column 'T-shirt' is not used on badges",)


def test_bad_rows_are_reported_with_their_line(tmp_path):
    path = _write(tmp_path, 'Name,Affiliation,ID\n'
                            'Ada Lovelace,"Analytical\nEngines",A1\n'
                            ',Nobody Inc.,A2\n'
                            'Grace Hopper,Navy,A1\n'
                            'Alan Turing,,A3\n')
    people, warnings = load_attendees(path)
    assert [p.name for p in people] == ["Ada Lovelace", "Alan Turing"]
    assert warnings == (
        f"{path}:4: warning: no name in this row; no badge is printed for it",
        f"{path}:5: warning: id 'A1' is already used at line 2; no second badge is printed for it",
    )


def test_a_list_without_a_name_column_or_names_is_refused(tmp_path):
    with pytest.raises(UserError, match=r"no Name .* column in the header \(it has: Email, Role\)"):
        load_attendees(_write(tmp_path, "Email,Role\na@example.org,speaker\n"))
    with pytest.raises(UserError, match="no attendee with a name"):
        load_attendees(_write(tmp_path, "Name,Role\n,speaker\n", "empty.csv"))


def test_roles_keep_what_they_do_not_know():
    assert role_of("Organising Committee") == "Organising Committee"
    assert role_of("ORGANISER") == "organizer" and role_of("") == "attendee"
    assert role_of("  Press  ") == "Press"


def _workbook(tmp_path, rows, sheet: str = "Attendees", name: str = "people.xlsx"):
    """An .xlsx file made with openpyxl: ``rows`` on its first sheet, the first the header."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.create_sheet("Notes").append(["not read"])
    path = tmp_path / name
    book.save(path)
    return path


def test_workbook_with_flexible_headers_typed_cells_and_sheet_rows(tmp_path):
    rows = [["First name", "Surname", "Organisation", "Ticket Type", "Badge ID", "T-shirt"],
            ["Ada", "Lovelace", "Analytical Engines", "Staff", 1024, "M"],
            [None, None, "Nobody Inc.", "Attendee", 1025, None],
            ["Grace", "Hopper", None, "Presenter", 1024.0, "L"],
            ["Alan", "Turing", "Bletchley Park", None, 7, None]]
    path = _workbook(tmp_path, rows)
    people, warnings = load_attendees(path)
    assert [p.name for p in people] == ["Ada Lovelace", "Alan Turing"]
    assert [p.id for p in people] == ["1024", "7"]  # typed numbers, not 1024.0
    assert [p.role for p in people] == ["organizer", "attendee"]
    assert people[1].where.line == 5  # the sheet's row
    where = f"{path} (sheet Attendees)"
    assert warnings == (
        f"{where}:1: warning: column 'T-shirt' is not used on badges",
        f"{where}:3: warning: no name in this row; no badge is printed for it",
        f"{where}:4: warning: id '1024' is already used at line 2; no second badge is "
        "printed for it",
    )


def test_workbook_without_a_name_column_or_not_a_workbook(tmp_path):
    path = _workbook(tmp_path, [["Company", "Role"], ["ACME", "Speaker"]])
    with pytest.raises(UserError) as info:
        load_attendees(path)
    assert "no Name (or First name / Last name) column" in str(info.value)
    assert "sheet Attendees" in str(info.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"Name,Role\nAda,Speaker\n")
    with pytest.raises(UserError) as info:
        load_attendees(broken)
    assert "not readable as an Excel workbook" in str(info.value)
