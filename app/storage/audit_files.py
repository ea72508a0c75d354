"""The audit chain's secret key and its head, kept as files in the data directory, never in the
database.

What they guarantee:

- **The key** (``audit.key``, 32 random bytes as hex, made with :mod:`secrets` at the first audit
  write, readable by its owner only where the system has such permissions) is what the chain's
  HMAC-SHA256 needs. Someone who can change the database but not this file cannot edit a row and
  compute the chain again after it. It is never made twice: a second process that races to make
  it reads the first one's. A backup restored in the same data directory verifies with it, as
  the backups sit beside it in ``backups/``.
- **The head** (``counter.audit-head`` beside ``counter.db``) says how far the chain went: the
  newest row's number and hash, written after each transaction that wrote audit rows has
  committed. A database whose newest rows
  were deleted ends before the head, and the verification says so. It is written in place into
  one of two fixed slots (by the row number's parity), each slot with its own checksum: a power
  cut in the middle of a write spoils that slot only, and the reader takes the newest sound one.
  Writing in place costs about ten microseconds (a rename costs a hundred, an fsync four hundred on
  this machine), so the sale path does not feel it. A head that lags behind the database (a crash
  just after a commit, two processes writing at once) is allowed: the rows after it still carry
  their keyed hashes.

:func:`app.storage.audit.current_head` is what the head office will anchor remotely: a chain
that shrinks or forks is then seen even by someone who can change every file here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import secrets
import time
from pathlib import Path

from app.errors import KnownError

log = logging.getLogger(__name__)

AUDIT_KEY_FILE = "audit.key"
#: The head of ``counter.db`` is ``counter.audit-head`` beside it: each database its own.
AUDIT_HEAD_SUFFIX = ".audit-head"
KEY_BYTES = 32
#: One slot of the head file: JSON, a tab, a checksum of the JSON, spaces, a newline.
HEAD_SLOT_BYTES = 256
_HEAD_SLOTS = 2
_CHECKSUM_CHARS = 16
_KEY_ID_SALT = b"store-counter audit key id\x00"


class AuditFileUnreadable(KnownError):
    """The key file is there but does not hold a key; the message names the file."""


@dataclasses.dataclass(frozen=True)
class AuditKey:
    secret: bytes = dataclasses.field(repr=False)
    #: A name of the key that reveals nothing of it: the database records which key chained
    #: which rows, so a lost or swapped key file is told apart from an edited row.
    key_id: str = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        key_id = hashlib.sha256(_KEY_ID_SALT + self.secret).hexdigest()[:16]
        object.__setattr__(self, "key_id", key_id)


@dataclasses.dataclass(frozen=True)
class ChainHead:
    """The newest audit row a store wrote: its number and hash, the number the keyed chain starts
    at (None for a store chained with plain SHA-256 only) and the key's id."""

    seq: int
    hash: str
    keyed_from: int | None = None
    key_id: str | None = None

    def to_json(self) -> str:
        fields = {
            "hash": self.hash,
            "key_id": self.key_id,
            "keyed_from": self.keyed_from,
            "seq": self.seq,
        }
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ChainHead:
        fields = json.loads(text)
        return cls(
            seq=int(fields["seq"]),
            hash=str(fields["hash"]),
            keyed_from=None if fields.get("keyed_from") is None else int(fields["keyed_from"]),
            key_id=None if fields.get("key_id") is None else str(fields["key_id"]),
        )


def key_path(data_dir: Path) -> Path:
    return data_dir / AUDIT_KEY_FILE


def head_path(database: Path) -> Path:
    return database.with_name(database.stem + AUDIT_HEAD_SUFFIX)


# -- the key --------------------------------------------------------------------------------------


def read_key(data_dir: Path) -> AuditKey | None:
    """The store's audit key, or None when the file is not there (AuditFileUnreadable when it
    holds no key)."""
    path = key_path(data_dir)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditFileUnreadable("审计密钥文件 %1 无法读取：%2", path, exc) from exc
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise AuditFileUnreadable("审计密钥文件 %1 里不是审计密钥", path)
    return AuditKey(secret)


