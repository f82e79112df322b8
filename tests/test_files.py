"""One set of coded errors for every file a user names (scenarios, edge lists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.errors import InputError
from faultlines.files import read_user_text


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: None, "E001"),
        (lambda p: p.mkdir(), "E031"),
        (lambda p: p.write_bytes(b"caf\xe9"), "E004"),
        (lambda p: p.write_text("  \n"), "E002"),
    ],
)
def test_bad_files_get_coded_errors(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "input.csv"
    make(path)
    with pytest.raises(InputError) as info:
        read_user_text(path)
    assert info.value.code.name == code and str(path) in info.value.message


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "edges.csv"
    path.write_bytes("\ufeffsource,target,sign\n".encode())
    assert read_user_text(path) == "source,target,sign\n"
