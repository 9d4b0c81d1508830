"""Storage that misbehaves, for the fault tests: read-only folders and file systems, and
full ones.

A small tmpfs is mounted where the machine allows it (as root); where it does not, the
tests that need one are skipped with the reason, or fail in CI (`tests.requirements`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from successplan.store import Store
from tests.requirements import missing, need_tool


def _mount_tmpfs(folder: Path, size: str) -> None:
    need_tool("root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        missing(f"cannot mount a small file system here: {mounted.stderr.strip()}")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


class SmallDisk:
    """A file system of a few megabytes that a test can fill or make read-only."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._filler = folder / "filler"

    def fill(self) -> None:
        """Take every free byte, so that the next write fails with 'no space left'."""
        descriptor = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for chunk in (b"\0" * 65536, b"\0"):
                try:
                    while True:
                        os.write(descriptor, chunk)
                except OSError:
                    pass
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def make_read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    folder = tmp_path / "disk"
    folder.mkdir()
    _mount_tmpfs(folder, "3m")
    try:
        yield SmallDisk(folder)
    finally:
        _unmount(folder)


@pytest.fixture
def plans_on_small_disk(small_disk: SmallDisk, demo_customers) -> Path:
    """A database on the small disk holding the demo plans, closed."""
    path = small_disk.folder / "plans.db"
    with Store.open(path) as store:
        store.save_customers(demo_customers)
    return path


# As root, a folder's permissions bind only a process without the capabilities that
# override them: successplan runs as such a process (as anyone else, as itself).
_WITHOUT_OVERRIDES = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"]


class ReadOnlyFolder:
    """A folder whose permissions forbid writing in it (chmod), and successplan run as a
    process those permissions bind, even when the tests run as root."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def lock(self, *, files_too: bool = False) -> None:
        """Take away the right to write in the folder (and to its files, with `files_too`)."""
        if files_too:
            for path in self.folder.iterdir():
                path.chmod(0o444)
        self.folder.chmod(0o555)

    def unlock(self) -> None:
        self.folder.chmod(0o755)
        for path in self.folder.iterdir():
            path.chmod(0o644)

    @contextmanager
    def writable(self) -> Iterator[None]:
        """For the block, someone with the right to write in the folder is writing."""
        self.folder.chmod(0o755)
        try:
            yield
        finally:
            self.folder.chmod(0o555)

    def command(self, *args: str) -> list[str]:
        """The command line that runs `args` as a process the folder's permissions bind."""
        wrapper = _WITHOUT_OVERRIDES if os.geteuid() == 0 else []
        return [*wrapper, sys.executable, *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`successplan ARGS` run as such a process (bounded in time)."""
        return subprocess.run(
            self.command("-m", "successplan", *args),
            capture_output=True,
            text=True,
            timeout=60,
        )


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    folder = tmp_path / "share"
    folder.mkdir()
    if os.geteuid() == 0:
        need_tool("setpriv")
    probe = ReadOnlyFolder(folder)
    probe.lock()
    try:
        touched = subprocess.run(
            probe.command("-c", f"open({str(folder / 'x')!r}, 'w')"), capture_output=True
        )
        if touched.returncode == 0:
            missing("this machine lets every process write in a read-only folder")
    finally:
        probe.unlock()
    try:
        yield ReadOnlyFolder(folder)
    finally:
        ReadOnlyFolder(folder).unlock()
