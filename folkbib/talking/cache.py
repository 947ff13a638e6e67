"""A content-addressed audio cache on disk, shared by every process of the deployment.

The key is a hash of everything that decides the sound: engine and its version, voice,
rate, pitch, volume, format and the SSML. A file is either complete or absent: it is
written under a temporary name and renamed into place (atomic on POSIX). Concurrent
requests for the same key synthesise once: the first takes an exclusive ``flock`` on
the key's lock file (held by the kernel, so across processes and threads alike), the
others wait on it and then find the finished file. Nothing lives only in one
process's memory.

Layout: ``<root>/ab/abcdef….<ext>`` and ``<root>/locks/ab/abcdef….lock``. Removing
the whole directory at any time is safe (the next request synthesises again).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

__all__ = ["AudioCache", "CachedAudio", "cache_key", "default_cache"]

LOCK_TIMEOUT_SECONDS = 60.0


def cache_key(*parts: str) -> str:
    """SHA-256 over the parts, each length-prefixed so no two lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(4, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedAudio:
    key: str
    path: Path
    size: int
    created: bool  # synthesised by this call (False: found in the cache)


class AudioCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, key: str, extension: str) -> Path:
        return self.root / key[:2] / f"{key}.{extension}"

    def _lock_path(self, key: str) -> Path:
        return self.root / "locks" / key[:2] / f"{key}.lock"

    def lookup(self, key: str, extension: str) -> CachedAudio | None:
        path = self.path_for(key, extension)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return None
        return CachedAudio(key, path, size, created=False)

    def fetch(self, key: str, extension: str, produce: Callable[[], bytes]) -> CachedAudio:
        """The audio for ``key``, calling ``produce`` only if no process has made it yet."""
        found = self.lookup(key, extension)
        if found is not None:
            return found
        lock_path = self._lock_path(key)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+b") as lock:
            _lock_exclusive(lock.fileno())
            try:
                found = self.lookup(key, extension)  # made while we waited
                if found is not None:
                    return found
                data = produce()
                path = self.path_for(key, extension)
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
                try:
                    with os.fdopen(fd, "wb") as out:
                        out.write(data)
                    os.replace(temporary, path)
                except BaseException:
                    Path(temporary).unlink(missing_ok=True)
                    raise
                return CachedAudio(key, path, len(data), created=True)
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _lock_exclusive(fd: int) -> None:
    # Poll rather than block forever: a process stuck in synthesis must not hang every
    # other request for the same text; after the timeout the waiter fails instead.
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    delay = 0.002
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        if time.monotonic() > deadline:
            raise TimeoutError("audio cache lock timed out")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def default_cache() -> AudioCache:
    root = Path(settings.SPEECH_CACHE_DIR)
    return AudioCache(Path(root))
