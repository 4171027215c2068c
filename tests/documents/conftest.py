"""Fixtures of the document tests: the sample deal and its contexts."""

from __future__ import annotations

import pytest

from exporter_desk.documents import DocumentContext, InvoiceContext
from exporter_desk.documents.samples import sample_contexts
from exporter_desk.domain import DocumentKind
from exporter_desk.domain.samples import SampleBook, sample_book


@pytest.fixture(scope="session")
def book() -> SampleBook:
    return sample_book()


@pytest.fixture(scope="session")
def contexts(book: SampleBook) -> dict[DocumentKind, DocumentContext]:
    return sample_contexts(book)


@pytest.fixture(scope="session")
def invoice_ctx(contexts: dict[DocumentKind, DocumentContext]) -> InvoiceContext:
    ctx = contexts[DocumentKind.COMMERCIAL_INVOICE]
    assert isinstance(ctx, InvoiceContext)
    return ctx
