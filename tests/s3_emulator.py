"""An S3 emulator (moto) on 127.0.0.1 for the LanceDB-on-object-storage tests."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def moto_s3(bucket: str = "news") -> Iterator[str]:
    """``moto_server`` on a free loopback port with ``bucket`` created; yields its endpoint; stops it after."""
    import boto3

    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(Exception):
                boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                             aws_secret_access_key="test").create_bucket(Bucket=bucket)  # fmt: skip
                break
            assert time.monotonic() < deadline, "moto did not start"
            time.sleep(0.2)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=10)
