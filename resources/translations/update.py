"""Rebuild the Simplified Chinese catalogue: extract, translate, compile.

Run from the checkout: ``uv run python resources/translations/update.py``.

1. ``pyside6-lupdate`` extracts every ``translate("Context", "text")`` / ``self.tr("text")`` of
   ``exporter_desk/gui`` into ``exporter_desk_zh_CN.ts`` (Qt's XML catalogue; Qt Linguist opens it).
2. Messages still unfinished are filled from ``exporter_desk_zh_CN.glossary.json`` (English source
   text -> Chinese), which is where translators work without Qt Linguist.
3. ``pyside6-lrelease`` compiles the ``.qm`` the app loads (``gui/i18n.py``).

Exits 1 and lists them when a source text has no translation, so nothing ships half-done.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "exporter_desk_zh_CN.ts"
QM = HERE / "exporter_desk_zh_CN.qm"
GLOSSARY = HERE / "exporter_desk_zh_CN.glossary.json"


def main() -> int:
    subprocess.run(
        [
            "pyside6-lupdate",
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            str(ROOT / "exporter_desk" / "gui"),
            "-ts",
            str(TS),
        ],
        check=True,
    )
    glossary: dict[str, str] = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in glossary:
            translation.text = glossary[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.getroot().set("language", "zh_CN")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
