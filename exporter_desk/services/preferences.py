"""Every setting of a company profile: its key, its type and its default, in one place.

The store keeps settings as text (``store.settings``, key -> value); this module is the only
place that spells a key. :class:`Preferences` is the typed view of what a person chooses in
Settings, and :class:`Paper`, :class:`CopyMark` and :class:`DocumentLanguage` are the values
``IssueOptions`` and ``PackOptions`` take. Text that a person typed or a settings file holds
("letter", "Letter", "A4 ") is parsed once, here; a value that means nothing raises
:class:`InvalidPreferenceError` instead of silently becoming a default.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, TypeVar

from exporter_desk.errors import ExporterError

if TYPE_CHECKING:
    from exporter_desk.store import Store

__all__ = [
    "COMPANY_PARTY",
    "IMPORT_MAPPING",
    "LOCAL_NETWORK",
    "NETWORK_ORIGIN",
    "ONLINE_CHECKS",
    "PAPER_SIZE",
    "PRINT_COPIES",
    "SETUP_DISMISSED",
    "SIGNING_CERTIFICATE_CHAIN",
    "TIMESTAMP_URL",
    "UI_LANGUAGE",
    "CopyMark",
    "DocumentLanguage",
    "InvalidPreferenceError",
    "Paper",
    "Preferences",
    "parse_copies",
]

log = logging.getLogger(__name__)

# -- the keys -------------------------------------------------------------------------------------

COMPANY_PARTY = "company.party_id"
"""The id of the party that is our company (the exporter on every document)."""
SIGNING_CERTIFICATE_CHAIN = "signing.certificate_chain_pem"
"""The company's certificate and its chain, PEM (public; the key is in the keystore)."""
TIMESTAMP_URL = "signing.timestamp_url"
"""An RFC 3161 time-stamping service to sign with; empty: none."""
NETWORK_ORIGIN = "network.origin"
"""The trust network documents are registered with: :data:`LOCAL_NETWORK` or a pinned origin."""
ONLINE_CHECKS = "network.online_checks"
""""1": verifying asks the pinned networks whether a document was superseded since."""
PAPER_SIZE = "print.paper_size"
"""The paper documents and packs are printed on (:class:`Paper`)."""
PRINT_COPIES = "print.copies"
"""How many copies the print dialog offers by default."""
UI_LANGUAGE = "ui.language"
"""The interface language last chosen (the GUI also keeps it in QSettings, read before a store
is open)."""
SETUP_DISMISSED = "setup.dismissed"
""""1": the set-up assistant was finished or skipped, and does not open by itself again."""
IMPORT_MAPPING = "import.mapping"
"""Prefix of the column mappings remembered per spreadsheet layout
(``import.mapping.<table>.<digest of the header>``)."""

LOCAL_NETWORK = "local"
"""The value of :data:`NETWORK_ORIGIN` for the built-in local network."""

COPIES_RANGE = range(1, 21)


class InvalidPreferenceError(ExporterError):
    """A setting's value is none of those Exporter Desk knows (a typo, a hand-edited file)."""

    def __init__(self, what: str, value: object, allowed: Iterable[str]) -> None:
        self.what = what
        self.value = value
        choices = ", ".join(allowed)
        super().__init__(
            f"invalid {what}: {value!r} (allowed: {choices})",
            user_message=f"'{value}' is not a {what} Exporter Desk knows; use one of {choices}.",
        )


E = TypeVar("E", bound=StrEnum)


def _parse(enum: type[E], what: str, value: object, aliases: dict[str, E] | None = None) -> E:
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        text = " ".join(value.split()).casefold()
        for member in enum:
            if member.value.casefold() == text:
                return member
        if aliases and text in aliases:
            return aliases[text]
    raise InvalidPreferenceError(what, value, [member.value for member in enum])


class Paper(StrEnum):
    """The paper a document is printed on."""

    A4 = "A4"
    LETTER = "LETTER"

    @classmethod
    def parse(cls, value: object) -> Paper:
        """``Paper`` from what a person or a settings file wrote: "A4", "a4", "Letter",
        "US Letter" ... (case and spaces do not matter).

        Raises:
            InvalidPreferenceError: any other value.
        """
        return _parse(cls, "paper size", value, {"us letter": cls.LETTER})

    @property
    def render_name(self) -> Literal["A4", "LETTER"]:
        """The name the renderers take (``documents.RenderOptions.paper``)."""
        return "LETTER" if self is Paper.LETTER else "A4"


