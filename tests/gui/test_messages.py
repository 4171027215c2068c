"""The core's English messages reach a Chinese user in Chinese: field errors, error boxes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.domain import Dimensions, PaymentMethod, Problem
from exporter_desk.gui import i18n
from exporter_desk.gui.editors import PartyEditor
from exporter_desk.gui.messages import is_known, translate_message
from exporter_desk.store import Store
from exporter_desk.store.errors import DuplicateError
from tests.domain import _factories as make
from tests.gui.conftest import Desk

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(app: QApplication) -> Iterator[None]:
    i18n.set_language(i18n.Language.CHINESE)
    yield
    i18n.set_language(i18n.Language.ENGLISH)


def _bad_objects() -> list[list[Problem]]:
    """A spread of invalid domain objects, covering each kind of check."""
    long = "x" * 3000
    return [
        make.party(name_en="", name_zh="公司\u202e", country="XX", address_en=long).problems(),
        make.party(email="not-mail", bank=make.bank(swift="NOPE", account_number="")).problems(),
        make.product(hs_code="99ab", sku="", gross_weight_kg=Decimal("0.1")).problems(),
        Dimensions(Decimal("-1.25"), Decimal("10"), Decimal("10")).problems(),
        make.line(quantity=Decimal("0"), unit_price=Decimal("1.1234567")).problems(),
        make.contract(
            number="",
            lines=(),
            delivery_earliest=dt.date(2026, 6, 1),
            delivery_latest=dt.date(2026, 5, 1),
            payment=make.payment(method=PaymentMethod.TT, lc_number="LC-1", days=400),
            terms=make.terms(currency="ZZZ", port_of_loading="nowhere"),
        ).problems(),
        make.invoice(number="", valid_until=dt.date(2026, 1, 1)).problems(),
    ]


def test_every_domain_problem_of_the_sample_is_known_and_in_chinese(chinese: None) -> None:
    problems = [p for found in _bad_objects() for p in found]
    assert len(problems) > 15  # the sample proves something
    unknown = sorted({p.message for p in problems if not is_known(p.message)})
    untranslated = sorted(
        {p.message for p in problems if not CJK.search(translate_message(p.message))}
    )
    for message in unknown + untranslated:
        print("untranslated:", message)
    assert unknown == [] and untranslated == []


def test_a_required_field_message_is_translated_with_its_label(chinese: None) -> None:
    assert translate_message("The English name is required.") == "英文名称为必填项。"
    assert translate_message("'XX' is not an ISO 3166 country code; use two letters such as "
                             "CN, DE or VN, or the English name such as China."
                             ).startswith("“XX”不是 ISO 3166")  # fmt: skip


def test_english_stays_english_and_unknown_text_passes_through(app: QApplication) -> None:
    i18n.set_language(i18n.Language.ENGLISH)
    assert translate_message("The English name is required.") == "The English name is required."
    assert translate_message("Something new.") == "Something new."


def test_field_errors_of_an_editor_show_in_chinese(desk: Desk, qtbot: QtBot, chinese: None) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    editor.name_en.setText("x")
    editor.name_en.clear()
    box = editor._forms[0].box("name_en")
    assert box is not None and box.error.isVisible()
    assert box.error.text() == "英文名称为必填项。"
    editor._clean = editor.snapshot()


def test_a_store_error_box_is_in_chinese(desk: Desk, chinese: None) -> None:
    error = DuplicateError("invoice", "number", "INV-1")
    desk.presenter.show(error)
    assert CJK.search(desk.presenter.last_message), desk.presenter.last_message
    assert "INV-1" in desk.presenter.last_message


def test_sample_factories_still_build(chinese: None) -> None:
    assert replace(make.party(), name_en="A").name_en == "A"


def test_a_pack_error_box_is_in_chinese(desk: Desk, chinese: None) -> None:
    from exporter_desk.domain import Deal
    from exporter_desk.errors import ExporterError
    from exporter_desk.services.packs import pack_deal

    def attempt(store: Store) -> ExporterError:
        deal = store.deals.save(Deal(reference="D-EMPTY-1"))
        try:
            pack_deal(store, int(deal.id))  # type: ignore[arg-type]
        except ExporterError as error:
            return error
        raise AssertionError("a deal without contracts made a pack")

    error = desk.db(attempt)
    assert isinstance(error, BaseException)
    desk.presenter.show(error)
    assert desk.presenter.last_message == "交易 D-EMPTY-1 还没有合同，因此没有可打印的内容。"


def test_what_a_document_needs_is_said_in_chinese(chinese: None) -> None:
    from exporter_desk.documents import MissingDocumentDataError
    from exporter_desk.domain import DocumentKind

    error = MissingDocumentDataError(
        DocumentKind.COMMERCIAL_INVOICE,
        "HY-CI-2026-0112",
        ["the buyer", "the seller's bank account, for the payment instructions"],
    )
    assert translate_message(error.user_message) == (
        "商业发票 HY-CI-2026-0112 无法打印：缺少买方；卖方银行账户（用于付款指示）。"
        "请补充缺少的数据后重新打印。"
    )


def test_a_wrong_passphrase_is_said_in_chinese(chinese: None, tmp_path: Path) -> None:
    from exporter_desk.errors import ExporterError
    from exporter_desk.signing import EncryptedFileKeystore

    EncryptedFileKeystore(tmp_path / "keys.enc", "right passphrase").store_token(
        "company", "log.example", "token"
    )
    with pytest.raises(ExporterError) as caught:
        EncryptedFileKeystore(tmp_path / "keys.enc", "wrong passphrase")
    assert translate_message(caught.value.user_message) == (
        "此加密密钥文件的口令不正确。请检查键盘布局和大写锁定键后重试。"
    )


def test_a_setting_that_means_nothing_and_a_pack_not_saved_are_catalogued(
    app: QApplication, tmp_path: Path
) -> None:
    from exporter_desk.services.packs import PackNotSavedError
    from exporter_desk.services.preferences import InvalidPreferenceError, Paper

    with pytest.raises(InvalidPreferenceError) as bad_paper:
        Paper.parse("B5")
    refused = PackNotSavedError(tmp_path / "pack.pdf", OSError(36, "File name too long"))
    for error in (bad_paper.value, refused):
        assert is_known(error.user_message), error.user_message
    i18n.set_language(i18n.Language.CHINESE)
    try:
        assert translate_message(bad_paper.value.user_message) == (
            "“B5”不是 Exporter Desk 认识的纸张尺寸；请使用以下之一：A4, LETTER。"
        )
        assert translate_message(refused.user_message).startswith("无法将单据包保存到")
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


def test_a_finding_that_ends_in_is_required_takes_its_own_template(chinese: None) -> None:
    # "{label} is required." matches this sentence too; the finding's own template is the
    # more specific one and must win, or half the sentence stays in English.
    message = (
        "The insurance covers 74621.14 USD; at least 149242.28 (110% of USD 135,674.80) "
        "is required."
    )
    assert translate_message(message) == (
        "保险金额为 74621.14 USD；至少应为 149242.28（USD 135,674.80 的 110%）。"
    )
    assert translate_message("The English name is required.") == "英文名称为必填项。"