def key_for_writing(data_dir: Path, known: AuditKey | None = None) -> AuditKey:
    """The store's audit key, made now if it has none yet (never replacing one that is there).

    ``known`` is the key this process chained with so far: a key file deleted while the counter
    runs is written back with it, and nothing is lost. Otherwise a missing file means a new key.
    A key file that holds no key is moved aside (``audit.key.unreadable-<time>``, kept for a
    person to look at) and replaced the same way: the counter keeps selling, and the
    verification says which rows a key that is gone chained.
    """
    try:
        found = read_key(data_dir)
    except AuditFileUnreadable:
        aside = key_path(data_dir).with_name(f"{AUDIT_KEY_FILE}.unreadable-{time.time_ns()}")
        log.error("the audit key file in %s holds no key; kept as %s", data_dir, aside)
        os.replace(key_path(data_dir), aside)
        found = None
    if found is not None:
        return found
    path = key_path(data_dir)
    made = known or AuditKey(secrets.token_bytes(KEY_BYTES))
    partial = path.with_name(f".{AUDIT_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    _write_new_file(partial, (made.secret.hex() + "\n").encode("ascii"))
    try:
        os.link(partial, path)  # fails if another process made it first: never replaced
    except FileExistsError:
        pass
    finally:
        partial.unlink(missing_ok=True)
    _fsync_directory(data_dir)
    kept = read_key(data_dir)
    assert kept is not None  # just linked, by us or by the process that raced us
    if kept == made and known is not None:
        log.warning("the audit key file in %s was gone; written back from memory", data_dir)
    elif kept == made:
        log.info("made the audit key %s in %s", made.key_id, data_dir)
    return kept


# -- the head -------------------------------------------------------------------------------------


def _slot(head: ChainHead) -> bytes:
    text = head.to_json()
    line = f"{text}\t{_checksum(text)}"
    encoded = line.encode("ascii").ljust(HEAD_SLOT_BYTES - 1) + b"\n"
    if len(encoded) != HEAD_SLOT_BYTES:  # a bug: a hash or key id of an unexpected length
        raise ValueError(f"audit head too long for its slot: {line!r}")
    return encoded


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:_CHECKSUM_CHARS]


def _parse_slot(raw: bytes) -> ChainHead | None:
    try:
        text, checksum = raw.decode("ascii").rstrip(" \n").rsplit("\t", 1)
        if checksum != _checksum(text):
            return None
        return ChainHead.from_json(text)
    except (ValueError, KeyError, TypeError):
        return None


def read_head(database: Path) -> tuple[ChainHead | None, bool]:
    """The newest sound head of ``database`` and whether its file is there at all.

    ``(None, True)`` is a file with no sound slot (a damaged or foreign file).
    """
    try:
        raw = head_path(database).read_bytes()
    except FileNotFoundError:
        return None, False
    slots = [
        _parse_slot(raw[i * HEAD_SLOT_BYTES : (i + 1) * HEAD_SLOT_BYTES])
        for i in range(_HEAD_SLOTS)
    ]
    sound = [slot for slot in slots if slot is not None]
    return (max(sound, key=lambda head: head.seq) if sound else None), True


_WRITE_FLAGS = os.O_WRONLY | getattr(os, "O_BINARY", 0)


def write_head(database: Path, head: ChainHead, *, path: Path | None = None) -> None:
    """Record ``head`` after its transaction committed: in place, into its slot (``path``: the
    head file, when the caller knows it already).

    A file that is not there yet is made whole (both slots, synced) first.
    """
    try:
        fd = os.open(path or head_path(database), _WRITE_FLAGS)
    except FileNotFoundError:
        reset_head(database, head)
        return
    try:
        os.lseek(fd, (head.seq % _HEAD_SLOTS) * HEAD_SLOT_BYTES, os.SEEK_SET)
        os.write(fd, _slot(head))
    finally:
        os.close(fd)


def reset_head(database: Path, head: ChainHead | None) -> None:
    """Make the head file anew with ``head`` in both slots (a new store, or a restore that put an
    older chain in place), or remove it (None: a restored chain with no rows)."""
    path = head_path(database)
    if head is None:
        path.unlink(missing_ok=True)
        _fsync_directory(path.parent)
        return
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    _write_new_file(partial, _slot(head) * _HEAD_SLOTS)
    os.replace(partial, path)
    _fsync_directory(path.parent)


# -- files ----------------------------------------------------------------------------------------


def _write_new_file(path: Path, content: bytes) -> None:
    """A new file only its owner may read (where the system knows that), synced to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if os.name != "nt":
            os.fchmod(fd, 0o600)  # whatever the umask said
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; its renames are durable already
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
