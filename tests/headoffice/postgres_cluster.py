"""A throwaway PostgreSQL cluster from the machine's PostgreSQL binaries, for the head office's
tests on its production database; on a machine without the binaries or psycopg, why not."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: initdb and the server refuse to run as root: as root they run as this user.
SERVER_USER = "postgres"


def binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def missing() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    if binaries() is None:
        return "no PostgreSQL binaries (Debian: apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root without a {SERVER_USER!r} user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def cluster(folder: Path, *, durable: bool = False) -> Iterator[str]:
    """A new cluster in ``folder`` listening on a Unix socket there; its SQLAlchemy URL.
    Tests run it without fsync; ``durable`` keeps fsync on (benchmarks: production's cost)."""
    bin_dir = binaries()
    assert bin_dir is not None
    data, sockets = folder / "data", folder / "sockets"
    data.mkdir()
    sockets.mkdir()
    user: str | None = None
    if os.geteuid() == 0:
        user = SERVER_USER
        entry = pwd.getpwnam(user)
        for path in (folder, data, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()

    def run(*args: str) -> None:
        # The server outlives pg_ctl: its output goes to the log, never to a pipe we would wait on.
        subprocess.run(
            args,
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            user=user,
            cwd=folder,
            timeout=60,
        )

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "ho", "--auth=trust", "-E", "UTF8")
    options = f"-k {sockets} -p {port} -c listen_addresses=''"
    if not durable:
        options += " -c fsync=off"
    log = folder / "server.log"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield f"postgresql+psycopg://ho@/postgres?host={sockets}&port={port}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
