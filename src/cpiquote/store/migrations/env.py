"""Alembic's environment: migrate on the connection `cpiquote.store.upgrades` hands over, in batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from cpiquote.store.schema import metadata


def _run() -> None:
    connection = context.config.attributes["connection"]
    # render_as_batch: SQLite cannot ALTER most columns; batch mode copies the table instead
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


_run()
