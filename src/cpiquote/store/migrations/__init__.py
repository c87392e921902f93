"""Alembic's migration scripts for the quote library, shipped inside the package (found with importlib.resources)."""
