"""The success plan as a PDF, for customers who want an attachment: the HTML page printed.

WeasyPrint lays out the page's print styles (page margins, no step or table row cut in
two). It needs the Pango library from the system; without it, PDF (and the email draft
that attaches one) fail with one clear sentence, and every other format still works.
"""

from __future__ import annotations

import logging
from datetime import date
from enum import StrEnum
from types import ModuleType

from successplan import clock
from successplan.errors import ExportError
from successplan.export.html import page_title, render_html
from successplan.model import Customer


class PaperSize(StrEnum):
    """The paper a PDF is laid out for."""

    A4 = "a4"
    LETTER = "letter"


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError):
        raise ExportError(
            "PDF needs WeasyPrint and the Pango library, which cannot be loaded here: "
            "install them (pip install weasyprint; on Debian, apt install libpango-1.0-0 "
            "libpangoft2-1.0-0) or choose another format."
        ) from None
    # Warnings about CSS it does not draw (accent colours, the screen-only parts) are noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    module: ModuleType = weasyprint
    return module


def render_pdf(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    paper: PaperSize | str = PaperSize.A4,
) -> bytes:
    """The plan as a PDF on A4 or Letter paper: customer-facing unless `internal`."""
    weasyprint = _weasyprint()
    today = today or clock.today()
    page = render_html(
        customer, internal=internal, today=today, plan_version=plan_version, static=True
    )
    title = page_title(customer, internal=internal, today=today)
    pages = weasyprint.CSS(string=_page_style(PaperSize(paper), title))
    document = weasyprint.HTML(string=page, base_url=None)
    pdf: bytes = document.write_pdf(stylesheets=[pages])
    return pdf


def _css_string(text: str) -> str:
    """`text` as a CSS string: every character but ASCII letters, digits and spaces written
    as its code point, so that no name can end the string or the rule. (The space after
    each escape ends it and is not shown.)"""
    escaped = (
        char if char == " " or (char.isascii() and char.isalnum()) else f"\\{ord(char):x} "
        for char in text
    )
    return '"' + "".join(escaped) + '"'


def _page_style(paper: PaperSize, title: str) -> str:
    """The paper, and a footer on every page: the plan's title, and "Page x of y"."""
    footer = 'font: 8pt system-ui, "DejaVu Sans", sans-serif; color: #52606d;'
    return f"""@page {{
  size: {paper.value};
  @bottom-left {{ content: {_css_string(title)}; {footer} width: 75%; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {footer}
    text-align: right; }}
}}"""
