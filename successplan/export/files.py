"""Export files: safe names inside the chosen folder, written atomically, never clobbered.

Files are created with the permissions the user's umask gives (as any program's files
are), an interrupted export (Ctrl-C, or SIGTERM inside `terminating_cleanly`) leaves no
temporary file behind (one killed outright does, and a later export removes it), and
writing what is already there, byte for byte, writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from successplan.errors import ExportError
from successplan.files import remove_stale_temporaries
from successplan.model import Customer

SLUG_MAX = 60
# Names Windows reserves whatever the extension; a slug equal to one gets a suffix.
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{n}" for n in range(10)] + [f"lpt{n}" for n in range(10)]
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Latin letters that Unicode does not decompose into an ASCII letter plus accents.
_TRANSLITERATION = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def slugify(name: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens: `Acme Corp` → `acme-corp`.

    Empty when nothing of the name survives (e.g. only emoji).
    """
    latin = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    ascii_name = latin.encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")
    slug = slug[:SLUG_MAX].rstrip("-")
    if slug in RESERVED_NAMES:
        slug = f"{slug}-plan"
    return slug


SHORT_ID = 8
TEMPORARY_PREFIX = ".successplan-"
_TEMPORARY_HEX = 16
TEMPORARY_NAME = re.compile(rf"{re.escape(TEMPORARY_PREFIX)}[0-9a-f]{{{_TEMPORARY_HEX}}}\.tmp")


def customer_slug(customer_id: str, name: str) -> str:
    """The part of the file name that names the customer: slug of the name, or of the id."""
    return slugify(name) or f"customer-{slugify(customer_id) or 'plan'}"


def namesakes(customers: Iterable[tuple[str, str]]) -> set[str]:
    """The ids of the customers (id, name) whose names give the same file name as another's."""
    by_slug: dict[str, list[str]] = {}
    for customer_id, name in customers:
        by_slug.setdefault(customer_slug(customer_id, name), []).append(customer_id)
    return {customer_id for ids in by_slug.values() if len(ids) > 1 for customer_id in ids}


def export_stem(customer: Customer, day_iso: str, *, namesake: bool = False) -> str:
    """The file name without extension: slug of the name (or the id) and the date.

    A `namesake` (another customer's name gives the same slug) also gets the start of its
    id, so that two customers never share a file, even with --force.
    """
    slug = customer_slug(customer.id, customer.name)
    if namesake:
        slug = f"{slug}-{slugify(customer.id)[:SHORT_ID]}"
    return f"{slug}-{day_iso}"


def remove_stale_exports(folder: Path) -> None:
    """Remove the temporary files that exports killed midway left in `folder` (never
    another live export's: see `remove_stale_temporaries`)."""
    remove_stale_temporaries(folder, TEMPORARY_NAME)


def _inside(folder: Path, candidate: Path) -> Path:
    resolved = candidate.resolve()
    if resolved.parent != folder.resolve():
        raise ExportError(f"refusing to write {candidate}: it is outside {folder}")
    return candidate


def _write_temporary(folder: Path, content: bytes) -> Path:
    # os.open with 0o666 lets the umask decide the permissions (mkstemp would force 0600).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = folder / f"{TEMPORARY_PREFIX}{secrets.token_hex(_TEMPORARY_HEX // 2)}.tmp"
        try:
            handle = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _link_without_overwrite(temporary: Path, target: Path) -> bool:
    """Give the temporary file its final name unless that name exists; True when done."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links: fall back to check-then-rename.
        if target.exists():
            return False
        os.replace(temporary, target)
        return True
    temporary.unlink()
    return True


@dataclass(frozen=True)
class Written:
    """Where an export is, and whether it was already there (same content: not rewritten)."""

    path: Path
    unchanged: bool = False


def _same_content(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _already_there(folder: Path, stem: str, extension: str, content: bytes) -> Path | None:
    """The file of this name (or a `-2`, `-3`… of it) that already holds exactly `content`."""
    candidate, counter = folder / f"{stem}.{extension}", 1
    while candidate.exists():
        if _same_content(candidate, content):
            return candidate
        counter += 1
        candidate = folder / f"{stem}-{counter}.{extension}"
    return None


def write_file(
    folder: Path, stem: str, extension: str, content: str | bytes, *, force: bool
) -> Written:
    """Write `content` to `folder/stem.extension` atomically; where it is.

    The content goes to a temporary file in the same folder first and only then takes its
    name, so a failed write leaves no partial export. A file that already holds the same
    content is kept and nothing is written (`unchanged`). Another existing file is kept
    too: the new one gets a `-2`, `-3`… suffix, unless `force` replaces it.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the export folder {folder}: {error.strerror}") from None
    same = _already_there(folder, stem, extension, data)
    if same is not None:
        return Written(_inside(folder, same), unchanged=True)
    return _write_new(folder, stem, extension, data, force=force)


def _write_new(folder: Path, stem: str, extension: str, content: bytes, *, force: bool) -> Written:
    try:
        temporary = _write_temporary(folder, content)
    except OSError as error:
        raise ExportError(f"cannot write to {folder}: {error.strerror or error}") from None
    try:
        target = _inside(folder, folder / f"{stem}.{extension}")
        if force:
            os.replace(temporary, target)
            return Written(target)
        counter = 1
        while not _link_without_overwrite(temporary, target):
            # Another export (another process) took the name since we looked: the same
            # file is already there; another one is kept and ours takes the next name.
            if _same_content(target, content):
                return Written(target, unchanged=True)
            counter += 1
            target = _inside(folder, folder / f"{stem}-{counter}.{extension}")
        return Written(target)
    except OSError as error:
        raise ExportError(f"cannot write {folder}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def terminating_cleanly() -> Iterator[None]:
    """While exporting, SIGTERM ends the program like Ctrl-C does: through `finally`
    blocks, so that no temporary file is left behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
