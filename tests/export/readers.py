"""Readers independent of ours, for what a customer's tools would see in an export."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (skips when it is not installed)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing (.ci/run installs poppler-utils)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return done.stdout.decode("utf-8")


def pdf_page_sizes(path: Path) -> set[tuple[int, int]]:
    """The sizes of a PDF's pages in points, as poppler's pdfinfo reads them."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo is missing (.ci/run installs poppler-utils)")
    done = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)],
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