class CopyMark(StrEnum):
    """The stamp printed on each page of a document: it is the original, a copy, or a draft."""

    ORIGINAL = "ORIGINAL"
    COPY = "COPY"
    DRAFT = "DRAFT"

    @classmethod
    def parse(cls, value: object) -> CopyMark:
        """Raises: InvalidPreferenceError for anything but original, copy or draft."""
        return _parse(cls, "copy mark", value)

    @classmethod
    def parse_optional(cls, value: object) -> CopyMark | None:
        """As :meth:`parse`; None (no mark at all) stays None."""
        return None if value is None else cls.parse(value)

    @property
    def render_name(self) -> Literal["ORIGINAL", "COPY", "DRAFT"]:
        return (
            "COPY" if self is CopyMark.COPY else "DRAFT" if self is CopyMark.DRAFT else "ORIGINAL"
        )


class DocumentLanguage(StrEnum):
    """The languages a document is printed in: English, or English with Chinese."""

    ENGLISH = "en"
    BILINGUAL = "en+zh"

    @classmethod
    def parse(cls, value: object) -> DocumentLanguage:
        """Raises: InvalidPreferenceError for anything but "en" or "en+zh"."""
        return _parse(cls, "document language", value, {"zh+en": cls.BILINGUAL})

    @property
    def render_name(self) -> Literal["en", "en+zh"]:
        return "en+zh" if self is DocumentLanguage.BILINGUAL else "en"


def parse_copies(value: object) -> int:
    """The default number of copies, 1 to 20, from an int or its digits.

    Raises:
        InvalidPreferenceError: anything else.
    """
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or number not in COPIES_RANGE:
        raise InvalidPreferenceError("number of copies", value, ["1", "...", "20"])
    return number


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a person chooses in Settings, typed. Build it with values of the right type (or
    text that parses: see each field's type); :meth:`load` reads a company profile's.

    Raises (constructor):
        InvalidPreferenceError: a value that means nothing for its field.
    """

    company_id: int | None = None
    paper: Paper = Paper.A4
    copies: int = 1
    online_checks: bool = False
    network: str = LOCAL_NETWORK
    timestamp_url: str = ""
    setup_dismissed: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper", Paper.parse(self.paper))
        object.__setattr__(self, "copies", parse_copies(self.copies))
        if self.company_id is not None and (
            not isinstance(self.company_id, int) or self.company_id < 1
        ):
            raise InvalidPreferenceError("company record", self.company_id, ["a record id"])
        if not isinstance(self.network, str) or not self.network.strip():
            raise InvalidPreferenceError("network", self.network, [LOCAL_NETWORK, "an origin"])

    @classmethod
    def load(cls, store: Store) -> Preferences:
        """The profile's preferences. A stored value that does not parse (an old version's, a
        hand-edited file's) reads as its default, with a warning in the log: a broken setting
        must not stop a person printing."""
        values = store.settings.all()
        company = values.get(COMPANY_PARTY, "")
        return cls(
            company_id=int(company) if company.isdigit() and int(company) > 0 else None,
            paper=_or_default(Paper.parse, values.get(PAPER_SIZE), Paper.A4, PAPER_SIZE),
            copies=_or_default(parse_copies, values.get(PRINT_COPIES), 1, PRINT_COPIES),
            online_checks=values.get(ONLINE_CHECKS) == "1",
            network=values.get(NETWORK_ORIGIN) or LOCAL_NETWORK,
            timestamp_url=values.get(TIMESTAMP_URL, ""),
            setup_dismissed=values.get(SETUP_DISMISSED) == "1",
        )

    def save(self, store: Store) -> None:
        """Write every preference, in one transaction."""
        with store.transaction():
            if self.company_id is not None:
                store.settings.set(COMPANY_PARTY, str(self.company_id))
            store.settings.set(PAPER_SIZE, self.paper.value)
            store.settings.set(PRINT_COPIES, str(self.copies))
            store.settings.set(ONLINE_CHECKS, "1" if self.online_checks else "0")
            store.settings.set(NETWORK_ORIGIN, self.network)
            store.settings.set(TIMESTAMP_URL, self.timestamp_url)
            store.settings.set(SETUP_DISMISSED, "1" if self.setup_dismissed else "0")


T = TypeVar("T")


def _or_default(parse: Callable[[str], T], text: str | None, default: T, key: str) -> T:
    if text is None:
        return default
    try:
        return parse(text)
    except InvalidPreferenceError:
        log.warning("setting %s holds %r, which means nothing: using %r", key, text, default)
        return default
