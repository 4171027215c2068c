"""The catalogue of verdict reasons: every reason a verdict can give has a stable code with an
English and a Chinese template, the verifier never builds a check from bare text, and every code
the verifier uses is in the catalogue (and every code of the catalogue is used)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from exporter_desk.verify import Check, CheckStatus, Step
from exporter_desk.verify.reasons import CATALOGUE, Reason, document_kind, placeholders, reason

VERIFY = Path(__file__).parents[2] / "exporter_desk" / "verify"
# Codes built from data rather than written out: a document kind, a printed title, a result.
FAMILIES = ("kind.", "title.", "result.")


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(VERIFY.glob("*.py"))]


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called == name:
                    found.append((path, node))
    return found


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_templates_with_the_same_parameters(code: str) -> None:
    english, chinese = CATALOGUE[code]
    assert english.strip() and chinese.strip()
    assert code == code.lower() and "." in code and " " not in code
    # Chinese may leave out a technical value English gives (an OS error), never add one.
    assert _fields(chinese) <= _fields(english), code
    if code != "parse.cannot_open":
        assert _fields(chinese) == _fields(english), code


def test_a_reason_with_an_unknown_code_or_wrong_parameters_is_refused() -> None:
    with pytest.raises(ValueError, match="not in a catalogue"):
        reason("signature.made_up")
    with pytest.raises(ValueError, match="parameters"):
        reason("receipt.several")
    with pytest.raises(ValueError, match="parameters"):
        reason("receipt.several", count=2, extra="x")


def test_a_check_without_a_reason_of_the_catalogue_is_refused() -> None:
    with pytest.raises(TypeError, match="Reason"):
        Check(Step.PARSE, CheckStatus.PASSED, "A readable PDF.")  # type: ignore[arg-type]


def test_every_code_the_verifier_uses_is_in_the_catalogue_and_every_code_is_used() -> None:
    used: set[str] = set()
    prefixes: set[str] = set()
    for path, call in _calls("reason"):
        assert call.args, f"{path.name}:{call.lineno}: reason() without a code"
        code = call.args[0]
        if isinstance(code, ast.Constant) and isinstance(code.value, str):
            assert code.value in CATALOGUE, f"{path.name}:{call.lineno}: {code.value}"
            used.add(code.value)
        elif isinstance(code, ast.JoinedStr):  # f"result.{...}": a family of codes
            head = code.values[0]
            assert isinstance(head, ast.Constant) and str(head.value) in FAMILIES
            prefixes.add(str(head.value))
        elif isinstance(code, ast.IfExp):  # reason("a" if ... else "b")
            for branch in (code.body, code.orelse):
                assert isinstance(branch, ast.Constant), f"{path.name}:{call.lineno}"
                assert branch.value in CATALOGUE, f"{path.name}:{call.lineno}: {branch.value}"
                used.add(str(branch.value))
        else:
            raise AssertionError(f"{path.name}:{call.lineno}: the code is not written out")
    assert len(used) > 100  # the guard saw the verifier's reasons
    unused = {
        code for code in CATALOGUE if code not in used and not code.startswith(tuple(prefixes))
    }
    # kind.* and title.* are reached through document_kind() / document_title().
    unused = {code for code in unused if not code.startswith(("kind.", "title."))}
    assert not unused, f"codes no verifier code gives: {sorted(unused)}"


@pytest.mark.parametrize("name", ["Check", "Fail", "Skip", "reject", "Finding", "LintFinding"])
def test_the_verifier_never_builds_a_check_or_finding_from_bare_text(name: str) -> None:
    calls = _calls(name)
    assert calls or name in {"reject", "Finding", "LintFinding"}
    for path, call in calls:
        for arg in call.args:
            text = isinstance(arg, ast.JoinedStr) or (
                isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
            # Only the technical detail may be text: it comes after the reason.
            if text:
                assert call.args.index(arg) > _reason_position(name), (
                    f"{path.name}:{call.lineno}: {name}() given text where a Reason belongs"
                )


def _reason_position(name: str) -> int:
    return {"Check": 2, "Fail": 1, "Skip": 0, "reject": 0, "Finding": 0, "LintFinding": 0}[name]


def test_nested_reasons_render_in_the_language_of_the_sentence() -> None:
    what = reason("object.typed_stream", kind="XObject", size=9721)
    why = reason(
        "coverage.update_not_permitted",
        revision=4,
        rejection=reason("update.unexplained_object", number="12", what=what, more=""),
    )
    assert "a XObject stream of 9,721 bytes" in why.en
    assert "9,721 字节的 /XObject 流" in why.zh
    assert "stream" not in why.zh and "bytes" not in why.zh
    assert set(why.codes()) == {
        "coverage.update_not_permitted",
        "update.unexplained_object",
        "object.typed_stream",
    }


def test_quantities_use_the_formatter_given_and_identifiers_stay_as_they_are() -> None:
    why = reason(
        "registration.passed",
        index="12345",
        origin="log.example/x",
        count=2,
        witnesses="w1, w2",
        time=reason("time.unwitnessed"),
    )
    assert "entry 12345 of the log" in why.en
    assert "未经见证的时间" in why.zh
    assert reason("coverage.trailing_bytes", count=12345).render("en", number=str) == (
        "12345 bytes were appended after the end of the signed file."
    )


def test_a_known_document_kind_is_translated_and_an_unknown_one_kept() -> None:
    known = document_kind("commercial-invoice")
    assert isinstance(known, Reason) and (known.en, known.zh) == ("commercial-invoice", "商业发票")
    assert document_kind("made-up-kind") == "made-up-kind"


def test_json_carries_the_code_and_its_parameters() -> None:
    why = reason("revisions.more", finding=reason("revision.encrypts", revision=2), count=1)
    assert why.to_json() == {
        "code": "revisions.more",
        "params": {"count": 1, "finding": {"code": "revision.encrypts", "params": {"revision": 2}}},
    }
    assert placeholders("revisions.more") == {"finding", "count"}
