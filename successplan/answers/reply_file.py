"""Reading a reply the customer saved from the HTML plan, or pasted into an email.

Both carry the same JSON (`successplan.export.reply`): checked against its schema and its
fingerprint, it becomes a `ReturnedFile` like a ticked Markdown plan, so `review` shows
the same report and runs the same checks. An email saved as a file (`.eml`) is opened
with the standard library: a reply file attached to it wins, then reply text or a quoted
plan in its body, then a Markdown plan attached.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html import unescape

from pydantic import ValidationError

from successplan.answers.lines import with_follows
from successplan.answers.quoting import own_lines
from successplan.answers.steps import (
    LooseKind,
    LooseText,
    ReturnedFile,
    ReturnedStep,
    ReturnError,
    StepKind,
    StepMarker,
    decode,
)
from successplan.answers.text import words
from successplan.export.reply import (
    ARMOR_BEGIN,
    ARMOR_END,
    REPLY_FORMAT,
    PlanReply,
    dearmored,
    reply_fingerprint,
)

_EMAIL_HEADER = re.compile(
    rb"^(?:Return-Path|Received|From|To|Subject|Date|MIME-Version|Message-ID|Content-Type|"
    rb"Delivered-To|X-[A-Za-z0-9-]+):",
    re.IGNORECASE,
)
PLAN_MARKER_START = "<!-- successplan plan"
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr)>|<br\s*/?>", re.IGNORECASE)


def looks_like_reply(text: str) -> bool:
    """True for a reply file (JSON) or a text that carries the reply block."""
    stripped = text.lstrip()
    return (stripped.startswith("{") and REPLY_FORMAT in stripped[:2000]) or ARMOR_BEGIN in text


def read_reply(text: str) -> ReturnedFile:
    """Read a reply file or reply text; `ReturnError` when it is damaged or not a reply.

    Pasted in an email, what the customer wrote around the reply block (not the page's
    summary of the reply above it, nor what the mail client added) is kept as text outside
    the steps: a comment on the whole plan.
    """
    via_email = not text.lstrip().startswith("{")
    payload = dearmored(text) if via_email else text
    if not payload:
        raise ReturnError(
            "the reply text was damaged on the way (its block of letters is cut or changed): "
            "ask the customer to copy it again, or to send the saved reply file"
        )
    try:
        reply = _reply(payload)
    except RecursionError:
        raise ReturnError(
            "this file is not a reply successplan can read: its JSON is nested too deeply to be one"
        ) from None
    returned = returned_from_reply(reply, via_email=via_email)
    if not via_email:
        return returned
    return replace(returned, loose=_around_the_block(text, reply))


def _reply(payload: str) -> PlanReply:
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as error:
        raise ReturnError(
            f"this reply file is not valid JSON ({error.msg} at line {error.lineno})"
        ) from None
    try:
        reply = PlanReply.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the reply"
        message = f"this is not a reply successplan can read: {where}: {first['msg']}"
        raise ReturnError(message) from None
    if reply_fingerprint(data) != reply.fingerprint:
        raise ReturnError(
            "this reply was changed after the customer saved it (its fingerprint does not "
            "match): ask them to save it again from the plan"
        )
    return reply


def _page_summary(reply: PlanReply) -> str:
    """The summary the page writes above the reply block (`readable()` in reply.js), all
    but its first line (the page's title)."""
    lines: list[str] = []
    for now, heading in (("done", "Done:"), ("open", "Not done after all:")):
        steps = [step for step in reply.steps if step.now == now and step.now != step.was]
        if steps:
            lines += [heading, *(f"- {step.text}" for step in steps)]
    commented = [step for step in reply.steps if step.comment]
    if commented or reply.comment:
        lines.append("Comments:")
        lines += [f"- On “{step.text}”: {step.comment}" for step in commented]
        if reply.comment:
            lines.append(f"- On the whole plan: {reply.comment}")
    lines.append("(The block below lets us update the plan: please keep it as it is.)")
    return "\n".join(lines)


def _around_the_block(text: str, reply: PlanReply) -> tuple[LooseText, ...]:
    """The paragraphs the customer wrote around the reply block in their email."""
    lines = text.split("\n")
    begin = next(n for n, line in enumerate(lines) if ARMOR_BEGIN in line)
    end = next((n for n, line in enumerate(lines) if ARMOR_END in line and n > begin), begin)
    summary = f" {' '.join(words(_page_summary(reply)))} "
    blocks: list[LooseText] = []
    paragraph: list[tuple[int, str]] = []
    for number, line in enumerate([*own_lines(lines, begin, end), ""], start=1):
        if line.strip():
            paragraph.append((number, line))
            continue
        if paragraph and not paragraph[0][1].lstrip().startswith("My reply to:"):
            theirs = [
                (at, said)
                for at, said in paragraph
                if words(said) and f" {' '.join(words(said))} " not in summary
            ]
            blocks.extend(LooseText(at, (said,), LooseKind.PARAGRAPH) for at, said in theirs)
        paragraph = []
    return with_follows(blocks, text)


def returned_from_reply(reply: PlanReply, *, via_email: bool = False) -> ReturnedFile:
    """A reply as a `ReturnedFile`: each step with the marker it was sent with."""
    steps = [
        ReturnedStep(
            line=0,
            ticked=step.now == "done",
            text=" ".join(step.text.split()),
            marker=StepMarker(StepKind(step.kind), step.id, step.was == "done", step.digest),
            comment=step.comment.strip(),
        )
        for step in reply.steps
    ]
    return ReturnedFile(
        customer_id=reply.customer,
        exported_on=reply.exported,
        internal=reply.audience == "internal",
        plan_version=reply.plan_version,
        steps=steps,
        comment=reply.comment.strip(),
        via_email=via_email,
    )


def looks_like_email(data: bytes) -> bool:
    """True for an email saved as a file: it starts with mail headers."""
    return bool(_EMAIL_HEADER.match(data.lstrip(b"\xef\xbb\xbf")[:200]))


def text_of_email(data: bytes) -> str:
    """What to read in an email, the surest first: a reply (attached, or in the body), a plan
    with its markers (attached, or quoted in the body), and last the body as it is."""
    try:
        return _text_of_email(data)
    except RecursionError:
        raise ReturnError(
            "this file is an email nested too deeply (parts within parts) to be read: ask "
            "the customer to send the plan or the reply file again, attached to a new email"
        ) from None


def _text_of_email(data: bytes) -> str:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    attachments = [part for part in message.iter_attachments() if isinstance(part, EmailMessage)]
    texts = [text for text in map(_attachment_text, attachments) if text]
    body = _body(message)
    candidates = [*texts, body]
    for sure in (looks_like_reply, lambda text: PLAN_MARKER_START in text):
        for text in candidates:
            if sure(text):
                return text
    return body


def _attachment_text(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return decode(payload)
    except ReturnError:
        return ""  # a PDF or a picture


def _body(message: EmailMessage) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if isinstance(plain, EmailMessage):
        return _content(plain)
    html = message.get_body(preferencelist=("html",))
    if isinstance(html, EmailMessage):
        return unescape(_TAG.sub("", _BLOCK_END.sub("\n", _content(html))))
    return ""


def _content(part: EmailMessage) -> str:
    """The text of a part of an email, in the character set it declares."""
    try:
        return str(part.get_content())
    except LookupError:
        raise ReturnError(
            f'this file is an email in a character set, "{part.get_content_charset()}", that '
            "successplan does not know: ask the customer to send it again as UTF-8, or save "
            "its text as a file"
        ) from None
