"""Helpers for the quote library's tests: priced quotes to save, and a worker that several processes run at once."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from cpiquote import services
from cpiquote.pricing import Quotation, QuoteRequest
from cpiquote.resources import sample_pricebook_path
from cpiquote.store import RevisionRef, Store, open_store


def priced(customer: str = "Contoso", interactions: int = 1_200_000, discount: str = "0", pricebook: Path | None = None) -> Quotation:
    """A three-year quote with Generative AI, priced with `pricebook` (the shipped sample by default)."""
    book = services.open_pricebook(pricebook or sample_pricebook_path())
    request = QuoteRequest((interactions,), years=3, generative_ai=True, customer=customer, discount_percent=Decimal(discount))
    return services.price(book, request)


def save(store: Store, quotation: Quotation, pricebook: Path | None = None, today: dt.date | None = None) -> RevisionRef:
    """Store `quotation` as a new numbered draft, as `cpiquote quote --save` does."""
    from cpiquote.quote.document import QuoteDocument

    path = pricebook or sample_pricebook_path()
    document = QuoteDocument.of_request(quotation.request, quotation.pricebook, path)
    return store.save_new(document, quotation, "tester", path.read_bytes(), today)


def save_many(url: str, count: int) -> list[str]:
    """Open the library at `url` in this process and save `count` quotes; the numbers they got (run by worker processes)."""
    quotation = priced()
    with open_store(url, timeout=30) as store:
        return [save(store, quotation).number for _ in range(count)]


POSTGRES_VARIABLE = "CPIQUOTE_TEST_POSTGRES_URL"
TEST_ROLE_PASSWORD = "cpiquote-test-role"
TEST_ROLES = {"cpiquote_test_seller": "cpiquote_users", "cpiquote_test_approver": "cpiquote_approvers"}


def postgres_url() -> str:
    """The test server's URL; skips the test (fails it in CI) when none is given."""
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{POSTGRES_VARIABLE} is not set: CI must run the quote library suite against PostgreSQL (see .ci/run)")
    pytest.skip(f"PostgreSQL half skipped: set {POSTGRES_VARIABLE}=postgresql://user:password@host/dbname to run it")


def with_schema(url: str, schema: str, user: str | None = None) -> str:
    """`url` working in `schema` (as `user`, with the test roles' password, when given)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if user is not None:
        parsed = parsed.set(username=user, password=TEST_ROLE_PASSWORD)
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def admin(url: str, *statements: str) -> None:
    """Run `statements` on the test server, outside a transaction."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def create_test_roles(url: str) -> None:
    """The login roles of a sales person (cpiquote_users) and an approver (cpiquote_approvers)."""
    for role, member_of in TEST_ROLES.items():
        admin(
            url,
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} LOGIN PASSWORD '{TEST_ROLE_PASSWORD}'; END IF; END $$",
            f"GRANT {member_of} TO {role}",
        )
