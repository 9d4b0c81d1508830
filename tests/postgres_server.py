"""A throwaway PostgreSQL server for the tests and the benchmarks: `initdb` into a temporary
folder, `pg_ctl` on a unix socket in it (no TCP port), `fsync` off, stopped at the end.

Run as root, the server runs as the unprivileged `postgres` user (PostgreSQL refuses to run
as root), which Debian's postgresql package creates. The binaries are found on PATH or in
Debian's /usr/lib/postgresql/<version>/bin.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on the PATH, or where Debian puts them
    (/usr/lib/postgresql/VERSION/bin, the newest); None when the server is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl", path=str(Path(found).parent)):
        return Path(found).parent
    folders = [Path(path).parent for path in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    folders = [folder for folder in folders if (folder / "pg_ctl").exists()]
    folders.sort(key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0)
    return folders[-1] if folders else None


def _as_server_user() -> list[str]:
    """The words that run a command as the server's user (nothing when not root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", SUPERUSER, "--"]


class ThrowawayServer:
    """A PostgreSQL server of its own, in a temporary folder, for as long as it is needed."""

    def __init__(self, *, crash_safe: bool = False) -> None:
        """`crash_safe`: every commit is in the log before it is acknowledged, so that a
        server killed (as a crash would) keeps what it said it saved; otherwise commits
        are acknowledged first, which is quicker for tests that never kill it."""
        self._crash_safe = crash_safe
        binaries = server_binaries()
        if binaries is None:
            raise RuntimeError("PostgreSQL's server is not installed (Debian: postgresql)")
        self._bin = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="successplan-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam(SUPERUSER)
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.data = self.folder / "data"
        self.socket_folder = self.folder
        self._started = False

    def start(self) -> ThrowawayServer:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start_again()
        return self

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run(
            [*_as_server_user(), str(self._bin / program), *arguments],
            check=True,
            capture_output=True,
            cwd=self.folder,
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate`: as a crash would)."""
        if self._started:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self._started = False

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start_again()

    def start_again(self) -> None:
        # (fsync stays off: the machine itself never crashes in a test, only the server.)
        commits = "" if self._crash_safe else " -c synchronous_commit=off"
        options = (
            f"-k {self.socket_folder} -c listen_addresses='' -c fsync=off "
            f"-c full_page_writes=off -c max_connections=200{commits}"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )
        self._started = True

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def require_password(self, user: str, password: str) -> None:
        """Make `user` log in with `password` (every other user still needs none)."""
        self.sql(f"ALTER ROLE {user} PASSWORD '{password}'")
        rules = self.data / "pg_hba.conf"
        rules.write_text(f"local all {user} scram-sha-256\n" + rules.read_text())
        self._run("pg_ctl", "-D", str(self.data), "reload")

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A URL of a database of this server, over its socket."""
        return f"postgresql://{user}@/{database}?host={self.socket_folder}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the server's superuser."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]
