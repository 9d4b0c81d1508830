"""Storage that misbehaves, for the fault tests: read-only and full file systems.

A small tmpfs is mounted where the machine allows it (as root); where it does not, the
tests that need one are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from successplan.store import Store


def _mount_tmpfs(folder: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")


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
