"""A client of the HTTP API (``rag serve`` or its Ray Serve deployment) that stands in for
:class:`~rag.pipeline.Assistant` where the chat UI uses one (``python app.py --api-url URL``).

    assistant = RemoteAssistant("http://127.0.0.1:8000")
    for event in assistant.stream("What range was Ukraine allowed?"):
        ...  # TokenEvent pieces, then the verified Answer

The same methods return the same types as the local assistant: answers through
:func:`~rag.serialize.answer_from_dict`, :class:`~rag.library.DocumentInfo`, :class:`~rag.records.Document`.
An API error becomes the :mod:`rag.errors` exception its ``type`` names (else :class:`RagError`),
and an unreachable API a :class:`RagError` saying so, so callers show the message as they do today.
No model is loaded here; ``settings`` holds the defaults (top-k, temperature) and a local folder
of this client's own, stable per API address (the UI stages uploads there before sending them).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mimetypes
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from rag import errors
from rag.conversation import Conversation
from rag.errors import RagError, ServerUnreachableError
from rag.filters import Filters
from rag.library import DocumentInfo
from rag.load import Skipped
from rag.records import Answer, Document, TokenEvent
from rag.serialize import answer_from_dict
from rag.settings import Settings

PAGE = 500  # documents per GET /documents request (the API's maximum)


@dataclass(frozen=True)
class RemoteReport:
    """What an upload or re-index through the API did: the :class:`~rag.index.BuildReport`
    fields the UI reads. For an upload ``embedded_documents`` lists the documents added."""

    embedded_documents: tuple[str, ...]
    skipped: tuple[Skipped, ...]  # ``path`` is the file's name
    seconds: float


class RemoteAssistant:
    """The UI's view of an assistant, answered by the HTTP API at ``base_url``."""

    def __init__(self, base_url: str, timeout: float = 600.0, settings: Settings | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        key = hashlib.sha256(self.base_url.encode()).hexdigest()[:12]
        own = Path(tempfile.gettempdir()) / f"rag-remote-{key}"  # stable per API: the UI's saved chats stay readable
        self.settings = settings or Settings.load(index_dir=own)
        self._http = httpx.Client(base_url=self.base_url, timeout=httpx.Timeout(timeout, connect=10.0))

    def close(self) -> None:
        self._http.close()

    # -- answering --------------------------------------------------------------------
    def ask(self, question: str, **options: Any) -> Answer:
        return answer_from_dict(self._json("POST", "/ask", json=_ask_body(question, **options)))

    def stream(self, question: str, **options: Any) -> Iterator[TokenEvent | Answer]:
        """:class:`TokenEvent` per ``token`` event of POST /ask/stream, then the :class:`Answer`.
        Closing the generator closes the connection (the server then releases its decoder)."""
        body = _ask_body(question, **options)
        with self._transport():
            with self._http.stream("POST", "/ask/stream", json=body) as response:
                if response.status_code != 200:
                    response.read()
                    raise _error(response, self.base_url)
                for name, data in _sse(response.iter_lines()):
                    if name == "token":
                        yield TokenEvent(str(data.get("text", "")))
                    elif name == "answer":
                        yield answer_from_dict(data)
                        return
                    elif name == "error":
                        raise _from_body(data) or RagError(f"the API's answer stream failed: {data}")
        raise RagError(f"the answer stream of {self.base_url} ended before its answer")

    # -- the library --------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        """Every document, newest first (the API's order), read page by page."""
        infos: list[DocumentInfo] = []
        while True:
            page = self._json("GET", "/documents", params={"offset": len(infos), "limit": PAGE})
            infos += [DocumentInfo(**row) for row in page["documents"]]
            if not page["documents"] or len(infos) >= int(page["total"]):
                return infos

    def document(self, doc_id: str) -> Document:
        """One document with its text and page starts; DocumentNotFoundError if unknown."""
        row = self._json("GET", f"/documents/{_quoted(doc_id)}", params={"text": "true"})
        return Document(
            doc_id=row["doc_id"],
            path=row.get("path", ""),
            text=row["text"],
            title=row.get("title", ""),
            outlet=row.get("outlet", ""),
            date=row.get("date", ""),
            pages=tuple(int(p) for p in row.get("page_starts", ())),
            origin=row.get("origin", "folder"),
            added=row.get("added", ""),
        )

    @property
    def index(self) -> RemoteDocuments:
        """Stands in for the local index where the UI reads ``index.documents`` (a fresh snapshot
        per access: each document is fetched when first asked for, then kept)."""
        return RemoteDocuments(self)

    def outlets(self) -> list[str]:
        return list(self._json("GET", "/status").get("outlets", []))

    def status(self) -> dict[str, Any]:
        status = self._json("GET", "/status")
        status.pop("outlets", None)
        return status

    def add_documents(self, paths: list[Path], progress: bool = False) -> RemoteReport:
        """Upload files (POST /documents, field ``files``); each goes under its file name. Copies the
        UI staged in this client's own uploads folder are deleted once sent (the server keeps its own)."""
        with contextlib.ExitStack() as stack:
            files = []
            for path in map(Path, paths):
                handle = stack.enter_context(open(path, "rb"))
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                files.append(("files", (path.name, handle, kind)))
            body = self._json("POST", "/documents", files=files)
        staging = (Path(self.settings.index_dir) / "uploads").resolve()
        for path in map(Path, paths):
            if path.resolve().parent == staging:
                path.unlink(missing_ok=True)
        skipped = tuple(Skipped(str(s.get("name", "")), str(s.get("reason", ""))) for s in body.get("skipped", []))
        return RemoteReport(tuple(body.get("added", [])), skipped, float(body.get("seconds", 0.0)))

    def remove_documents(self, doc_ids: list[str]) -> tuple[str, ...]:
        removed: list[str] = []
        for doc_id in doc_ids:
            removed += self._json("DELETE", f"/documents/{_quoted(doc_id)}").get("removed", [])
        return tuple(removed)

    def reindex_documents(self, doc_ids: list[str]) -> RemoteReport:
        embedded: list[str] = []
        skipped: list[Skipped] = []
        seconds = 0.0
        for doc_id in doc_ids:
            body = self._json("POST", f"/documents/{_quoted(doc_id)}/reindex")
            embedded += body.get("embedded", [])
            skipped += [Skipped(str(s.get("name", "")), str(s.get("reason", ""))) for s in body.get("skipped", [])]
            seconds += float(body.get("seconds", 0.0))
        return RemoteReport(tuple(embedded), tuple(skipped), seconds)

    # -- HTTP ---------------------------------------------------------------------------
    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        with self._transport():
            response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise _error(response, self.base_url)
        try:
            return response.json()
        except ValueError as exc:
            raise RagError(f"{self.base_url}{path} did not answer JSON (is it the rag API?)") from exc

    @contextlib.contextmanager
    def _transport(self) -> Iterator[None]:
        try:
            yield
        except httpx.TransportError as exc:
            raise ServerUnreachableError(
                f"could not reach the API at {self.base_url} ({exc.__class__.__name__}: {exc})"
            ) from exc


class RemoteDocuments(Mapping[str, Document]):
    """Document id → :class:`Document`, fetched from the API on first use; unknown ids are absent."""

    def __init__(self, assistant: RemoteAssistant) -> None:
        self.documents = self  # ``assistant.index.documents`` reads as with a local index
        self._assistant = assistant
        self._cache: dict[str, Document] = {}

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._cache:
            self._cache[doc_id] = self._assistant.document(doc_id)  # DocumentNotFoundError is a KeyError
        return self._cache[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter([i.doc_id for i in self._assistant.documents()])

    def __len__(self) -> int:
        return int(self._assistant.status().get("documents", 0))


def _ask_body(
    question: str,
    *,
    top_k: int | None = None,
    temperature: float | None = None,
    conversation: Conversation | None = None,
    filters: Filters | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON of POST /ask: earlier turns as (question, answer text), filters as plain data
    (a :class:`Filters`, or its ``as_dict()`` form, sent as it is for the API to check).
    ``temperature`` is sent, but an API whose /ask takes none answers with its own setting."""
    body: dict[str, Any] = {"question": question}
    if top_k is not None:
        body["top_k"] = int(top_k)
    if temperature is not None:
        body["temperature"] = float(temperature)
    if conversation is not None and conversation.turns:
        body["conversation"] = [{"question": t.question, "answer": t.answer.text} for t in conversation.turns]
    if isinstance(filters, Mapping):
        body["filters"] = dict(filters)
    elif filters is not None and filters.active:
        body["filters"] = filters.as_dict()
    return body


def _sse(lines: Iterator[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event name, JSON data) per Server-Sent Event."""
    name, data = "message", []
    for line in lines:
        if not line:
            if data:
                yield name, json.loads("\n".join(data))
            name, data = "message", []
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    if data:
        yield name, json.loads("\n".join(data))


def _error(response: httpx.Response, base_url: str) -> RagError:
    try:
        body = response.json()
    except ValueError:
        body = None
    found = _from_body(body) if isinstance(body, dict) else None
    if response.status_code >= 500 and (found is None or type(found) is RagError):
        return ServerUnreachableError(f"the API at {base_url} failed (HTTP {response.status_code}): {found or ''}")
    return found or RagError(f"the API at {base_url} answered HTTP {response.status_code}: {response.text[:300]}")


def _from_body(body: dict[str, Any]) -> RagError | None:
    """The exception an error body ``{"error": {"type", "message"}}`` names; None if it is not one."""
    error = body.get("error")
    if not isinstance(error, dict) or "message" not in error:
        return None
    kind = getattr(errors, str(error.get("type", "")), None)
    cls = kind if isinstance(kind, type) and issubclass(kind, RagError) else RagError
    return cls(str(error["message"]))


def _quoted(doc_id: str) -> str:
    return quote(doc_id, safe="")
