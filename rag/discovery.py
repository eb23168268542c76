"""How ``rag ask`` finds a running ``rag serve`` for the same index — the warm path.

A cold ``rag ask`` loads the generator, the encoder and the index before it answers; a running
server has them loaded already. ``rag serve`` announces itself in
``CACHE_DIR/servers/<index key>.json`` (written atomically, removed when it stops): its URL, its
process id, and a key of the settings that decide answers. ``rag ask`` uses that server only when
the process is alive and the key equals its own — same index folder, same models, same retrieval
and answering settings — so an answer is the same either way; otherwise, or when the server does
not answer, it answers in-process. Only stdlib imports here: the check must cost nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import fields
from pathlib import Path
from typing import Any

from rag.settings import Settings

# Settings that change how fast or where, never what is answered.
PROCESS_ONLY = frozenset(
    {
        "host", "port", "engine", "ray_address", "replicas", "n_threads", "embed_threads", "embed_batch",
        "embed_backend", "max_upload_mb", "max_upload_files", "use_server", "cache_dir",
    }
)  # fmt: skip


def index_key(settings: Settings) -> str:
    return hashlib.sha256(str(Path(settings.index_dir).expanduser().resolve()).encode()).hexdigest()[:16]


def answer_key(settings: Settings) -> str:
    """A hash of every setting that can change an answer (paths resolved)."""
    values: dict[str, Any] = {}
    for f in fields(settings):
        if f.name in PROCESS_ONLY:
            continue
        value = getattr(settings, f.name)
        values[f.name] = str(Path(value).expanduser().resolve()) if isinstance(value, Path) else value
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:16]


def server_file(settings: Settings) -> Path:
    return Path(settings.cache_dir).expanduser() / "servers" / f"{index_key(settings)}.json"


def announce(settings: Settings, url: str) -> Path:
    """Record this process as the server of ``settings.index_dir``; returns the file to remove at exit."""
    path = server_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "url": url,
        "pid": os.getpid(),
        "index_dir": str(Path(settings.index_dir).expanduser().resolve()),
        "answer_key": answer_key(settings),
        "started": time.time(),
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".announce-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    os.replace(tmp, path)
    return path


def withdraw(path: Path) -> None:
    """Remove the announcement, if it is still this process's."""
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()


def find_server(settings: Settings) -> str | None:
    """The URL of a live server answering exactly as ``settings`` would, else None."""
    path = server_file(settings)
    try:
        record = json.loads(path.read_text())
        pid, url, key = int(record["pid"]), str(record["url"]), str(record["answer_key"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _alive(pid):
        with contextlib.suppress(OSError):
            path.unlink()  # a server that died without cleaning up
        return None
    return url if key == answer_key(settings) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
