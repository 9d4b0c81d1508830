"""The success plan as an email draft any mail client opens ready to send (.eml).

The message is the plan itself (HTML, with a plain-text alternative); the PDF, the
Markdown the customer can tick and send back, and the calendar of due dates are
attached. `X-Unsent: 1` makes Outlook and others open it as a draft, addressed to the
plan's champion when they have an email (an internal draft is addressed to no one), with
no From: (the mail client fills it in). Built
with the standard library's `email`; its MIME boundaries are derived from the content,
so the same plan gives the same file.
"""

from __future__ import annotations

import hashlib
from datetime import date
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from successplan import clock
from successplan.export.files import export_stem
from successplan.export.html import render_html
from successplan.export.ics import render_ics
from successplan.export.markdown import render_markdown
from successplan.export.pdf import PaperSize, render_pdf
from successplan.model import Customer
from successplan.plan import contacts

INTRO = (
    "Here is the success plan we share: what you want to achieve, how you want to get "
    "there, the milestones on the way and who does what. A PDF copy and your calendar of "
    "due dates are attached. To tell us what is done, tick the boxes in the attached "
    "Markdown file (or answer in the plan's web page, if we sent you one) and send it back."
)


def email_subject(customer: Customer, *, internal: bool) -> str:
    """The draft's subject line."""
    if internal:
        return f"INTERNAL — success plan of {customer.name}"
    return f"Our success plan with {customer.name}"


def render_email(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    paper: PaperSize | str = PaperSize.A4,
) -> bytes:
    """The plan as an email draft: customer-facing unless `internal`."""
    today = today or clock.today()
    stem = export_stem(customer, today.isoformat())
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = email_subject(customer, internal=internal)
    champion = contacts.champion(customer)
    if champion is not None and champion.email and not internal:
        message["To"] = Address(display_name=champion.name, addr_spec=champion.email)
    message["X-Unsent"] = "1"
    plain = render_markdown(customer, internal=internal, today=today, markers=False)
    message.set_content(f"{INTRO}\n\n{plain}", subtype="plain", cte="quoted-printable")
    page = render_html(
        customer, internal=internal, today=today, plan_version=plan_version, static=True
    )
    page = page.replace("<main>\n", f"<main>\n<p>{INTRO}</p>\n", 1)
    message.add_alternative(page, subtype="html", cte="quoted-printable")
    pdf = render_pdf(
        customer, internal=internal, today=today, plan_version=plan_version, paper=paper
    )
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{stem}.pdf")
    markdown = render_markdown(customer, internal=internal, today=today, plan_version=plan_version)
    message.add_attachment(
        markdown.encode("utf-8"),
        maintype="text",
        subtype="markdown",
        filename=f"{stem}.md",
        params={"charset": "utf-8"},
    )
    calendar = render_ics(customer, internal=internal, today=today)
    message.add_attachment(
        calendar.encode("utf-8"),
        maintype="text",
        subtype="calendar",
        filename=f"{stem}.ics",
        params={"charset": "utf-8"},
    )
    seed = hashlib.sha256(pdf + markdown.encode() + calendar.encode() + page.encode()).hexdigest()
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_successplan_{seed[:24]}_{number}")
    return message.as_bytes()
