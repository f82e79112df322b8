"""Input formats: .txt, .md, .html, .jsonl (one article per line), directories and stdin.

Every source becomes :class:`RawDocument` objects, or a :class:`Skipped` with a one-line reason, so a
directory with one bad file still reads the rest. Bad input is refused before any NLP runs: empty,
binary, invalid UTF-8, oversized, markup with no text, or text that is not English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from faultlines.errors import E, FaultlinesError, InputError

SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson"}
DEFAULT_MAX_MB = 20.0


@dataclass(slots=True)
class RawDocument:
    """Text and metadata of one article before reading."""

    text: str
    title: str = ""
    date: date | None = None
    url: str = ""
    source: str = ""


@dataclass(slots=True)
class Skipped:
    """An input that could not be read, with the reason a user sees."""

    source: str
    reason: str


def parse_date(value: str | None) -> date | None:
    """ISO dates (``2024-05-19``), also with a time part; ``None`` for empty input."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(E.E010, value=text) from None


# -- HTML --------------------------------------------------------------------------------------
class _TextExtractor(HTMLParser):
    """Collects visible text; drops script, style and other non-content elements entirely."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "nav", "footer"})
    BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
            "blockquote",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Visible text and title of an HTML page; tolerant of broken markup."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    paragraphs = [p.strip() for p in re.split(r"\n{1,}", text) if p.strip()]
    return "\n\n".join(paragraphs), " ".join(parser.title.split())


def unwrap(text: str) -> str:
    """Join hard-wrapped lines into paragraphs, so a sentence is never cut by a line break."""
    text = text.replace("\r\n", "\n")
    return re.sub(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)(?![ \t]*([-*+>#]|\d+\.)\s)", " ", text)


def markdown_to_text(markup: str) -> str:
    """Markdown without its syntax: headings, emphasis, links (keeping their text), code fences."""
    text = re.sub(r"```.*?```", "", markup, flags=re.S)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)
    return unwrap(text)


# -- validation ------------------------------------------------------------------------------
_ENGLISH = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "was", "it",
    "its", "are", "from", "has", "have", "his", "her", "their", "this", "which", "be", "at", "an",
}  # fmt: skip


def check_text(text: str, where: str) -> str:
    """Refuse text that cannot be read as an English article; return it normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError(E.E006 if where else E.E002, path=where)
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) >= 8:
        latin = sum(1 for w in words if w.isascii())
        english = sum(1 for w in words if w in _ENGLISH)
        if latin / len(words) < 0.5 or english / len(words) < 0.04:
            detail = "mostly non-Latin script" if latin / len(words) < 0.5 else "few English function words"
            raise InputError(E.E007, path=where, detail=detail)
    return text


def decode(data: bytes, where: str) -> str:
    """UTF-8 text from bytes, refusing binary files and other encodings with a clear reason."""
    if not data.strip():
        raise InputError(E.E002, path=where)
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(E.E003, path=where, reason="contains NUL bytes")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) * 0.05:
        raise InputError(E.E003, path=where, reason="many control characters")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(E.E004, path=where, offset=error.start) from None


def _from_text(text: str, suffix: str, where: str) -> RawDocument:
    title = ""
    if suffix in {".html", ".htm"} or (suffix == "" and re.match(r"\s*<(!doctype|html)", text, re.I)):
        text, title = html_to_text(text)
        if not text.strip():
            raise InputError(E.E006, path=where)
    elif suffix in {".md", ".markdown"}:
        heading = re.search(r"^\s{0,3}#\s+(.+)$", text, re.M)
        title = heading.group(1).strip() if heading else ""
        text = markdown_to_text(text)
    elif suffix != "":
        text = unwrap(text)
    text = check_text(text, where)
    if not title:
        first = text.strip().split("\n", 1)[0].strip()
        title = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "..."
    return RawDocument(text=text, title=title, source=where)


def _jsonl(text: str, where: str) -> Iterator[RawDocument | Skipped]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(f"{where}:{number}", f"line {number}: not JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(f"{where}:{number}", f"line {number}: needs a 'text' string field")
            continue
        try:
            body = check_text(record["text"], f"{where}:{number}")
            day = parse_date(record.get("date"))
        except FaultlinesError as error:
            yield Skipped(f"{where}:{number}", error.message)
            continue
        title = str(record.get("title") or "") or body.strip().split("\n", 1)[0][:120]
        yield RawDocument(body, title, day, str(record.get("url") or ""), f"{where}:{number}")


def check_path(path: Path, *, max_mb: float = DEFAULT_MAX_MB) -> None:
    """Refuse a named input before any reading starts: missing, unsupported, or too large."""
    where = str(path)
    if str(path) == "-" or path.is_dir():
        if not path.exists() and str(path) != "-":
            raise InputError(E.E001, path=where)
        return
    if not path.exists():
        raise InputError(E.E001, path=where)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES and suffix != "":
        raise InputError(E.E009, suffix=suffix, path=where)
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_mb:
        raise InputError(E.E005, path=where, size=f"{size_mb:.1f}", limit=f"{max_mb:g}")


def read_file(path: Path, *, max_mb: float = DEFAULT_MAX_MB) -> Iterator[RawDocument | Skipped]:
    """Documents in one file. Raises :class:`InputError` for a file that cannot be read at all."""
    where = str(path)
    check_path(path, max_mb=max_mb)
    suffix = path.suffix.lower()
    text = decode(path.read_bytes(), where)
    if suffix in {".jsonl", ".ndjson"}:
        yield from _jsonl(text, where)
    else:
        yield _from_text(text, suffix, where)


def read_sources(paths: list[Path], *, max_mb: float = DEFAULT_MAX_MB) -> Iterator[RawDocument | Skipped]:
    """Documents from files and directories (recursively, sorted). Inside a directory a bad file is
    skipped with its reason; a bad file named directly raises, since the user asked for it."""
    for path in paths:
        if str(path) == "-":
            import sys

            data = sys.stdin.buffer.read()
            yield _from_text(decode(data, "<stdin>"), "", "<stdin>")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                # hidden files and folders *below* the named directory are not articles
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() not in SUFFIXES:
                    yield Skipped(str(child), f"unsupported format '{child.suffix or '(none)'}'")
                    continue
                try:
                    yield from read_file(child, max_mb=max_mb)
                except FaultlinesError as error:
                    yield Skipped(str(child), error.message)
        else:
            yield from read_file(path, max_mb=max_mb)
