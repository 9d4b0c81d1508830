"""Readers independent of ours, for what a customer's tools would see in an export."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from tests.requirements import need_tool


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it."""
    pdftotext = need_tool("pdftotext")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return done.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, as poppler's pdftotext reads it."""
    return pdf_text(pdf).split("\f")[:-1]


def pdf_page_sizes(path: Path) -> set[tuple[int, int]]:
    """The sizes of a PDF's pages in points, as poppler's pdfinfo reads them."""
    pdfinfo = need_tool("pdfinfo")
    done = subprocess.run(
        [pdfinfo, "-f", "1", "-l", "999", str(path)],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )
    sizes = set()
    for line in done.stdout.splitlines():
        if "size:" in line and " x " in line:
            width, _, rest = line.split(":", 1)[1].strip().partition(" x ")
            sizes.add((round(float(width)), round(float(rest.split()[0]))))
    return sizes


def email_texts(data: bytes) -> dict[str, str]:
    """Each part of an email as the standard library reads it: the body by content type,
    each attachment by file name (a PDF as pdftotext reads it)."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    texts: dict[str, str] = {}
    for part in message.walk():
        if part.is_multipart() or not isinstance(part, EmailMessage):
            continue
        name = part.get_filename()
        if name is None:
            texts[part.get_content_type()] = str(part.get_content())
        elif part.get_content_type() == "application/pdf":
            texts[name] = pdf_text(part.get_content())
        else:
            content = part.get_content()
            texts[name] = content.decode("utf-8") if isinstance(content, bytes) else content
    return texts


def pdf_words(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The words of one page of a PDF with their boxes in points (text, x0, y0, x1, y1),
    as poppler's `pdftotext -bbox` reads them."""
    done = subprocess.run(
        [need_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )
    words = []
    for found in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        done.stdout,
    ):
        x0, y0, x1, y1 = (float(found.group(n)) for n in range(1, 5))
        words.append((html.unescape(found.group(5)), x0, y0, x1, y1))
    return words


def pdf_row_of_pixels(path: Path, page: int, y_points: float, dpi: int = 600) -> bytes:
    """One row of pixels across a PDF page, grey from 0 (black) to 255 (white), as
    poppler's `pdftoppm` draws it."""
    done = subprocess.run(
        [
            need_tool("pdftoppm"),
            "-r",
            str(dpi),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-y",
            str(round(y_points * dpi / 72)),
            "-H",
            "1",
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    magic, size, _depth, pixels = done.stdout.split(b"\n", 3)
    assert magic == b"P5", magic
    width, height = map(int, size.split())
    assert height == 1
    return pixels[:width]


def inked_runs(pixels: bytes, *, paper: int = 250) -> list[tuple[int, int]]:
    """The runs of ink in a row of pixels, as (first pixel, length)."""
    runs: list[tuple[int, int]] = []
    start = None
    for x, value in enumerate([*pixels, 255]):
        if value < paper and start is None:
            start = x
        elif value >= paper and start is not None:
            runs.append((start, x - start))
            start = None
    return runs
