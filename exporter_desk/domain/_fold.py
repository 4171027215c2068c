"""How every typed code is read before it is parsed: NFKC-folded and trimmed.

NFKC turns what a Chinese or Japanese input method types into plain ASCII: full-width digits and
letters (``８４６７．２９``), the ideographic space (U+3000) and the full-width full stop.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from exporter_desk.domain.errors import DomainError

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` in NFKC, trimmed: ``" ８４６７　２９ "`` -> ``"8467 29"``."""
    return unicodedata.normalize("NFKC", text).strip()


def compact(text: str) -> str:
    """Folded, upper case, every space removed: ``" msku 123456 5"`` -> ``"MSKU1234565"``."""
    return _SPACE.sub("", fold(text)).upper()


def canonical_or_raw(value: str, parse: Callable[[str], str]) -> str:
    """``parse(value)`` when it parses, else ``value`` unchanged (``problems()`` reports it).

    Domain objects call this on construction so that they hold the canonical form of every valid
    code; an invalid or empty value is kept as typed, so the editor can show it and say why.
    """
    if not value.strip():
        return value
    try:
        result = parse(value)
    except DomainError:
        return value
    return result


def set_canonical(obj: object, **parsers: Callable[[str], str]) -> None:
    """In a frozen dataclass's ``__post_init__``: replace each named field by its canonical form
    (see :func:`canonical_or_raw`)."""
    for name, parse in parsers.items():
        object.__setattr__(obj, name, canonical_or_raw(getattr(obj, name), parse))


__all__ = ["canonical_or_raw", "compact", "fold", "set_canonical"]
