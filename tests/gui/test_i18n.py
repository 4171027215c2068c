"""In Chinese, every screen, editor and dialog shows Chinese: a walk over all of them fails on
any visible English left untranslated (names, codes and the user's own data allowed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind
from exporter_desk.gui import backend, i18n
from exporter_desk.services.keystores import open_keystore
from exporter_desk.store import Store
from exporter_desk.store.export import export_json
from tests.gui._walk import data_words, is_untranslated, views, visible_texts
from tests.gui.conftest import Desk, company_with_key


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_untranslated_text_is_recognised() -> None:
    data = {"Hamburg", "Ningbo Ocean Star"}
    assert is_untranslated("The English name is required.", data)
    assert is_untranslated("trust network", data)
    assert is_untranslated("commercial-invoice", data)
    assert not is_untranslated("英文名称为必填项。", data)
    assert not is_untranslated("INV-2026-001", data)
    assert not is_untranslated("USD", data)
    assert not is_untranslated("Hamburg", data)
    assert not is_untranslated("12,345.00", data)
    assert is_untranslated("由 trust network local.exporter-desk/5e5672ebe70349a1 担保", data)
    assert is_untranslated("commercial-invoice HY-CI-2026-0112", data)
    assert not is_untranslated("见证方 witness.local.exporter-desk", data)
    assert not is_untranslated("由合同 HY-S-2026-047 生成, 发往 Hamburg", data)


def test_every_screen_and_dialog_in_chinese_is_translated(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    desk.db(company_with_key(open_keystore(data_dir)))
    issued = backend.issue_document(
        data_dir,
        lambda: open_keystore(data_dir),
        DocumentKind.COMMERCIAL_INVOICE.value,
        1,
        paper="A4",
        progress=lambda _percent, _step: None,
    ).document
    desk.window.refresh_current()
    signed = Path(issued.path) if Path(issued.path).is_absolute() else data_dir / issued.path

    def fetch(store: Store) -> list[str]:
        return _strings(export_json(store))

    values = desk.db(fetch)
    assert isinstance(values, list)
    folder = str(desk.window.data_dir)
    allowed = data_words(lambda: [*values, folder])
    desk.window.resize(1024, 640)
    i18n.set_language(i18n.Language.CHINESE)
    try:
        found: dict[str, set[str]] = {}
        walked = []
        for name, view in views(desk.window, [signed]):
            walked.append(name)
            for where, text in visible_texts(view):
                if is_untranslated(text, allowed):
                    found.setdefault(f"{text!r} ({where})", set()).add(name)
    finally:
        i18n.set_language(i18n.Language.ENGLISH)
    for text, places in sorted(found.items()):
        print(f"untranslated: {text} in {', '.join(sorted(places))}")
    print("walked:", *walked, sep="\n  ")
    assert len(walked) > 20  # the walk saw the app, not an empty window
    assert not found, f"{len(found)} untranslated strings; see the printed list"
