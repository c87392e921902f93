"""The use cases both front ends call, as files on disk: saving and opening a quote."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest

from cpiquote import services
from cpiquote.pricing import PriceBook, Quotation
from cpiquote.pricing.renewal import RenewalAnalysis
from cpiquote.quote.document import QuoteDocument, QuoteFileError


def quote(pricebook: PriceBook) -> QuoteDocument:
    document = QuoteDocument()
    document.use_pricebook(pricebook, "/books/sample.toml")
    document.set_value(0, "customer", "Contoso")
    document.set_value(0, "interactions", "95,000")
    document.set_value(document.add_scenario(), "credits", "100,000")
    return document


def test_a_saved_quote_opens_as_it_was_saved(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    document = quote(sample_pricebook)
    assert document.is_modified()
    written = services.save_quote(document, tmp_path / "contoso.cpiquote")
    assert written == tmp_path / "contoso.cpiquote" and document.path == written and not document.is_modified()
    assert [p.name for p in tmp_path.iterdir()] == ["contoso.cpiquote"]  # no temporary file left beside it
    opened = services.open_quote(written)
    assert opened.path == written and not opened.is_modified()
    assert [opened.values(i) for i in range(2)] == [document.values(i) for i in range(2)]
    assert written.read_bytes() == document.to_bytes()


def test_saving_over_a_quote_replaces_it_whole(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    target = tmp_path / "contoso.cpiquote"
    document = quote(sample_pricebook)
    services.save_quote(document, target)
    document.set_value(0, "customer", "Fabrikam")
    services.save_quote(document, target)
    assert services.open_quote(target).customer == "Fabrikam"


def test_a_quote_is_not_saved_into_a_folder_that_does_not_exist(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    document = quote(sample_pricebook)
    with pytest.raises(services.ExportError, match="does not exist; choose an existing folder"):
        services.save_quote(document, tmp_path / "missing" / "q.cpiquote")
    assert document.is_modified() and document.path is None


def test_a_file_that_cannot_be_opened_as_a_quote_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(QuoteFileError, match=r"^gone.cpiquote: quote file not found; check the path$"):
        services.open_quote(tmp_path / "gone.cpiquote")
    with pytest.raises(QuoteFileError, match=r"is a folder; choose a \.cpiquote file"):
        services.open_quote(tmp_path)
    pdf = tmp_path / "quote.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(QuoteFileError, match=r"^quote.pdf: is not a CPI Quote file; open a .cpiquote file saved by CPI Quote$"):
        services.open_quote(pdf)
    monkeypatch.setattr(services, "MAX_QUOTE_FILE_BYTES", 4)
    with pytest.raises(QuoteFileError, match="is larger than a quote can be"):
        services.open_quote(pdf)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are a POSIX file type")
def test_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "quote.cpiquote"
    os.mkfifo(pipe)
    with pytest.raises(QuoteFileError, match="is not a regular file"):
        services.open_quote(pipe)


# --- export_renewal ----------------------------------------------------------------------------------------------------


def _renewal(pricebook: PriceBook) -> tuple[RenewalAnalysis, Quotation]:
    import datetime as dt
    from decimal import Decimal

    from cpiquote.pricing.renewal import analyse, renewal_request, subscription_from_pricebook  # the engine, only when these run

    subscription = subscription_from_pricebook(pricebook, dt.date(2026, 1, 1), 1, 200_000)
    analysis = analyse(pricebook, subscription, 41_539, dt.date(2026, 3, 14))
    return analysis, services.price(pricebook, renewal_request(pricebook, subscription, analysis.forecast.credits, Decimal(0)))


@pytest.mark.parametrize(("name", "start"), [("renewal.pdf", b"%PDF-"), ("renewal.xlsx", b"PK")])
def test_a_renewal_is_written_whole_as_pdf_or_workbook_by_its_extension(
    tmp_path: Path, sample_pricebook: PriceBook, name: str, start: bytes
) -> None:
    analysis, quotation = _renewal(sample_pricebook)
    (tmp_path / name).write_bytes(b"old")
    written = services.export_renewal(analysis, quotation, tmp_path / name)
    assert written == tmp_path / name and written.read_bytes().startswith(start)
    assert [path.name for path in tmp_path.iterdir()] == [name]  # no temporary file left beside it


def test_a_renewal_is_not_written_to_another_format_or_a_missing_folder(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    from cpiquote.pricing import InputError

    analysis, quotation = _renewal(sample_pricebook)
    with pytest.raises(InputError, match=r"\.docx; name the file \.pdf or \.xlsx"):
        services.export_renewal(analysis, quotation, tmp_path / "renewal.docx")
    with pytest.raises(services.ExportError, match="does not exist"):
        services.export_renewal(analysis, quotation, tmp_path / "missing" / "renewal.pdf")
    assert list(tmp_path.iterdir()) == []


def _priced(pricebook: PriceBook) -> Quotation:
    from cpiquote.pricing import QuoteRequest, price_quote

    return price_quote(pricebook, QuoteRequest((1000,), customer="Contoso"))


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "x" * 300 + ".pdf",
            "the file name is too long; choose a shorter name (a file or folder name may be at most 255 bytes, this one is 304)",
        ),
        (
            "/".join(["d" * 200] * 25) + "/q.pdf",
            "the path is too long; choose a shorter one (a path may be at most 4,096 bytes, this one is 5,",
        ),
        ("ü" * 130 + ".xlsx", "at most 255 bytes, this one is 265)"),  # bytes, not characters: ü is two
    ],
)
def test_a_path_the_system_cannot_take_is_refused_before_any_work(
    tmp_path: Path, sample_pricebook: PriceBook, name: str, said: str
) -> None:
    with pytest.raises(services.ExportError) as caught:
        services.export(_priced(sample_pricebook), tmp_path / name)
    assert said in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_loop_is_named_as_one(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    loop = r"leads back to itself \(a symlink loop\); fix the link or choose another folder"
    with pytest.raises(services.ExportError, match=loop):
        services.export(_priced(sample_pricebook), tmp_path / "a" / "q.pdf")
    with pytest.raises(services.ExportError, match=loop):
        services.save_quote(quote(sample_pricebook), tmp_path / "a" / "q.cpiquote")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b"]


def test_a_folder_given_as_the_file_is_named(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    (tmp_path / "quote.pdf").mkdir()
    with pytest.raises(services.ExportError, match=r"quote\.pdf: cannot be written: it is a folder; give a file name inside it"):
        services.export(_priced(sample_pricebook), tmp_path / "quote.pdf")
    assert [path.name for path in tmp_path.iterdir()] == ["quote.pdf"]
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(services.ExportError, match="is not a folder"):
        services.export(_priced(sample_pricebook), tmp_path / "file" / "quote.pdf")


def test_ctrl_c_while_writing_leaves_the_folder_as_it_was(
    tmp_path: Path, sample_pricebook: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted after the temporary file is whole but before the rename: the old file stays, the .part goes."""
    target = tmp_path / "q.pdf"
    target.write_bytes(b"the good old quote")

    def interrupted(source: object, destination: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        services.export(_priced(sample_pricebook), target)
    assert [path.name for path in tmp_path.iterdir()] == ["q.pdf"] and target.read_bytes() == b"the good old quote"


@pytest.mark.parametrize(("suffix", "broken"), [(".pdf", b"%PDF-1.7 cut short"), (".xlsx", b"PK\x03\x04 cut short")])
def test_a_broken_document_never_replaces_a_good_file(
    tmp_path: Path, sample_pricebook: PriceBook, monkeypatch: pytest.MonkeyPatch, suffix: str, broken: bytes
) -> None:
    target = tmp_path / f"q{suffix}"
    target.write_bytes(b"the good old quote")
    monkeypatch.setattr(services, "render_document", lambda *_: broken)
    with pytest.raises(services.ExportError, match="not written: the document came out incomplete, so the file there is kept"):
        services.export(_priced(sample_pricebook), target)
    assert [path.name for path in tmp_path.iterdir()] == [target.name] and target.read_bytes() == b"the good old quote"


def test_text_no_document_can_hold_never_reaches_a_writer(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    from cpiquote.pricing import InputError, QuoteRequest, price_quote

    target = tmp_path / "q.xlsx"
    target.write_bytes(b"the good old quote")
    quotation = price_quote(sample_pricebook, QuoteRequest((1000,), customer="Con\uffff"))
    with pytest.raises(InputError, match="U\\+FFFF"):
        services.export(quotation, target)
    analysis, renewal = _renewal(sample_pricebook)
    with pytest.raises(InputError, match="U\\+0001"):
        services.export_renewal(
            analysis, dataclasses.replace(renewal, request=dataclasses.replace(renewal.request, contact="\x01")), target
        )
    assert target.read_bytes() == b"the good old quote"
