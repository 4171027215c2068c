"""The catalogue of the examiner's explanations: every rule explains why and what to do with a
code of the catalogue (never bare English), and every code of the catalogue is given by a rule."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from exporter_desk.examine.discrepancy import Discrepancy, Severity
from exporter_desk.examine.reasons import CATALOGUE, reason

EXAMINE = Path(__file__).parents[2] / "exporter_desk" / "examine"


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_templates_with_the_same_parameters(code: str) -> None:
    english, chinese = CATALOGUE[code]
    assert english.strip() and chinese.strip()
    assert _fields(english) == _fields(chinese), code


def test_every_finding_explains_with_codes_of_the_catalogue_and_every_code_is_used() -> None:
    used: set[str] = set()
    families: set[str] = set()
    findings = 0
    for path in sorted(EXAMINE.glob("*_rules.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None)
            if name == "finding":
                findings += 1
                for arg in node.args[2:4]:  # why, fix
                    assert (
                        isinstance(arg, ast.Call) and getattr(arg.func, "id", None) == "reason"
                    ), (
                        f"{path.name}:{node.lineno}: why and fix must be reason(...) of the catalogue"
                    )
            if name == "reason":
                code = node.args[0]
                if isinstance(code, ast.Constant):
                    assert code.value in CATALOGUE, f"{path.name}:{node.lineno}: {code.value}"
                    used.add(str(code.value))
                else:  # f"weight.{label}": a family of codes
                    assert isinstance(code, ast.JoinedStr)
                    head = code.values[0]
                    assert isinstance(head, ast.Constant)
                    families.add(str(head.value))
    assert findings >= 30  # the guard saw the rules
    unused = {c for c in CATALOGUE if c not in used and not c.startswith(tuple(families))}
    assert not unused, sorted(unused)


def test_a_discrepancy_explained_in_bare_text_is_refused() -> None:
    with pytest.raises(TypeError, match="reasons of the catalogue"):
        Discrepancy("r", Severity.ERROR, "m", "why", "fix", ())  # type: ignore[arg-type]


def test_an_explanation_reads_in_chinese_with_its_values() -> None:
    fix = reason("fix.reissue_in_currency", currency="USD")
    assert (fix.en, fix.zh) == ("Re-issue the invoice in USD.", "以 USD 重新开具发票。")
    assert str(fix) == fix.en
