"""The interface language: English (the source text) or Simplified Chinese, switchable live.

Translations are ordinary Qt catalogues: ``resources/translations/exporter_desk_zh_CN.ts`` is
extracted from the code by ``pyside6-lupdate`` and compiled to ``.qm`` by ``pyside6-lrelease``
(``resources/translations/update.py`` does both). Installing a translator makes Qt send every
widget a ``LanguageChange`` event; our widgets answer it by calling their ``retranslate()``.
Qt's own catalogue (``qtbase_zh_CN``) is loaded too, for the buttons of standard dialogs.
The core (domain, store, services) writes its messages in English and never imports Qt; the
GUI shows them through ``gui/messages.py``, which translates them with the English text as
the key (templates for messages with values in them).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from exporter_desk.gui._resources import translations_dir

CATALOGUE = "exporter_desk"
SETTINGS_KEY = "ui/language"


class Language(StrEnum):
    ENGLISH = "en"
    CHINESE = "zh_CN"

    @property
    def native_name(self) -> str:
        """The language's name in itself: what a menu of languages shows."""
        return {Language.ENGLISH: "English", Language.CHINESE: "简体中文"}[self]


_installed: list[QTranslator] = []
_current = Language.ENGLISH


def current_language() -> Language:
    return _current


def set_language(language: Language) -> bool:
    """Install the translators for ``language`` (removing the previous ones).

    Returns False when the catalogue could not be loaded (the interface stays in English).
    """
    global _current
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before choosing a language")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = Language.ENGLISH
    if language is Language.ENGLISH:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        app.installTranslator(QTranslator(app))  # an empty one: still sends LanguageChange
        return True
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE}_{language.value}", str(translations_dir())):
        return False
    qt = QTranslator(app)
    if qt.load(
        f"qtbase_{language.value}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    _current = language
    return True


def saved_language() -> Language:
    """The language chosen last time (QSettings), else the system's if we have it."""
    value = QSettings().value(SETTINGS_KEY, "")
    if isinstance(value, str) and value in Language._value2member_map_:
        return Language(value)
    system = QLocale.system().name()
    return Language.CHINESE if system.startswith("zh") else Language.ENGLISH


def save_language(language: Language) -> None:
    QSettings().setValue(SETTINGS_KEY, language.value)


__all__ = ["Language", "current_language", "save_language", "saved_language", "set_language"]
