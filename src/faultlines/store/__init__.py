"""The store: a versioned DuckDB file holding documents and everything read from them."""

from faultlines.store.store import Store, default_path, open_store

__all__ = ["Store", "default_path", "open_store"]
