"""One vocabulary (issue 21): one name for an unranked partner, ids and entities alike in
results, and a command line that reads and shows what Python does."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import eucoop
from eucoop import UnknownEntityError
from eucoop._cli import context as cli_context
from eucoop._cli import main
from eucoop._display import text as display_text
from eucoop._model import UNRANKED

Run = Callable[..., tuple[int, str, str]]
URL_LINE = re.compile(r"\s*(URL\s+)?https?://\S+")
REG = eucoop.load()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI on the packaged data: (status, stdout, stderr)."""

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def widest(text: str) -> int:
    """The longest line's length, bar lines that are only a URL."""
    return max((len(s) for s in text.splitlines() if not URL_LINE.fullmatch(s)), default=0)


# -- unranked: one name --------------------------------------------------------------


def unranked_ids() -> list[str]:
    return [o.id for o in REG.organisations if o.partnership and o.partnership.standing is None]


def test_unranked_is_the_one_name() -> None:
    assert UNRANKED == "unranked"
    assert unranked_ids()


def test_python_selects_the_unranked_partners() -> None:
    assert sorted(REG.partners(standing="unranked").ids) == sorted(unranked_ids())
    assert REG.partners(standing="key", area="migration").ids == ("iom", "oecd")
    with pytest.raises(ValueError, match=r"did you mean 'unranked'"):
        REG.partners(standing="unranekd")


def test_the_command_line_selects_and_shows_unranked(run: Run) -> None:
    code, out, err = run("partners", "--standing", "Unranked")
    assert (code, err) == (0, "")
    heads = [line for line in out.splitlines() if not line.startswith(" ")]
    assert len(heads) == len(unranked_ids())
    assert all(line.startswith("unranked  ") for line in heads)
    data = json.loads(run("partners", "--standing", "unranked", "--json")[1])
    assert sorted(d["id"] for d in data) == sorted(unranked_ids())
    assert "unranked (no standing)" in " ".join(run("partners", "--help")[1].split())
    assert "unranked (no standing)" in " ".join(run("--help")[1].split())


def test_cards_and_tables_show_unranked(run: Run) -> None:
    org = REG[unranked_ids()[0]]
    assert "  Standing        unranked\n" in run("show", org.id)[1]
    html = org._repr_html_()
    assert ">Standing</th>" in html
    assert ">unranked</td>" in html
    assert ">unranked</td>" in REG.partners(standing="unranked")._repr_html_()
    summary = run("summary")[1]
    assert "unranked: " in summary


# -- ids and entities alike -----------------------------------------------------------


def test_the_registry_takes_ids_and_entities() -> None:
    iom = REG["iom"]
    assert "iom" in REG
    assert iom in REG
    assert "IOM" not in REG


def test_a_name_for_an_id_points_to_lookup() -> None:
    with pytest.raises(UnknownEntityError, match=r"use reg\.lookup\('IOM'\)") as info:
        REG["IOM"]
    assert "'iom'" in str(info.value)
    with pytest.raises(UnknownEntityError, match=r"did you mean 'iom'"):
        REG["iomm"]


def test_results_take_ids_and_entities() -> None:
    partners = REG.partners()
    iom = REG["iom"]
    # Typed object: mypy's strict equality holds a str out of a tuple of entities.
    ident: object = "iom"
    gcr: object = "gcr"
    three: object = 3
    assert ident in partners
    assert iom in partners
    assert partners["iom"] is iom
    assert partners[0] is partners[partners.ids[0]]
    assert partners[:2].ids == partners.ids[:2]
    assert gcr not in partners
    assert three not in partners
    with pytest.raises(UnknownEntityError, match=r"'gcr'"):
        partners["gcr"]
    with pytest.raises(KeyError):
        partners["no such id"]
    assert REG.documents[REG.documents[0].id] is REG.documents[0]
    doc: object = REG.documents[0].id
    assert doc in REG.documents


# -- the command line reads what Python reads ----------------------------------------


def test_a_country_by_name(run: Run) -> None:
    by_code = run("list", "programmes", "--country", "LY")
    assert by_code[0] == 0
    assert by_code[1]
    assert run("list", "programmes", "--country", "Libya") == by_code
    assert run("list", "programmes", "--country", "libya") == by_code
    code, out, err = run("list", "programmes", "--country", "Lybia")
    assert (code, out) == (2, "")
    assert "did you mean 'Libya'" in err
    assert err.count("\n") == 1


