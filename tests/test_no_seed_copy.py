"""The reference article must not be copied into the project: no run of eight of its words may
appear in any tracked text file (short forms the issues quote, like "about 85 million", are fine)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / ".." / "shared" / "seed" / "article.txt"
RUN = 8
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".txt", ".csv", ".json", ".html", ".js", ".css", ".toml", ".jsonl"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_no_eight_word_run_of_the_seed_in_the_project() -> None:
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED}")
    seed = _words(SEED.read_text(encoding="utf-8"))
    runs = {" ".join(seed[i : i + RUN]) for i in range(len(seed) - RUN + 1)}
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    copied: list[str] = []
    for name in listed.splitlines():
        path = ROOT / name
        if path.suffix not in TEXT_SUFFIXES or "vendor" in path.parts or not path.is_file():
            continue
        words = _words(path.read_text(encoding="utf-8", errors="ignore"))
        for i in range(len(words) - RUN + 1):
            if " ".join(words[i : i + RUN]) in runs:
                copied.append(f"{name}: {' '.join(words[i : i + RUN])}")
                break
    assert not copied, "seed text copied into: " + "; ".join(copied)
