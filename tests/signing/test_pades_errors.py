"""A PDF the signer cannot update in place gets a plain message and no output."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from exporter_desk.signing import PdfUpdateError
from exporter_desk.signing.pades import embed_associated_file


def _pdf_with_a_nested_attachment_tree() -> bytes:
    """A valid PDF whose /EmbeddedFiles name tree is split into /Kids (as large ones are)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    leaf = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject([TextStringObject("a.txt"), DictionaryObject()]),
            NameObject("/Limits"): ArrayObject([TextStringObject("a.txt")] * 2),
        }
    )
    tree = DictionaryObject({NameObject("/Kids"): ArrayObject([writer._add_object(leaf)])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/EmbeddedFiles"): tree}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_nested_attachment_tree_is_refused_with_a_message_to_report_it() -> None:
    with pytest.raises(PdfUpdateError) as caught:
        embed_associated_file(
            _pdf_with_a_nested_attachment_tree(),
            "receipt.tlog-proof",
            b"proof",
            "text/plain",
            "registration receipt",
        )
    assert "nested /EmbeddedFiles" in str(caught.value)
    assert caught.value.user_message == (
        "The document could not be signed or changed. The details have been logged; "
        "please report them if this happens again."
    )
