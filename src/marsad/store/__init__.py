"""The store: the only way to the database."""

from marsad.store.sqlite import Store

__all__ = ["Store"]
