"""The CLI's contract: coded one-line errors, exit codes, and a real interrupt."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faultlines.cli import main


def test_unknown_command_and_bad_option_exit_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) != 0
    assert main(["read", "--no-such-option"]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "faultlines.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("faultlines ")


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_interrupt_exits_130_and_says_so(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    paragraph = "Iran and Azerbaijan held talks in Baku in March 2024 about the border crossing. "
    article.write_text("\n\n".join(f"{paragraph}Round {i} ended without a deal." for i in range(3000)))
    process = subprocess.Popen(
        [sys.executable, "-m", "faultlines.cli", "analyze", str(article)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(6)  # well inside the run: importing, loading spaCy and reading a long article
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
