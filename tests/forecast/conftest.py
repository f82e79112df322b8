"""Shared helpers: where the peers' reference data lives (tests skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
PEERS = SHARED / "peers"


def peer_file(folder: str, name: str) -> Path:
    """A file of ../shared/peers, or skip the test when it is not there."""
    path = PEERS / folder / name
    if not path.exists():
        pytest.skip(f"reference data {folder}/{name} is not available (../shared is absent)")
    return path
