"""The key that signs the page's forms, kept in a file of its own beside the book in the
user's data folder: a form opened before `serve` restarted, or served by another worker
on this computer, is still accepted.

The file holds 32 random bytes in hex, is readable by its owner only, and is made once:
two servers starting together agree on whichever wrote it first.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from successplan.errors import SuccessPlanError
from successplan.store import default_db_path

SECRET_FILE = "page-secret"
_KEY_BYTES = 32


def page_secret_path() -> Path:
    """Where the key is: beside the default book, in the user's data folder."""
    return default_db_path().parent / SECRET_FILE


def _read(path: Path) -> bytes:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SuccessPlanError(
            f"{path} (the key that signs the page's forms) can be read by others: "
            f"`chmod 600 {path}`, or delete it to make a new one."
        )
    text = path.read_text(encoding="ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != _KEY_BYTES:
        raise SuccessPlanError(
            f"{path} does not hold a key for the page's forms: delete it to make a new one."
        )
    return key


def page_secret(path: Path | None = None) -> bytes:
    """The key that signs the page's forms, made the first time it is asked for."""
    path = path or page_secret_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as error:
        raise SuccessPlanError(f"Cannot read {path}: {error}.") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{SECRET_FILE}-{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(_KEY_BYTES) + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)  # never replaces a key another server wrote first
    finally:
        draft.unlink(missing_ok=True)
    return _read(path)
