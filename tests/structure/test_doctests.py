"""The Examples sections of the structure docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "faultlines.structure.graph",
    "faultlines.structure.triads",
    "faultlines.structure.frustration",
    "faultlines.structure.blocs",
    "faultlines.structure.whatif",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
