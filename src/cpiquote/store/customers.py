"""The quote library's customers: one per name and account number (or Site ID), with the latest billing address and
every contact their quotes named; found again by name or account.

A customer is written inside the transaction that saves its quote. Two people saving the first quotes of one new
customer at once both insert it "on conflict do nothing" and then read it: one row, both quotes linked to it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from cpiquote.store import schema
from cpiquote.store.records import Customer

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from cpiquote.pricing import QuoteRequest


def search_key(text: str) -> str:
    """How a name or account is matched: letter case and runs of spaces do not make another customer."""
    return " ".join(text.split()).casefold()


def link(connection: Connection, request: QuoteRequest, now: dt.datetime) -> int | None:
    """The id of the customer `request` is for, created or brought up to date, its contact added; None when the
    request names neither a customer nor an account."""
    name, account = request.customer.strip(), request.account.strip()
    if not (name or account):
        return None
    customer_id = _upsert(connection, name, account, request.billing_address, now)
    contact = request.contact.strip()
    if contact:
        _insert(connection, schema.customer_contacts, {"customer_id": customer_id, "contact": contact}, ("customer_id", "contact"))
    return customer_id


def _upsert(connection: Connection, name: str, account: str, billing_address: str, now: dt.datetime) -> int:
    """The customer's id; its name and account as now spelled, and its billing address when one is given."""
    table = schema.customers
    key = {"name_search": search_key(name), "account_search": search_key(account)}
    row = {"name": name, "account": account, "billing_address": billing_address, "created_at": now, "updated_at": now, **key}
    _insert(connection, table, row, ("name_search", "account_search"))
    where = and_(table.c.name_search == key["name_search"], table.c.account_search == key["account_search"])
    customer_id = int(connection.execute(select(table.c.id).where(where)).scalar_one())
    changes: dict[str, Any] = {"name": name, "account": account, "updated_at": now}
    if billing_address:  # a quote without one keeps the address the customer has
        changes["billing_address"] = billing_address
    connection.execute(update(table).where(table.c.id == customer_id).values(**changes))
    return customer_id


def _insert(connection: Connection, table: Any, row: dict[str, Any], unique: tuple[str, ...]) -> None:
    """Insert `row` unless a row with the same `unique` columns is there (on either database)."""
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(dialect_insert(table).values(**row).on_conflict_do_nothing(index_elements=[table.c[name] for name in unique]))


def matching(text: str) -> Any:
    """The filter on quotes whose customer's name or account contains `text`, whatever the letter case."""
    quotes, customers = schema.quotes, schema.customers
    pattern = like(search_key(text))
    by_account = select(customers.c.id).where(customers.c.account_search.like(pattern, escape="\\"))
    return or_(quotes.c.customer_search.like(like(text.strip().casefold()), escape="\\"), quotes.c.customer_id.in_(by_account))


def like(text: str) -> str:
    """A LIKE pattern for "contains `text`", its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def read(connection: Connection, customer_id: int | None) -> Customer | None:
    """The customer with id `customer_id`, its contacts in the order they were first named."""
    if customer_id is None:
        return None
    row = connection.execute(select(schema.customers).where(schema.customers.c.id == customer_id)).one()
    contacts = schema.customer_contacts
    query = select(contacts.c.contact).where(contacts.c.customer_id == customer_id).order_by(contacts.c.id)
    return Customer(row.name, row.account, row.billing_address, tuple(connection.execute(query).scalars()))
