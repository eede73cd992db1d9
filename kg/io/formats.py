"""Format readers: turn one file's bytes into raw articles (text plus metadata it carries)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import DocumentError


@dataclass(frozen=True, slots=True)
class RawArticle:
    source: str  # path, or path#N for the N-th line of a jsonl file
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


_CONTROL = [bytes([b]) for b in range(32) if b < 9 or 13 < b < 32]


def decode_bytes(data: bytes, source: str) -> str:
    """Decode article bytes: BOM, then UTF-8, then the Central/Western European code pages."""
    if not data.strip():
        raise DocumentError("empty file", path=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"invalid {encoding} after BOM: {exc.reason}", path=source
                ) from exc
    head = data[:4096]
    if sum(head.count(c) for c in _CONTROL) > max(8, len(head) * 0.05):
        raise DocumentError("binary file (control bytes), not text", path=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: choose between cp1250 (Central European) and cp1252 (Western) by which
    # gives more letters from the target alphabets.
    best, best_score = None, -1
    for encoding in ("cp1250", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(ch.isalpha() for ch in text) - 5 * sum(ch in "¤¦¨´¸" for ch in text)
        if score > best_score:
            best, best_score = text, score
    if best is None:  # pragma: no cover - latin-1 decodes everything
        raise DocumentError("cannot decode text", path=source)
    return best


class _HtmlText(HTMLParser):
    """Collects visible article text (one paragraph a line) and page metadata."""

    SKIP = {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "header",
        "aside",
        "form",
        "svg",
        "button",
        "template",
        "iframe",
        "select",
    }
    BLOCK = {
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
        "section",
        "article",
        "tr",
        "blockquote",
        "figcaption",
        "dd",
        "dt",
        "pre",
        "main",
        "ul",
        "ol",
        "table",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self.h1: str | None = None
        self._h1_buf: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "h1" and self.h1 is None:
            self._h1_buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "h1" and self._h1_buf is not None:
            self.h1 = " ".join("".join(self._h1_buf).split()) or None
            self._h1_buf = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)
            if self._h1_buf is not None:
                self._h1_buf.append(data)


_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = _DATE.search(value)
    return match.group(1) if match else None


def read_html(text: str, source: str) -> RawArticle:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    body = "\n".join(" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    meta = parser.meta
    title = meta.get("og:title") or parser.h1 or " ".join(parser.title.split()) or None
    date = _iso_date(
        meta.get("article:published_time")
        or meta.get("date")
        or meta.get("datepublished")
        or meta.get("dc.date")
        or meta.get("time")
    )
    url = meta.get("og:url") or meta.get("canonical")
    lang = (parser.lang or meta.get("og:locale") or "").replace("_", "-").split("-")[0] or None
    return RawArticle(source, body, title, date, url, lang and lang.lower())


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def read_markdown(text: str, source: str) -> RawArticle:
    meta: dict[str, str] = {}
    text = text.replace("\r\n", "\n")
    front = _FRONT.match(text)
    if front:
        for line in front.group(1).split("\n"):
            if ":" in line:
                key, value = line.split(":", 1)
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end() :]
    title = meta.get("title")
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```") or re.fullmatch(r"[-*_]{3,}", stripped):
            continue
        heading = re.match(r"#{1,6}\s+(.*)", stripped)
        if heading:
            stripped = heading.group(1).strip()
            title = title or stripped
        stripped = re.sub(r"^(>\s*|[-*+]\s+|\d+\.\s+)", "", stripped)
        stripped = _MD_MARK.sub(r"\2", _MD_LINK.sub(r"\1", stripped))
        lines.append(stripped)
    return RawArticle(
        source,
        "\n".join(lines),
        title,
        _iso_date(meta.get("date")),
        meta.get("url"),
        meta.get("lang") or meta.get("language"),
    )


def read_jsonl(text: str, source: str) -> list[RawArticle | DocumentError]:
    """One article per line: {"text": ..., "title", "date", "url", "lang"|"language"}."""
    out: list[RawArticle | DocumentError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(DocumentError(f"line {number}: invalid JSON ({exc.msg})", path=source))
            continue
        if not isinstance(obj, dict):
            out.append(DocumentError(f"line {number}: expected a JSON object", path=source))
            continue
        body = obj.get("text") or obj.get("body") or obj.get("content")
        if not isinstance(body, str) or not body.strip():
            out.append(DocumentError(f"line {number}: no 'text' field", path=source))
            continue
        if obj.get("html") is True or body.lstrip().startswith("<"):
            body = read_html(body, where).text
        lang = obj.get("lang") or obj.get("language")
        out.append(
            RawArticle(
                where,
                body,
                _str(obj.get("title")),
                _iso_date(_str(obj.get("date"))),
                _str(obj.get("url")),
                _str(lang),
            )
        )
    return out


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


#: Default largest file read, in MB (`kg build --max-doc-mb`); jsonl files may be larger.
MAX_DOC_MB = 10.0


def read_article_file(
    path: Path, source: str, max_mb: float = MAX_DOC_MB
) -> list[RawArticle | DocumentError]:
    """Read one file into raw articles; per-article problems come back as errors in the list."""
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    try:
        size = path.stat().st_size
        limit = max_mb * (100 if kind == "jsonl" else 1) * 1024 * 1024
        if size > limit:
            raise DocumentError(
                f"too large ({size / 2**20:.0f} MB > {limit / 2**20:.0f} MB)",
                path=source,
                fix="split it into articles, or raise --max-doc-mb",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}", path=source) from exc
    text = decode_bytes(data, source)
    if kind == "jsonl":
        return list(read_jsonl(text, source))
    if kind == "html" or (
        kind == "txt" and text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    ):
        return [read_html(text, source)]
    if kind == "md":
        return [read_markdown(text, source)]
    return [RawArticle(source, text)]
