"""Texts a person reads, as data: a :class:`Reason` is a stable code and its parameters, rendered
in English or Simplified Chinese from the catalogue that registered the code.

The core packages (``verify``, ``examine``) each keep one catalogue of their codes, with an English
and a Chinese template per code, and :func:`register` it when imported; the front ends render a
reason in the interface language, with quantities formatted for its locale. Parameters are
rendered by type: an ``int`` is a quantity (grouped digits, or the formatter given); a ``float`` is
shown with ``:g``; a nested :class:`Reason` is rendered in the same language; a tuple of reasons is
a list (``, `` in English, ``、`` in Chinese), or, for a parameter named ``sentences``, a run of
sentences. A ``str`` is data (a name, a document number, a date) and is shown as it is;
identifiers such as a log index are passed as ``str`` so that they are not grouped.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

__all__ = ["Language", "Reason", "placeholders", "reason", "register", "registered"]

_CATALOGUE: dict[str, tuple[str, str]] = {}


def register(entries: Mapping[str, tuple[str, str]]) -> None:
    """Add a catalogue's codes (code -> English template, Chinese template).

    Raises:
        ValueError: a code is already registered with other templates (a programming error).
    """
    for code, templates in entries.items():
        if _CATALOGUE.setdefault(code, templates) != templates:
            raise ValueError(f"reason code {code!r} is registered twice")


def registered() -> Mapping[str, tuple[str, str]]:
    """Every registered code and its templates."""
    return dict(_CATALOGUE)


Language = Literal["en", "zh"]


def _grouped(number: int) -> str:
    return f"{number:,}"


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason a person reads, as data: a registered code and its parameters."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        templates = _CATALOGUE.get(self.code)
        if templates is None:
            raise ValueError(f"reason code {self.code!r} is not in a catalogue")
        wanted = placeholders(self.code)
        given = {name for name, _ in self.params}
        if given != wanted:
            raise ValueError(f"reason {self.code}: parameters {sorted(given)} != {sorted(wanted)}")

    def __str__(self) -> str:
        """The English sentence (what a log or a plain-text report shows)."""
        return self.render("en")

    @property
    def en(self) -> str:
        return self.render("en")

    @property
    def zh(self) -> str:
        return self.render("zh")

    def render(self, language: Language, number: Callable[[int], str] = _grouped) -> str:
        """The sentence in ``language``; ``number`` formats the quantities (grouped digits)."""
        template = _CATALOGUE[self.code][0 if language == "en" else 1]
        values = {name: _render(name, value, language, number) for name, value in self.params}
        return template.format_map(values)

    def parts(self) -> Iterator[Reason]:
        """This reason and the reasons nested in it, depth first."""
        yield self
        for _, value in self.params:
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Reason):
                    yield from item.parts()

    def codes(self) -> Iterator[str]:
        """This reason's code and those of the reasons nested in it."""
        return (part.code for part in self.parts())

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {n: _json(v) for n, v in self.params}}


def reason(code: str, **params: Any) -> Reason:
    """The reason ``code`` with ``params``.

    Raises:
        ValueError: ``code`` is not in a catalogue, or the parameters do not match its
            templates (a programming error).
    """
    return Reason(code, tuple(sorted(params.items())))


def placeholders(code: str) -> frozenset[str]:
    """The parameter names the templates of ``code`` use (English and Chinese together)."""
    return _placeholders(_CATALOGUE[code])


@cache  # every reason checks its parameters: parse each pair of templates once
def _placeholders(templates: tuple[str, str]) -> frozenset[str]:
    return frozenset(
        field
        for template in templates
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    )


def _render(name: str, value: Any, language: Language, number: Callable[[int], str]) -> str:
    if isinstance(value, Reason):
        return value.render(language, number)
    if isinstance(value, tuple):
        parts = [_render(name, item, language, number) for item in value]
        if name == "sentences":
            return ("" if language == "zh" else " ").join(parts)
        return ("、" if language == "zh" else ", ").join(parts)
    if isinstance(value, bool):
        raise TypeError(f"parameter {name} is a bool")
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, Reason):
        return value.to_json()
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    return value
