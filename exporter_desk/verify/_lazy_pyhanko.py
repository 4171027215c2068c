"""pyHanko's signature validation, loaded without its signing half: the verifier imports
what it needs of ``pyhanko.sign`` from here.

``pyhanko/sign/__init__.py`` imports the signers (and through them aiohttp, the time-stamp
clients, the stamp renderer): half a second that a verdict never uses, paid by every
``import pyhanko.sign.validation...`` because Python runs a package's ``__init__`` before any
of its submodules.

:func:`defer_signing_half` registers ``pyhanko.sign`` as a package whose ``__init__`` has not
run yet: its submodules (``validation``, ``fields``, ``signers`` ...) import as usual, and the
first read of a name that only the ``__init__`` defines (``pyhanko.sign.PdfSigner``) runs the
real ``__init__`` then, in place. Code that signs in the same process therefore works unchanged.
A read of a submodule's name (``from pyhanko.sign import attributes``, as pyHanko's own signers
do) never runs it, so no circular import can start here. When ``pyhanko.sign`` is already
imported, nothing changes. Nothing happens before the verifier itself loads: importing the
``verify`` package for the verdict types loads no pyHanko at all.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = [
    "EmbeddedPdfSignature",
    "async_validate_pdf_signature",
    "async_validate_pdf_timestamp",
    "defer_signing_half",
]

_PACKAGE = "pyhanko.sign"
_lock = threading.RLock()


class _DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` runs on the first read of a name it defines."""

    def __getattr__(self, name: str) -> Any:
        # Only called for names not (yet) in the module: run the real __init__ once.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        with _lock:
            state = self.__dict__
            if not state.get("_exporter_desk_initialised"):
                if importlib.util.find_spec(f"{self.__name__}.{name}") is not None:
                    # A submodule: the import system loads it when asked (the ``from``-import
                    # machinery asks hasattr first); the package's __init__ is not needed.
                    raise AttributeError(name)
                state["_exporter_desk_initialised"] = True
                spec = self.__spec__
                assert spec is not None and spec.loader is not None
                spec.loader.exec_module(self)
        try:
            return state[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None


def defer_signing_half() -> None:
    """Register ``pyhanko.sign`` without running its ``__init__`` (see the module doc);
    does nothing if it is imported already or cannot be found."""
    with _lock:
        if _PACKAGE in sys.modules:
            return
        spec = importlib.util.find_spec(_PACKAGE)
        if spec is None or spec.loader is None or spec.submodule_search_locations is None:
            return
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _DeferredPackage
        sys.modules[_PACKAGE] = module
        parent = sys.modules.get("pyhanko")
        if parent is not None:
            parent.sign = module  # type: ignore[attr-defined]  # what a normal import sets


defer_signing_half()

from pyhanko.sign.validation.pdf_embedded import (  # noqa: E402  (after the deferral)
    EmbeddedPdfSignature,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
