"""The quote library: numbered quotes, their revisions and approvals, in one database (SQLite or PostgreSQL).

Numbers are allocated inside the transaction that saves the quote, by one statement on a counter row (an insert
that increments on conflict): PostgreSQL locks the row until commit, and SQLite's BEGIN IMMEDIATE holds the file's
write lock from the first read, so two people saving at once never get the same number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Numeric, and_, cast, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, Row
from sqlalchemy.sql import Select

from cpiquote.store import customers, diff, schema
from cpiquote.store.connection import DEFAULT_TIMEOUT_SECONDS, IMMEDIATE, translated
from cpiquote.store.errors import StoreError
from cpiquote.store.records import Approval, Customer, QuoteSummary, RevisionRef, Status, StoredRevision, effective_status

if TYPE_CHECKING:
    from cpiquote.pricing import Quotation
    from cpiquote.quote.document import QuoteDocument

UNSENT = (Status.DRAFT, Status.APPROVAL_REQUIRED, Status.APPROVED)
SETTABLE = (Status.SENT, Status.ACCEPTED, Status.LOST)  # the others follow from saving and approving
EDITABLE = (Status.DRAFT.value, Status.APPROVAL_REQUIRED.value)  # a revision saved over in place; any other is frozen
# The library's columns a list can be sorted by. The contract value is decimal text: sorted as a number, not as text.
SORT_KEYS: dict[str, Any] = {
    "number": schema.quotes.c.number,
    "customer": schema.quotes.c.customer_search,
    "status": schema.quotes.c.status,
    "revision": schema.quotes.c.latest_revision,
    "contract_value": cast(schema.quotes.c.total_contract_value, Numeric),
    "valid_until": schema.quotes.c.valid_until,
    "updated_at": schema.quotes.c.updated_at,
    "author": schema.quotes.c.author,
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """A stored moment in UTC: SQLite hands back naive datetimes."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class _Priced:
    """What a revision stores of a priced quote."""

    document_json: str
    quotation_json: str
    customer: str
    discount_percent: Decimal
    approval_required: bool
    currency: str
    total_contract_value: Decimal
    quote_date: dt.date
    valid_until: dt.date
    sales_person: str
    notes: str
    terms: str


