from __future__ import annotations

from dataclasses import replace

from exporter_desk.domain.received import ReceivedKind
from exporter_desk.examine import RULES, Presentation, Severity, examine
from exporter_desk.examine.reasons import reason
from tests.examine.conftest import received


def test_the_sample_deal_with_its_credit_examines_clean(clean: Presentation) -> None:
    assert examine(clean) == []


def test_every_rule_is_a_named_function_and_names_are_unique() -> None:
    names = [rule.__name__ for rule in RULES]
    assert len(names) == len(set(names)) >= 20


def test_findings_name_their_rule_and_carry_field_paths_the_gui_can_follow(
    clean: Presentation,
) -> None:
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    broken = replace(
        clean,
        received=tuple(
            replace(d, gross_kg=d.gross_kg + 100) if d.id == bl.id and d.gross_kg else d
            for d in clean.received
        ),
    )
    found = examine(broken)
    assert [d.rule for d in found] == ["weights_agree"]
    assert ("received", bl.id, "gross_kg") in found[0].fields
    assert found[0].severity is Severity.ERROR
    assert found[0].why.code == "why.conflict"  # UCP 600 art. 14(d)
    assert found[0].fix == reason(
        "fix.confirm_weight",
        weight=reason("weight.gross"),
        document=reason(f"received.{bl.kind.value}"),
    )
    assert "毛重" in found[0].fix.zh  # the weight is named in Chinese, not "gross"
    as_dict = found[0].to_dict()
    assert as_dict["fields"][0] == ["received", bl.id, "gross_kg"]
    assert (as_dict["why_code"], as_dict["why"]) == ("why.conflict", found[0].why_en)


def test_errors_come_before_warnings(clean: Presentation) -> None:
    from exporter_desk.examine.discrepancy import Discrepancy

    why, fix = reason("why.conflict"), reason("fix.quantities")

    def warn(_: Presentation) -> list[Discrepancy]:
        return [Discrepancy("w", Severity.WARNING, "m", why, fix, ())]

    def err(_: Presentation) -> list[Discrepancy]:
        return [Discrepancy("e", Severity.ERROR, "m", why, fix, ())]

    assert [d.rule for d in examine(clean, (warn, err))] == ["e", "w"]
