"""Every error a person may see has a test that shows its user_message.

The guard walks every module of the package, collects each subclass of ``ExporterError`` and
looks for a test file that names the class and asserts on ``user_message``. A base class that only
groups others (it has subclasses) is shown through them. ``NOT_YET_SHOWN`` lists the classes that
still lack such a test; it may only shrink: a class that gains a test must leave the list.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import exporter_desk
from exporter_desk.errors import ExporterError

TESTS = Path(__file__).parent

NOT_YET_SHOWN: frozenset[str] = frozenset()


def _subclasses(cls: type[ExporterError]) -> Iterator[type[ExporterError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def _error_classes() -> dict[str, type[ExporterError]]:
    for module in pkgutil.walk_packages(exporter_desk.__path__, "exporter_desk."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for cls in _subclasses(ExporterError)
        if cls.__module__.startswith("exporter_desk.")
    }


@cache
def _test_texts() -> tuple[str, ...]:
    this = Path(__file__).resolve()
    return tuple(
        text
        for path in TESTS.rglob("test_*.py")
        if path.resolve() != this  # only this file: tests/gui/test_errors.py shows errors too
        for text in [path.read_text(encoding="utf-8")]
        if "user_message" in text
    )


def _shown(cls: type[ExporterError]) -> bool:
    name = re.compile(rf"\b{re.escape(cls.__name__)}\b")
    return any(name.search(text) for text in _test_texts())


def _needs_a_test(cls: type[ExporterError]) -> bool:
    return not cls.__subclasses__()


def test_the_walk_finds_the_errors_of_every_layer() -> None:
    modules = {name.rsplit(".", 1)[0].split(".")[1] for name in _error_classes()}
    assert {"notary", "services", "signing", "store", "trustnet", "verify"} <= modules


def test_every_error_a_person_sees_has_a_test_showing_its_user_message() -> None:
    untested = sorted(
        name
        for name, cls in _error_classes().items()
        if _needs_a_test(cls) and not _shown(cls) and name not in NOT_YET_SHOWN
    )
    assert untested == [], "no test names these errors and asserts on their user_message"


def test_the_list_of_errors_without_a_test_only_shrinks() -> None:
    classes = _error_classes()
    stale = sorted(
        name
        for name in NOT_YET_SHOWN
        if name not in classes or _shown(classes[name]) or not _needs_a_test(classes[name])
    )
    assert stale == [], "these now have a test (or are gone, or grew subclasses): unlist them"
