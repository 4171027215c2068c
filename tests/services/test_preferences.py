"""Settings are typed: what a person typed or a settings file holds is parsed once, and a value
that means nothing is refused by name instead of silently becoming A4 or ORIGINAL."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import exporter_desk
from exporter_desk.services import preferences
from exporter_desk.services.issuing import IssueOptions
from exporter_desk.services.packs import PackOptions
from exporter_desk.services.preferences import (
    CopyMark,
    DocumentLanguage,
    InvalidPreferenceError,
    Paper,
    Preferences,
)
from exporter_desk.store import Store, database_path, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(database_path(tmp_path)) as opened:
        yield opened


@pytest.mark.parametrize(
    ("typed", "paper"),
    [
        ("A4", Paper.A4),
        ("a4", Paper.A4),
        (" A4 ", Paper.A4),
        ("LETTER", Paper.LETTER),
        ("Letter", Paper.LETTER),  # what the Settings screen stored before paper was typed
        ("letter", Paper.LETTER),
        ("US  Letter", Paper.LETTER),
        (Paper.LETTER, Paper.LETTER),
    ],
)
def test_paper_is_read_from_what_people_and_settings_files_write(typed: str, paper: Paper) -> None:
    assert Paper.parse(typed) is paper
    assert IssueOptions(paper=typed).paper is paper  # type: ignore[arg-type]
    assert PackOptions(paper=typed).paper is paper  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["B5", "A44", "", "letterhead", "21x29.7", None, 4])
def test_an_unknown_paper_is_refused_not_printed_on_a4(typed: object) -> None:
    with pytest.raises(InvalidPreferenceError) as caught:
        IssueOptions(paper=typed)  # type: ignore[arg-type]
    assert caught.value.user_message == (
        f"'{typed}' is not a paper size Exporter Desk knows; use one of A4, LETTER."
    )
    with pytest.raises(InvalidPreferenceError):
        PackOptions(paper=typed)  # type: ignore[arg-type]


def test_the_copy_mark_is_original_copy_draft_or_none() -> None:
    assert IssueOptions().mark is CopyMark.ORIGINAL
    assert IssueOptions(mark="copy").mark is CopyMark.COPY  # type: ignore[arg-type]
    assert IssueOptions(mark=None).mark is None
    with pytest.raises(InvalidPreferenceError) as caught:
        IssueOptions(mark="ORIGNAL")  # type: ignore[arg-type]  # a typo is not an original
    assert "'ORIGNAL' is not a copy mark" in caught.value.user_message
    assert "ORIGINAL, COPY, DRAFT" in caught.value.user_message


def test_the_document_language_is_english_or_english_with_chinese() -> None:
    assert IssueOptions(language="EN+ZH").language is DocumentLanguage.BILINGUAL  # type: ignore[arg-type]
    assert IssueOptions().language.render_name == "en"
    with pytest.raises(InvalidPreferenceError) as caught:
        IssueOptions(language="fr")  # type: ignore[arg-type]
    assert "'fr' is not a document language" in caught.value.user_message


def test_preferences_are_saved_and_read_back_typed(store: Store) -> None:
    chosen = Preferences(
        company_id=1 if store.parties.count() else None,
        paper=Paper.LETTER,
        copies=3,
        online_checks=True,
        network="notary.example.com/log",
    )
    chosen.save(store)
    assert Preferences.load(store) == chosen
    assert store.settings.get(preferences.PAPER_SIZE) == "LETTER"
    assert store.settings.get(preferences.ONLINE_CHECKS) == "1"


def test_a_fresh_profile_reads_the_defaults(store: Store) -> None:
    assert Preferences.load(store) == Preferences()
    assert Preferences().paper is Paper.A4 and Preferences().network == preferences.LOCAL_NETWORK


def test_a_stored_value_that_means_nothing_reads_as_the_default_and_is_logged(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    store.settings.set(preferences.PAPER_SIZE, "Letter")  # an older version's spelling: fine
    store.settings.set(preferences.PRINT_COPIES, "many")
    with caplog.at_level(logging.WARNING):
        loaded = Preferences.load(store)
    assert loaded.paper is Paper.LETTER
    assert loaded.copies == 1
    assert "print.copies holds 'many'" in caplog.text


@pytest.mark.parametrize("copies", [0, 21, -1, "3.5", "many"])
def test_a_number_of_copies_out_of_range_is_refused(copies: object) -> None:
    with pytest.raises(InvalidPreferenceError) as caught:
        Preferences(copies=copies)  # type: ignore[arg-type]
    assert "is not a number of copies Exporter Desk knows" in caught.value.user_message


_SPELLED_KEY = re.compile(r"""settings\.(?:get|set|delete)\(\s*["']""")


def test_no_settings_key_is_spelled_outside_the_preferences_module() -> None:
    package = Path(exporter_desk.__file__).parent
    spelled = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if _SPELLED_KEY.search(path.read_text(encoding="utf-8"))
    )
    assert spelled == [], "name settings keys by their constant in services/preferences.py"