def test_show_several_names(run: Run) -> None:
    code, out, err = run("show", "iom", "oecd")
    assert (code, err) == (0, "")
    iom, oecd = run("show", "iom")[1], run("show", "oecd")[1]
    assert out == iom + "\n" + oecd
    many = json.loads(run("show", "iom", "oecd", "--json")[1])
    assert [d["id"] for d in many] == ["iom", "oecd"]
    assert json.loads(run("show", "iom", "--json")[1])["id"] == "iom"


def test_show_a_name_of_several_words_still_one_card(run: Run) -> None:
    code, out, _ = run("show", "UN", "Network", "on", "Migration")
    assert code == 0
    assert out == run("show", "un-network-on-migration")[1]
    assert isinstance(
        json.loads(run("show", "UN", "Network", "on", "Migration", "--json")[1]), dict
    )


def test_show_several_names_one_unknown(run: Run) -> None:
    code, out, err = run("show", "iom", "zzzq")
    assert (code, out) == (1, "")
    assert "'zzzq'" in err
    assert run("show", "zzzq")[0] == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["list", "org", "--area", "zzzz"], "Policy areas: migration"),
        (["partners", "--area", "zzzz"], "Policy areas: migration"),
        (["involving", "iom", "--role", "boss"], "Roles: party"),
        (["partners", "--standing", "best"], "Standings: principal"),
    ],
)
def test_the_help_an_error_points_to_lists_the_words(
    run: Run, args: list[str], needle: str
) -> None:
    code, _, err = run(*args)
    assert code == 2
    helped = re.search(r"see '(eucoop [a-z-]+) --help'", err)
    assert helped is not None
    command = helped.group(1).split()[1:]
    assert needle in run(*command, "--help")[1]


# -- the terminal's width -------------------------------------------------------------


def test_columns_follow_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    wide = run("show", "iom")[1]
    assert 60 < widest(wide) <= 80
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run("show", "iom")[1]
    assert widest(narrow) <= 60
    assert " ".join(narrow.split()) == " ".join(wide.split())
    assert widest(run("partners", "--help")[1]) <= 60
    assert display_text.columns() == 80


@pytest.mark.parametrize(
    ("env", "columns"),
    [("60", 60), ("10", 40), ("1000", 120), ("99999999999", 80), ("wide", 80), ("", 80)],
)
def test_columns_are_bounded(monkeypatch: pytest.MonkeyPatch, env: str, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", env)
    assert cli_context.terminal_columns() == columns


def test_columns_of_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 1

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((66, 20)))
    assert cli_context.terminal_columns() == 66


def test_wrapped_at_is_for_its_block_only() -> None:
    with display_text.wrapped_at(40):
        assert max(map(len, display_text.wrap("word " * 30))) <= 40
    assert display_text.columns() == 80
    assert max(map(len, display_text.wrap("word " * 30))) > 40


# -- export: a folder named like a file is said to be one ----------------------------


@pytest.mark.parametrize(
    ("args", "made"),
    [
        (["-o", "data.csv"], "data.csv"),
        (["--format", "csv", "-o", "data.json"], "data.json"),
        (["--format", "csv", "-o", "x.db"], "x.db"),
    ],
)
def test_a_csv_folder_named_like_a_file_is_explained(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], made: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", *args)
    assert code == 0
    assert out == f"wrote 47 entities and 103 documents to the folder {made} (csv)\n"
    assert err.count("\n") == 1
    assert f"note: '{made}' is a folder of CSV files, not a file" in err
    assert (tmp_path / made).is_dir()


def test_a_csv_folder_or_zip_needs_no_note(run: Run, tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "csv", "-o", str(tmp_path / "tables"))
    assert (code, err) == (0, "")
    assert "to the folder " in " ".join(out.split())
    assert (tmp_path / "tables").is_dir()
    code, out, err = run("export", "-o", str(tmp_path / "tables.zip"))
    assert (code, err) == (0, "")
    assert "to the folder" not in " ".join(out.split())
