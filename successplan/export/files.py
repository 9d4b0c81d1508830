"""Export files: safe names inside the chosen folder, written atomically, never clobbered."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from successplan.errors import ExportError
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


def export_stem(customer: Customer, day_iso: str) -> str:
    """The file name without extension: slug of the name (or the id) and the date."""
    slug = slugify(customer.name) or f"customer-{slugify(customer.id) or 'plan'}"
    return f"{slug}-{day_iso}"


def _inside(folder: Path, candidate: Path) -> Path:
    resolved = candidate.resolve()
    if resolved.parent != folder.resolve():
        raise ExportError(f"refusing to write {candidate}: it is outside {folder}")
    return candidate


def _write_temporary(folder: Path, content: str) -> Path:
    handle, name = tempfile.mkstemp(dir=folder, prefix=".successplan-", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
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


def write_file(folder: Path, stem: str, extension: str, content: str, *, force: bool) -> Path:
    """Write `content` to `folder/stem.extension` atomically and return the path.

    The content goes to a temporary file in the same folder first and only then takes its
    name, so a failed write leaves no partial export. An existing file is kept: the new
    one gets a `-2`, `-3`… suffix, unless `force` replaces it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the export folder {folder}: {error.strerror}") from None
    try:
        temporary = _write_temporary(folder, content)
    except OSError as error:
        raise ExportError(f"cannot write to {folder}: {error.strerror or error}") from None
    try:
        target = _inside(folder, folder / f"{stem}.{extension}")
        if force:
            os.replace(temporary, target)
            return target
        counter = 1
        while not _link_without_overwrite(temporary, target):
            counter += 1
            target = _inside(folder, folder / f"{stem}-{counter}.{extension}")
        return target
    except OSError as error:
        raise ExportError(f"cannot write {folder}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