class Store:
    """One quote library. Open it with `cpiquote.store.open_store`; close it (or use `with`) when done."""

    def __init__(self, engine: Engine, url: URL, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.engine = engine
        self.url = url
        self.timeout = timeout

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.url.get_backend_name()

    def close(self) -> None:
        """Close the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- transactions --------------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE)."""
        with translated(self.url, self.timeout), self.engine.connect() as connection:
            connection.execution_options(**{IMMEDIATE: True})
            with connection.begin():
                yield connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with translated(self.url, self.timeout), self.engine.connect() as connection, connection.begin():
            yield connection

    # --- saving --------------------------------------------------------------------------------------

    def save_new(
        self, document: QuoteDocument, quotation: Quotation, author: str, pricebook_content: bytes, today: dt.date | None = None
    ) -> RevisionRef:
        """Store a priced quote as revision 1 of a new number, Q-<year>-<5 digits>; returns its reference."""
        priced = _priced(document, quotation, pricebook_content, today)
        with self._writing() as connection:
            number = self._next_number(connection, priced.quote_date.year)
            self._keep_pricebook(connection, quotation, pricebook_content)
            now = _now()
            quote_id = connection.execute(
                insert(schema.quotes).returning(schema.quotes.c.id),
                {
                    "number": number,
                    "customer": priced.customer,
                    "customer_search": priced.customer.casefold(),
                    "customer_id": customers.link(connection, quotation.request, now),
                    "author": author,
                    "created_at": now,
                    **_summary(priced, 1, now),
                },
            ).scalar_one()
            self._insert_revision(connection, quote_id, 1, priced, author, quotation.pricebook.sha256, now)
        return RevisionRef(number, 1)

    def revise(
        self,
        number: str,
        document: QuoteDocument,
        quotation: Quotation,
        author: str,
        pricebook_content: bytes,
        today: dt.date | None = None,
    ) -> RevisionRef:
        """Store a priced quote as the next revision of `number` (a draft, or approval required); earlier ones stay as they were."""
        priced = _priced(document, quotation, pricebook_content, today)
        with self._writing() as connection:
            quote = self._quote(connection, number)
            self._keep_pricebook(connection, quotation, pricebook_content)
            return self._add_revision(connection, quote, priced, author, quotation)

    def _add_revision(self, connection: Connection, quote: Row[Any], priced: _Priced, author: str, quotation: Quotation) -> RevisionRef:
        """Insert `priced` (of `quotation`) as the next revision of `quote` and make it the quote's latest."""
        revision, now = quote.latest_revision + 1, _now()
        self._insert_revision(connection, quote.id, revision, priced, author, quotation.pricebook.sha256, now)
        self._show_latest(connection, quote, priced, revision, quotation)
        return RevisionRef(quote.number, revision)

    def _show_latest(self, connection: Connection, quote: Row[Any], priced: _Priced, revision: int, quotation: Quotation) -> None:
        """Copy revision `revision` (`priced`, of `quotation`) to the quote's row, which the library lists, and link its customer."""
        now = _now()
        values = {"customer": priced.customer, "customer_search": priced.customer.casefold(), **_summary(priced, revision, now)}
        values["customer_id"] = customers.link(connection, quotation.request, now)
        connection.execute(update(schema.quotes).where(schema.quotes.c.id == quote.id).values(**values))

    def save_draft(
        self,
        number: str,
        document: QuoteDocument,
        quotation: Quotation,
        author: str,
        pricebook_content: bytes,
        today: dt.date | None = None,
    ) -> RevisionRef:
        """Store the quote being edited as `number`'s draft: over its latest revision while that is still a draft (or
        awaits approval), else as a new revision, since an approved, sent, accepted or lost revision never changes."""
        priced = _priced(document, quotation, pricebook_content, today)
        with self._writing() as connection:
            quote = self._quote(connection, number)
            latest = self._revision_row(connection, quote, None)
            self._keep_pricebook(connection, quotation, pricebook_content)
            if latest.status not in EDITABLE:
                return self._add_revision(connection, quote, priced, author, quotation)
            connection.execute(
                update(schema.revisions)
                .where(schema.revisions.c.id == latest.id)
                .values(**_revision_values(priced, author, quotation.pricebook.sha256))
            )
            self._show_latest(connection, quote, priced, latest.n, quotation)
        return RevisionRef(quote.number, latest.n)

    def _next_number(self, connection: Connection, year: int) -> str:
        """The next quote number of `year`, allocated by one atomic statement on the year's counter row."""
        counters = schema.counters
        dialect_insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        statement = (
            dialect_insert(counters)
            .values(name=f"quote-{year}", value=1)
            .on_conflict_do_update(index_elements=[counters.c.name], set_={"value": counters.c.value + 1})
            .returning(counters.c.value)
        )
        value = connection.execute(statement).scalar_one()
        return f"Q-{year}-{value:05d}"

    def _keep_pricebook(self, connection: Connection, quotation: Quotation, content: bytes) -> None:
        """Store the price book's text once per SHA-256, however many revisions are priced with it."""
        pricebook = quotation.pricebook
        table = schema.pricebooks
        if connection.execute(select(table.c.sha256).where(table.c.sha256 == pricebook.sha256)).first() is not None:
            return
        dialect_insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        row = {
            "sha256": pricebook.sha256,
            "name": pricebook.name,
            "version": pricebook.version,
            "source": pricebook.source,
            "content": content.decode("utf-8"),
            "stored_at": _now(),
        }
        connection.execute(dialect_insert(table).values(**row).on_conflict_do_nothing(index_elements=[table.c.sha256]))

    def _insert_revision(
        self, connection: Connection, quote_id: int, n: int, priced: _Priced, author: str, sha256: str, now: dt.datetime
    ) -> None:
        row = {"quote_id": quote_id, "n": n, **_revision_values(priced, author, sha256), "created_at": now, "sent_at": None}
        connection.execute(insert(schema.revisions), row)

    # --- statuses and approvals ------------------------------------------------------------------------

    def set_status(self, number: str, status: Status, today: dt.date | None = None) -> Status:
        """Mark the latest revision sent, accepted or lost; refuses what the quote's state does not allow."""
        if status not in SETTABLE:
            allowed = ", ".join(each.value for each in SETTABLE)
            raise StoreError(f"{number}: a quote cannot be marked {status.label} by hand; mark it {allowed}")
        day = today or dt.date.today()
        with self._writing() as connection:
            quote = self._quote(connection, number)
            revision = self._revision_row(connection, quote, None)
            current = effective_status(revision.status, revision.valid_until, day)
            _check_transition(number, revision.n, current, status, revision.valid_until)
            now = _now()
            values: dict[str, Any] = {"status": status.value}
            if status is Status.SENT:
                values["sent_at"] = now
            connection.execute(update(schema.revisions).where(schema.revisions.c.id == revision.id).values(**values))
            connection.execute(update(schema.quotes).where(schema.quotes.c.id == quote.id).values(status=status.value, updated_at=now))
        return status

    def approve(self, number: str, approver: str, revision: int | None = None) -> Approval:
        """Approve a revision's discount (the latest by default). On PostgreSQL the server checks that the user logged
        in is a member of cpiquote_approvers and records that user; on SQLite `approver` is recorded."""
        with self._writing() as connection:
            quote = self._quote(connection, number)
            row = self._revision_row(connection, quote, revision)
            if row.status != Status.APPROVAL_REQUIRED.value:
                raise StoreError(
                    f"{number} revision {row.n} is {Status(row.status).label}: only a revision that requires approval is approved"
                )
            now = _now()
            if self.backend == "postgresql":
                approver = connection.execute(text("SELECT cpiquote_approve(:id)"), {"id": row.id}).scalar_one()
                now = connection.execute(
                    select(schema.approvals.c.approved_at).where(schema.approvals.c.revision_id == row.id)
                ).scalar_one()
            else:
                connection.execute(insert(schema.approvals), {"revision_id": row.id, "approved_by": approver, "approved_at": now})
            connection.execute(update(schema.revisions).where(schema.revisions.c.id == row.id).values(status=Status.APPROVED.value))
            if row.n == quote.latest_revision:
                connection.execute(
                    update(schema.quotes).where(schema.quotes.c.id == quote.id).values(status=Status.APPROVED.value, updated_at=_now())
                )
        return Approval(approver, _aware(now))

    # --- reading -------------------------------------------------------------------------------------

    def get(self, number: str, revision: int | None = None, today: dt.date | None = None) -> StoredRevision:
        """A revision as stored (the latest by default): inputs, price book and every figure."""
        with self._reading() as connection:
            quote = self._quote(connection, number)
            row = self._revision_row(connection, quote, revision)
            pricebook = connection.execute(select(schema.pricebooks).where(schema.pricebooks.c.sha256 == row.pricebook_sha256)).one()
            approval = connection.execute(select(schema.approvals).where(schema.approvals.c.revision_id == row.id)).first()
        return StoredRevision(
            number=quote.number,
            revision=row.n,
            status=effective_status(row.status, row.valid_until, today or dt.date.today()),
            customer=json.loads(row.document)["customer"],
            author=row.author,
            created_at=_aware(row.created_at),
            quote_date=row.quote_date,
            valid_until=row.valid_until,
            sent_at=None if row.sent_at is None else _aware(row.sent_at),
            approval_required=row.approval_required,
            approval=None if approval is None else Approval(approval.approved_by, _aware(approval.approved_at)),
            document_json=row.document,
            quotation_json=row.quotation,
            pricebook_source=pricebook.source,
            pricebook_content=pricebook.content,
            pricebook_sha256=pricebook.sha256,
            latest_revision=quote.latest_revision,
        )

    def list_quotes(
        self,
        customer: str | None = None,
        status: Status | None = None,
        limit: int = 100,
        offset: int = 0,
        today: dt.date | None = None,
        search: str | None = None,
        sort: str = "updated_at",
        descending: bool = True,
    ) -> list[QuoteSummary]:
        """Quotes, the last changed first (or sorted by `sort`, one of SORT_KEYS, in the database): those whose customer's
        name or account contains `customer` (any letter case), in `status`, and whose number, customer or account
        contains `search`."""
        day = today or dt.date.today()
        quotes = schema.quotes
        if sort not in SORT_KEYS:
            raise StoreError(f"quotes cannot be sorted by {sort!r}; sort by one of {', '.join(SORT_KEYS)}")
        where = _filters(customer, status, day, search)
        key, tie = SORT_KEYS[sort], quotes.c.id  # the id breaks ties, so that pages never overlap
        order = (key.desc(), tie.desc()) if descending else (key.asc(), tie.asc())
        # The ids are sorted first, then their rows read: a sort without an index (contract value, author...) then
        # moves ids, not whole rows, through the sorter: about 35 ms instead of 200 ms at 100,000 quotes on SQLite.
        ids_query = select(quotes.c.id).where(*where).order_by(*order).limit(limit).offset(offset)
        with self._reading() as connection:
            ids = list(connection.execute(ids_query).scalars())
            rows = connection.execute(_with_account().where(quotes.c.id.in_(ids))).all() if ids else []
        by_id = {row.id: row for row in rows}
        return [_summary_of(by_id[each], day) for each in ids if each in by_id]

    def count_quotes(
        self, customer: str | None = None, status: Status | None = None, today: dt.date | None = None, search: str | None = None
    ) -> int:
        """How many quotes `list_quotes` would list without a limit."""
        where = _filters(customer, status, today or dt.date.today(), search)
        query = select(func.count()).select_from(schema.quotes).where(*where)
        with self._reading() as connection:
            return int(connection.execute(query).scalar_one())

    def customer(self, number: str) -> Customer | None:
        """The customer quote `number` is for (as its latest revision names it); None when it names none."""
        with self._reading() as connection:
            return customers.read(connection, self._quote(connection, number).customer_id)

    def diff(self, number: str, first: int, second: int) -> list[diff.FigureChange]:
        """Every compared figure of two revisions of `number`, before (`first`) and after (`second`)."""
        return diff.compare(self.get(number, first).figures, self.get(number, second).figures)

    def _quote(self, connection: Connection, number: str) -> Row[Any]:
        row = connection.execute(select(schema.quotes).where(schema.quotes.c.number == number.strip())).first()
        if row is None:
            raise StoreError(f"there is no quote {number.strip()!r} in {_where(self)}; `cpiquote quotes list` shows the numbers")
        return row

    def _revision_row(self, connection: Connection, quote: Row[Any], revision: int | None) -> Row[Any]:
        wanted = quote.latest_revision if revision is None else revision
        revisions = schema.revisions
        query = select(revisions).where(and_(revisions.c.quote_id == quote.id, revisions.c.n == wanted))
        row = connection.execute(query).first()
        if row is None:
            raise StoreError(f"{quote.number} has no revision {wanted}; it has revisions 1 to {quote.latest_revision}")
        return row


def _where(store: Store) -> str:
    from cpiquote.store.location import describe

    return describe(store.url)


def _priced(document: QuoteDocument, quotation: Quotation, pricebook_content: bytes, today: dt.date | None) -> _Priced:
    """What a revision keeps of a priced quote; refuses a price book text that is not the one the quote was priced with."""
    from cpiquote.documents.json import quotation_to_dict

    if hashlib.sha256(pricebook_content).hexdigest() != quotation.pricebook.sha256:
        raise StoreError(f"the price book {quotation.pricebook.source} changed since the quote was priced; price the quote again")
    day = today or dt.date.today()
    return _Priced(
        document_json=document.to_bytes().decode(),
        quotation_json=json.dumps(quotation_to_dict(quotation), ensure_ascii=False),
        customer=document.customer,
        discount_percent=quotation.discount_percent,
        approval_required=quotation.approval_required,
        currency=quotation.pricebook.currency,
        total_contract_value=quotation.total_contract_value,
        quote_date=day,
        valid_until=day + dt.timedelta(days=quotation.pricebook.quote_validity_days),
        sales_person=quotation.request.sales_person,
        notes=quotation.request.notes,
        terms=quotation.request.terms,
    )


def _revision_values(priced: _Priced, author: str, sha256: str) -> dict[str, Any]:
    """A revision row's inputs, price book and figures."""
    return {
        "status": _first_status(priced).value,
        "author": author,
        "document": priced.document_json,
        "pricebook_sha256": sha256,
        "quotation": priced.quotation_json,
        "discount_percent": str(priced.discount_percent),
        "approval_required": priced.approval_required,
        "currency": priced.currency,
        "total_contract_value": str(priced.total_contract_value),
        "quote_date": priced.quote_date,
        "valid_until": priced.valid_until,
        "sales_person": priced.sales_person,
        "notes": priced.notes,
        "terms": priced.terms,
    }


def _first_status(priced: _Priced) -> Status:
    return Status.APPROVAL_REQUIRED if priced.approval_required else Status.DRAFT


def _summary(priced: _Priced, revision: int, now: dt.datetime) -> dict[str, Any]:
    """The quotes row's copy of its latest revision."""
    return {
        "status": _first_status(priced).value,
        "latest_revision": revision,
        "currency": priced.currency,
        "total_contract_value": str(priced.total_contract_value),
        "valid_until": priced.valid_until,
        "updated_at": now,
    }


def _check_transition(number: str, revision: int, current: Status, wanted: Status, valid_until: dt.date) -> None:
    """Refuse a change of status the quote's state does not allow, saying what to do instead."""
    which = f"{number} revision {revision}"
    if wanted is Status.SENT and current is Status.APPROVAL_REQUIRED:
        raise StoreError(
            f"{which} needs approval before it is sent: its discount is above the price book's threshold; "
            f"ask an approver to run `cpiquote quotes approve {number}`"
        )
    if wanted is Status.SENT and current not in (Status.DRAFT, Status.APPROVED):
        raise StoreError(f"{which} is already {current.label}; revise the quote to send a new offer")
    if wanted is Status.ACCEPTED and current is Status.EXPIRED:
        raise StoreError(f"{which} expired on {valid_until.isoformat()}; revise the quote and send it again")
    if wanted is Status.ACCEPTED and current is not Status.SENT:
        raise StoreError(f"{which} is {current.label}; only a sent quote can be accepted")
    if wanted is Status.LOST and current in (Status.ACCEPTED, Status.LOST):
        raise StoreError(f"{which} is already {current.label}")


def _with_account() -> Select[Any]:
    """The quotes with every column of theirs and their customer's account (None for a quote without a customer)."""
    quotes, customers_table = schema.quotes, schema.customers
    joined = quotes.outerjoin(customers_table, quotes.c.customer_id == customers_table.c.id)
    return select(quotes, customers_table.c.account).select_from(joined)


def _filters(customer: str | None, status: Status | None, today: dt.date, search: str | None = None) -> list[Any]:
    quotes = schema.quotes
    filters: list[Any] = []
    if customer and customer.strip():
        filters.append(customers.matching(customer))
    if search and search.strip():
        text = search.strip()
        filters.append(or_(customers.matching(text), quotes.c.number.like(customers.like(text.upper()), escape="\\")))
    if status is Status.EXPIRED:
        filters += [quotes.c.status == Status.SENT.value, quotes.c.valid_until < today]
    elif status is Status.SENT:
        filters += [quotes.c.status == Status.SENT.value, quotes.c.valid_until >= today]
    elif status is not None:
        filters.append(quotes.c.status == status.value)
    return filters


def _summary_of(row: Row[Any], today: dt.date) -> QuoteSummary:
    return QuoteSummary(
        number=row.number,
        customer=row.customer,
        status=effective_status(row.status, row.valid_until, today),
        revision=row.latest_revision,
        currency=row.currency,
        total_contract_value=Decimal(row.total_contract_value),
        valid_until=row.valid_until,
        author=row.author,
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        account=row.account or "",
    )
