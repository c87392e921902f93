"""The quote library as sales staff use it, on SQLite and PostgreSQL alike: numbers, revisions, statuses,
approvals, frozen figures and the comparison of revisions."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from store_helpers import create_test_roles, priced, save, save_many, with_schema

from cpiquote import services
from cpiquote.pricing import Quotation
from cpiquote.resources import sample_pricebook_path
from cpiquote.store import Customer, Status, Store, StoreError, open_store, schema, upgrade_database

YEAR = dt.date.today().year


def test_numbers_run_on_per_year_and_each_saved_quote_is_revision_1(store: Store) -> None:
    refs = [save(store, priced()) for _ in range(3)]
    assert [(ref.number, ref.revision) for ref in refs] == [(f"Q-{YEAR}-{n:05d}", 1) for n in (1, 2, 3)]
    assert save(store, priced(), today=dt.date(2031, 1, 2)).number == "Q-2031-00001"


def test_processes_saving_at_once_get_distinct_numbers(database_url: str) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        numbers = [number for batch in pool.starmap(save_many, [(database_url, 6)] * 4) for number in batch]
    assert sorted(numbers) == [f"Q-{YEAR}-{n:05d}" for n in range(1, 25)]


def test_a_sent_revision_keeps_its_figures_after_the_price_book_changes(store: Store, tmp_path: Path) -> None:
    ref = save(store, priced())
    store.set_status(ref.number, Status.SENT)
    sent = store.get(ref.number)
    dearer = tmp_path / "dearer.toml"
    dearer.write_text(sample_pricebook_path().read_text().replace("price = 0.55 }", "price = 0.60 }"), encoding="utf-8")
    repriced = priced(pricebook=dearer)
    assert repriced.total_contract_value != Decimal(sent.figures["total_contract_value"])
    new = store.revise(ref.number, sent.document(), repriced, "tester", dearer.read_bytes())
    again = store.get(ref.number, 1)
    assert again.figures == sent.figures
    assert again.figures["total_contract_value"] == "2732400.00"  # 3 x 1,800,000 credits x 0.5060, as sent
    assert services.stored_quotation(again).total_contract_value == Decimal("2732400.00")
    assert repriced.total_contract_value == Decimal("2980800.00")  # 0.60 less the 8% three-year discount: 0.5520
    assert store.get(ref.number, new.revision).figures["total_contract_value"] == str(repriced.total_contract_value)
    assert store.get(ref.number, new.revision).status is Status.DRAFT


def test_the_database_itself_refuses_to_change_a_sent_revision(store: Store) -> None:
    ref = save(store, priced())
    store.set_status(ref.number, Status.SENT)
    revisions = schema.revisions
    with pytest.raises(Exception, match="frozen"), store.engine.begin() as connection:
        connection.execute(update(revisions).values(quotation='{"total_contract_value": "1.00"}'))
    assert store.get(ref.number).figures["total_contract_value"] == "2732400.00"


def test_statuses_follow_a_quote_from_draft_to_accepted(store: Store) -> None:
    ref = save(store, priced())
    assert store.get(ref.number).status is Status.DRAFT
    with pytest.raises(StoreError, match="only a sent quote can be accepted"):
        store.set_status(ref.number, Status.ACCEPTED)
    store.set_status(ref.number, Status.SENT)
    with pytest.raises(StoreError, match="already sent; revise the quote"):
        store.set_status(ref.number, Status.SENT)
    store.set_status(ref.number, Status.ACCEPTED)
    assert store.get(ref.number).status is Status.ACCEPTED
    assert [row.status for row in store.list_quotes()] == [Status.ACCEPTED]
    with pytest.raises(StoreError, match="cannot be marked approved by hand"):
        store.set_status(ref.number, Status.APPROVED)


def test_a_sent_quote_past_its_valid_until_date_reads_as_expired(store: Store) -> None:
    ref = save(store, priced())
    store.set_status(ref.number, Status.SENT)
    valid_until = store.get(ref.number).valid_until
    later = valid_until + dt.timedelta(days=1)
    assert store.get(ref.number, today=valid_until).status is Status.SENT
    assert store.get(ref.number, today=later).status is Status.EXPIRED
    assert [row.number for row in store.list_quotes(status=Status.EXPIRED, today=later)] == [ref.number]
    assert store.list_quotes(status=Status.SENT, today=later) == []
    with pytest.raises(StoreError, match=f"expired on {valid_until.isoformat()}"):
        store.set_status(ref.number, Status.ACCEPTED, today=later)


def test_revising_keeps_every_earlier_revision(store: Store) -> None:
    ref = save(store, priced())
    second = store.revise(ref.number, store.get(ref.number).document(), priced(interactions=800_000), "tester", _sample())
    assert second.revision == 2
    assert store.get(ref.number).revision == 2
    assert store.get(ref.number, 1).figures["years"][0]["annual_credits"] == 1_800_000
    assert store.get(ref.number, 2).figures["years"][0]["annual_credits"] == 1_200_000
    assert [row.revision for row in store.list_quotes()] == [2]
    with pytest.raises(StoreError, match=f"{ref.number} has no revision 3; it has revisions 1 to 2"):
        store.get(ref.number, 3)


def test_a_discount_above_the_threshold_cannot_be_sent_before_it_is_approved(store: Store) -> None:
    ref = save(store, priced(discount="15"))
    assert store.get(ref.number).status is Status.APPROVAL_REQUIRED
    with pytest.raises(StoreError, match="needs approval before it is sent"):
        store.set_status(ref.number, Status.SENT)
    if store.backend == "postgresql":
        pytest.skip("on PostgreSQL only a member of cpiquote_approvers approves: test_only_approvers_approve_on_postgresql")
    approval = store.approve(ref.number, "manager")
    assert approval.approved_by == "manager"
    assert store.get(ref.number).approval == approval
    assert store.get(ref.number).status is Status.APPROVED
    with pytest.raises(StoreError, match="only a revision that requires approval is approved"):
        store.approve(ref.number, "manager")
    store.set_status(ref.number, Status.SENT)
    assert store.get(ref.number).status is Status.SENT


def test_only_approvers_approve_on_postgresql(postgres_schema: tuple[str, str]) -> None:
    server, schema_name = postgres_schema
    upgrade_database(with_schema(server, schema_name))
    create_test_roles(server)
    with open_store(with_schema(server, schema_name, "cpiquote_test_seller")) as seller:
        ref = save(seller, priced(discount="15"))
        with pytest.raises(StoreError, match="cpiquote_test_seller may not approve quotes: only members of cpiquote_approvers"):
            seller.approve(ref.number, "cpiquote_test_seller")
        with pytest.raises(Exception, match="permission denied"), seller.engine.begin() as connection:
            connection.execute(text("INSERT INTO approvals (revision_id, approved_by, approved_at) VALUES (1, 'me', now())"))
        with pytest.raises(Exception, match="needs an approval"), seller.engine.begin() as connection:
            connection.execute(update(schema.revisions).values(status="sent"))
    with open_store(with_schema(server, schema_name, "cpiquote_test_approver")) as approver:
        approval = approver.approve(ref.number, "whoever the app says")
        assert approval.approved_by == "cpiquote_test_approver"  # the server records who logged in
        approver.set_status(ref.number, Status.SENT)
        assert approver.get(ref.number).status is Status.SENT


def test_two_revisions_compare_figure_by_figure(store: Store) -> None:
    ref = save(store, priced())
    store.revise(ref.number, store.get(ref.number).document(), priced(discount="5"), "tester", _sample())
    changes = {(change.label, change.year): change for change in store.diff(ref.number, 1, 2)}
    fee = changes[("Annual fee", 1)]
    assert (fee.before, fee.after, fee.change) == (Decimal("910800.00"), Decimal("865260.00"), Decimal("-45540.00"))
    assert changes[("Price per credit", 3)].change == Decimal("-0.0253")
    assert changes[("Discount %", None)].change == Decimal(5)
    assert changes[("Total contract value", None)].after == Decimal("2595780.00")


def test_customer_text_is_stored_and_found_literally(store: Store) -> None:
    names = ['O\'Brien "Ltd"; DROP TABLE quotes; --', "100% Söhne_GmbH", "Robert'); DELETE FROM revisions;--"]
    for name in names:
        save(store, priced(customer=name))
    assert sorted(row.customer for row in store.list_quotes()) == sorted(names)
    assert [row.customer for row in store.list_quotes(customer="drop table")] == [names[0]]
    assert [row.customer for row in store.list_quotes(customer="100% SÖHNE_")] == [names[1]]
    assert store.list_quotes(customer="%") == [row for row in store.list_quotes() if "%" in row.customer]
    assert store.get(store.list_quotes(customer="robert")[0].number).customer == names[2]


def test_listing_filters_by_status_and_pages(store: Store) -> None:
    refs = [save(store, priced(customer=f"Customer {n}")) for n in range(5)]
    store.set_status(refs[1].number, Status.SENT)
    assert [row.number for row in store.list_quotes(status=Status.SENT)] == [refs[1].number]
    assert [row.number for row in store.list_quotes(status=Status.DRAFT)] == [ref.number for ref in reversed(refs) if ref != refs[1]]
    first, second = store.list_quotes(limit=3), store.list_quotes(limit=3, offset=3)
    assert len(first) == 3 and len(second) == 2
    assert {row.number for row in first + second} == {ref.number for ref in refs}
    assert store.count_quotes(status=Status.DRAFT) == 4
    assert first[0].number == refs[1].number  # the last changed first


def _for(customer: str, **more: str) -> Quotation:
    quotation = priced(customer=customer)
    return services.price(quotation.pricebook, replace(quotation.request, **more))


def test_quotes_of_one_customer_share_it_with_every_contact_and_the_latest_billing_address(store: Store) -> None:
    first = save(store, _for("Contoso Ltd", account="SITE-0042", contact="Ann Lee", billing_address="1 Old Road\nLeeds"))
    second = save(store, _for("CONTOSO  ltd", account="site-0042", contact="Bo Chen", billing_address="2 New Street\nYork"))
    save(store, _for("Contoso Ltd", account="SITE-0042", contact="Ann Lee"))  # no address given: the customer keeps theirs
    other = save(store, _for("Contoso Ltd", account="SITE-0099"))  # another account: another customer (a second site)
    customer = store.customer(first.number)
    assert customer == store.customer(second.number)
    assert customer == Customer("Contoso Ltd", "SITE-0042", "2 New Street\nYork", ("Ann Lee", "Bo Chen"))
    assert store.customer(other.number) == Customer("Contoso Ltd", "SITE-0099", "", ())
    assert store.customer(save(store, priced(customer="")).number) is None  # nobody named: no customer


def test_quotes_are_listed_by_account_or_site_id_as_by_name(store: Store) -> None:
    contoso = save(store, _for("Contoso Ltd", account="SITE-0042"))
    fabrikam = save(store, _for("Fabrikam", account="ACC_7%"))
    assert [row.number for row in store.list_quotes(customer="site-0042")] == [contoso.number]
    assert [(row.number, row.account) for row in store.list_quotes(customer="acc_7%")] == [(fabrikam.number, "ACC_7%")]
    assert store.list_quotes(customer="acc_7_") == [] and store.count_quotes(customer="SITE") == 1
    assert [row.number for row in store.list_quotes(search="0042")] == [contoso.number]
    assert {row.number for row in store.list_quotes(customer="contoso")} == {contoso.number}


def test_each_revision_keeps_its_sales_person_notes_and_terms_frozen_once_sent(store: Store) -> None:
    ref = save(store, _for("Contoso", sales_person="Sam Seller", notes="Held to 31 Dec.\nCall Sam.", terms="Net 30."))
    store.set_status(ref.number, Status.SENT)
    revisions = schema.revisions
    with store.engine.connect() as connection:
        row = connection.execute(select(revisions.c.sales_person, revisions.c.notes, revisions.c.terms)).one()
    assert tuple(row) == ("Sam Seller", "Held to 31 Dec.\nCall Sam.", "Net 30.")
    with pytest.raises(Exception, match="frozen"), store.engine.begin() as connection:
        connection.execute(update(revisions).values(terms="Net 90."))
    request = store.get(ref.number).figures["request"]
    assert (request["sales_person"], request["notes"], request["terms"]) == ("Sam Seller", "Held to 31 Dec.\nCall Sam.", "Net 30.")


def test_an_unknown_number_is_named(store: Store) -> None:
    with pytest.raises(StoreError, match="there is no quote 'Q-1999-00001'"):
        store.get("Q-1999-00001")


def _sample() -> bytes:
    return sample_pricebook_path().read_bytes()


def test_listing_sorts_by_each_column_in_the_database(store: Store) -> None:
    for customer, interactions in (("beta", 2_000_000), ("Alpha", 900_000), ("gamma", 12_000_000)):
        save(store, priced(customer=customer, interactions=interactions))
    by_value = [quote.total_contract_value for quote in store.list_quotes(sort="contract_value", descending=False)]
    assert by_value == sorted(by_value) and len(by_value) == 3  # as numbers: "12..." text would sort before "2..."
    assert by_value[-1] > 10 * by_value[0]
    assert [quote.customer for quote in store.list_quotes(sort="customer", descending=False)] == ["Alpha", "beta", "gamma"]
    assert [quote.customer for quote in store.list_quotes(sort="customer", descending=True, limit=1, offset=1)] == ["beta"]
    numbers = [quote.number for quote in store.list_quotes(sort="number", descending=True)]
    assert numbers == sorted(numbers, reverse=True)
    with pytest.raises(StoreError, match="cannot be sorted by 'price'"):
        store.list_quotes(sort="price")


def test_saving_a_draft_again_changes_it_in_place_until_it_is_sent(store: Store) -> None:
    ref = save(store, priced())
    quotation = priced(interactions=2_000_000)
    document, content = store.get(ref.number).document(), sample_pricebook_path().read_bytes()
    assert store.save_draft(ref.number, document, quotation, "tester", content) == ref  # still revision 1
    assert store.get(ref.number).figures["total_contract_value"] == str(quotation.total_contract_value)
    store.set_status(ref.number, Status.SENT)
    again = store.save_draft(ref.number, document, priced(interactions=3_000_000), "tester", content)
    assert (again.revision, store.get(ref.number, 1).figures["total_contract_value"]) == (2, str(quotation.total_contract_value))
    assert store.get(ref.number).status is Status.DRAFT
