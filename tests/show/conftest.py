"""Fixtures for show's tests: the hand-built model and headless Chromium (helpers in browser_support)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import CHROMIUM, CHROMIUM_ARGS
from fixture_model import build

from faultlines.model import CorpusModel


@pytest.fixture
def corpus() -> CorpusModel:
    return build()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright; skipped locally without it, an error in CI."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium (.ci/run)")
        pytest.skip(f"Chromium not found at {CHROMIUM} (set FAULTLINES_CHROMIUM); browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
