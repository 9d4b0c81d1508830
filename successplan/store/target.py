"""Which database `--db` (or $SUCCESSPLAN_DB) names: an SQLite file, or a PostgreSQL server.

A server is named by a URL (`postgresql://user@host/db`, `postgresql:///db?host=/run/...`)
or by libpq's `key=value` words (`service=team`, `host=… dbname=…`). Either may hold a
password; what a message shows never does (`shown`). Anything else is a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from successplan.store.engine import EngineKind

_URL_SCHEMES = ("postgresql://", "postgres://")
# The words of libpq's connection strings that can begin one (`service=team`).
_CONNINFO_WORDS = frozenset(
    {
        "service",
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "sslmode",
        "passfile",
        "options",
        "application_name",
        "connect_timeout",
    }
)


@dataclass(frozen=True)
class DatabaseTarget:
    """A database to open: a file's path, or a server's connection string."""

    kind: EngineKind
    path: Path | None = None
    # libpq's connection string as given (it may hold a password: never show it).
    conninfo: str = field(default="", repr=False)

    def shown(self) -> str:
        """The database as a message may name it: a path, or the server's address without
        any password."""
        if self.path is not None:
            return str(self.path)
        return redacted(self.conninfo)

    def __str__(self) -> str:
        return self.shown()


def database_target(value: str | Path) -> DatabaseTarget:
    """The database `value` names (see the module's docstring)."""
    if isinstance(value, Path):
        return DatabaseTarget(EngineKind.SQLITE, path=value.expanduser())
    text = value.strip()
    if text.lower().startswith(_URL_SCHEMES) or _is_conninfo(text):
        return DatabaseTarget(EngineKind.POSTGRESQL, conninfo=text)
    return DatabaseTarget(EngineKind.SQLITE, path=Path(value).expanduser())


def is_server(value: str | Path) -> bool:
    """True when `value` names a PostgreSQL server rather than a file."""
    return database_target(value).kind is EngineKind.POSTGRESQL


def _is_conninfo(text: str) -> bool:
    first = text.split(None, 1)[0] if text else ""
    word, equals, _ = first.partition("=")
    return bool(equals) and word.strip().lower() in _CONNINFO_WORDS


def redacted(conninfo: str) -> str:
    """A connection string or URL without its password (and without any query parameter
    that could carry one)."""
    if conninfo.lower().startswith(_URL_SCHEMES):
        parts = urlsplit(conninfo)
        netloc = parts.netloc
        if "@" in netloc:
            credentials, _, place = netloc.rpartition("@")
            user = credentials.split(":", 1)[0]
            netloc = f"{user}@{place}"
        query = "&".join(
            pair
            for pair in parts.query.split("&")
            if pair and not pair.lower().startswith(("password=", "passfile="))
        )
        # (urlunsplit would drop the // of a URL without a host: postgresql:///db.)
        return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
    words = []
    for word in _conninfo_words(conninfo):
        key = word.partition("=")[0].strip().lower()
        if key not in ("password", "passfile"):
            words.append(word)
    return " ".join(words)


def _conninfo_words(conninfo: str) -> list[str]:
    """The `key=value` words of a libpq connection string, quoted values kept whole."""
    words: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for character in conninfo:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            current.append(character)
            escaped = True
        elif character == "'":
            current.append(character)
            quoted = not quoted
        elif character.isspace() and not quoted:
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(character)
    if current:
        words.append("".join(current))
    # "key = value" written with spaces is one word.
    joined: list[str] = []
    for word in words:
        if joined and (word.startswith("=") or joined[-1].endswith("=")):
            joined[-1] += word
        else:
            joined.append(word)
    return joined
