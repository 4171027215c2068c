"""Starting the app: Chinese text has a font even on a system without one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from exporter_desk.gui.app import install_chinese_font


def test_bundled_chinese_font_is_the_fallback_where_the_system_has_none(app: QApplication) -> None:
    family = install_chinese_font(force=True)  # as on a system without a Chinese font
    assert family == "WenQuanYi Micro Hei"
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    base = QApplication.font().family()
    assert family.lower() in [f.lower() for f in QFont.substitutes(base)]
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "英文名称为必填项")


def test_no_font_is_added_when_the_system_has_one(app: QApplication) -> None:
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        assert install_chinese_font() is None
