"""The HTTP API (``rag serve``): FastAPI over one :class:`~rag.pipeline.Assistant`.

    POST   /ask                   question (+ conversation, filters) → answer, citations, sources, abstained
    POST   /ask/stream            the same as Server-Sent Events: ``token`` events, then one ``answer``
    GET    /documents             the library, paged (?offset=&limit=)
    GET    /documents/{id}        one document's metadata (?text=true adds its stored text)
    POST   /documents             multipart upload (field ``files``), indexed into the library
    DELETE /documents/{id}        remove a document (dense and BM25 index at once)
    POST   /documents/{id}/reindex  read its file again
    GET    /status                what the index holds and which models answer
    POST   /v1/chat/completions   OpenAI-compatible chat; the reply carries ``citations``

OpenAPI docs are at ``/docs``. Every error is JSON ``{"error": {"type", "message"}}`` with a
4xx status for bad input. Binds to 127.0.0.1 unless told otherwise (``--host``). FastAPI runs
the (blocking) assistant calls in its thread pool; the generator serialises decoding itself.
"""

from __future__ import annotations

import itertools
import json
import logging
import tempfile
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import (
    DocumentNotFoundError,
    IndexLockedError,
    IndexMissingError,
    RagError,
)
from rag.filters import Filters
from rag.index import uploads_dir as uploads_folder
from rag.records import Answer, TokenEvent
from rag.serialize import answer_to_dict, conversation_from_turns
from rag.uploads import stage_uploads

log = logging.getLogger(__name__)
UPLOAD_PATHS = ("/documents",)
STATUS_OF = {DocumentNotFoundError: 404, IndexLockedError: 409, IndexMissingError: 503}


class FiltersIn(BaseModel):
    outlets: list[str] = Field(default_factory=list, description="any of these outlets (case-insensitive)")
    since: str | None = Field(None, description="first day, YYYY-MM-DD (inclusive)")
    until: str | None = Field(None, description="last day, YYYY-MM-DD (inclusive)")
    doc_ids: list[str] = Field(default_factory=list, description="only these documents")

    def parsed(self) -> Filters:
        return Filters.parse(outlets=self.outlets, since=self.since, until=self.until, doc_ids=self.doc_ids)


class TurnIn(BaseModel):
    question: str
    answer: str = ""


class AskIn(BaseModel):
    question: str = Field(..., description="the question")
    conversation: list[TurnIn] = Field(default_factory=list, description="earlier turns, oldest first")
    filters: FiltersIn | None = None
    top_k: int | None = Field(None, ge=1, le=50, description="passages retrieved")
    temperature: float | None = Field(None, ge=0.0, le=2.0, description="sampling temperature; 0 is deterministic")


class ChatMessage(BaseModel):
    role: str
    content: str


class ChatIn(BaseModel):
    model: str = "rag"
    messages: list[ChatMessage] = Field(..., min_length=1)
    stream: bool = False
    temperature: float | None = Field(None, ge=0.0, le=2.0)


def create_app(
    get_assistant: Callable[[], Any], *, max_upload_bytes: int, max_upload_files: int, ui_path: str | None = None
) -> FastAPI:
    """The API over ``get_assistant()`` (read per request: the UI may swap in another model)."""
    app = FastAPI(title="Cited answers over your articles", version="1", description=__doc__)
    _errors(app)
    body_limit = max_upload_files * max_upload_bytes + 1024 * 1024  # the files plus multipart framing
    app.add_middleware(BodyLimit, limit=body_limit, paths=UPLOAD_PATHS)

    @app.get("/", include_in_schema=False)
    def root() -> Any:
        return RedirectResponse(ui_path or "/docs")

    @app.get("/status")
    def status() -> dict[str, Any]:
        assistant = get_assistant()
        return {**assistant.status(), "outlets": assistant.outlets()}

    @app.post("/ask")
    def ask(body: AskIn) -> dict[str, Any]:
        answer = _ask(get_assistant(), body)
        return answer_to_dict(answer)

    @app.post("/ask/stream", response_class=StreamingResponse)
    def ask_stream(body: AskIn) -> StreamingResponse:
        assistant = get_assistant()
        filters = body.filters.parsed() if body.filters else None  # a bad date fails before streaming
        events = assistant.stream(
            body.question,
            top_k=body.top_k,
            temperature=body.temperature,
            conversation=_conversation(body.conversation),
            filters=filters,
        )
        first = next(events)  # a bad question raises here, as a JSON error, before the stream starts
        return StreamingResponse(_sse(first, events), media_type="text/event-stream")

    @app.get("/documents")
    def documents(offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
        infos = get_assistant().documents()
        page = [asdict(i) for i in infos[offset : offset + limit]]
        return {"total": len(infos), "offset": offset, "limit": limit, "documents": page}

    @app.get("/documents/{doc_id}")
    def document(doc_id: str, text: bool = False) -> dict[str, Any]:
        assistant = get_assistant()
        doc = assistant.document(doc_id)
        info = next(asdict(i) for i in assistant.documents() if i.doc_id == doc_id)
        return {**info, "page_starts": list(doc.pages), **({"text": doc.text} if text else {})}

    @app.post("/documents")
    def upload(files: Annotated[list[UploadFile], File(description="files to add to the library")]) -> dict[str, Any]:
        return _upload(get_assistant(), files, max_upload_bytes, max_upload_files)

    @app.delete("/documents/{doc_id}")
    def remove(doc_id: str) -> dict[str, Any]:
        return {"removed": list(get_assistant().remove_documents([doc_id]))}

    @app.post("/documents/{doc_id}/reindex")
    def reindex(doc_id: str) -> dict[str, Any]:
        report = get_assistant().reindex_documents([doc_id])
        skipped = [{"name": Path(s.path).name, "reason": s.reason} for s in report.skipped]
        return {"embedded": list(report.embedded_documents), "skipped": skipped, "seconds": round(report.seconds, 3)}

    @app.post("/v1/chat/completions")
    def chat_completions(body: ChatIn) -> Any:
        return _chat_completion(get_assistant(), body)

    return app


# -- handlers ----------------------------------------------------------------------------
def _ask(assistant: Any, body: AskIn) -> Answer:
    filters = body.filters.parsed() if body.filters else None
    conversation = _conversation(body.conversation)
    return assistant.ask(
        body.question, top_k=body.top_k, temperature=body.temperature, conversation=conversation, filters=filters
    )


def _conversation(turns: list[TurnIn]) -> Any:
    return conversation_from_turns([(t.question, t.answer) for t in turns])


def _sse(first: TokenEvent | Answer, events: Generator[TokenEvent | Answer, None, None]) -> Iterator[str]:
    """``token`` events while the model writes, then the verified ``answer`` (or an ``error``)."""
    try:
        for event in itertools.chain([first], events):
            if isinstance(event, TokenEvent):
                yield _event("token", {"text": event.text})
            else:
                yield _event("answer", answer_to_dict(event))
    except RagError as exc:
        yield _event("error", _error_body(exc))
    finally:
        events.close()  # a client that left releases the generator's decode lock


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _upload(assistant: Any, files: list[UploadFile], max_bytes: int, max_files: int) -> dict[str, Any]:
    if len(files) > max_files:
        raise UploadRejected(f"{len(files)} files in one request; the limit is {max_files} (max_upload_files)", 413)
    uploads_dir = uploads_folder(assistant.settings)
    with tempfile.TemporaryDirectory(prefix="rag-upload-") as tmp:
        received, too_big = _receive(files, Path(tmp), max_bytes)
        staged = stage_uploads([str(p) for p in received], uploads_dir, max_bytes)
        skipped = [*too_big, *({"name": n, "reason": r} for n, r in staged.rejected)]
        if not staged.accepted:
            reasons = "; ".join(f"{s['name']}: {s['reason']}" for s in skipped)
            status = 413 if too_big and len(too_big) == len(files) else 400
            raise UploadRejected(f"nothing was added ({reasons})", status)
        report = assistant.add_documents(staged.accepted)
    bad = {Path(s.path).name: s.reason for s in report.skipped}
    skipped += [{"name": name, "reason": reason} for name, reason in bad.items()]
    added = [p.stem for p in staged.accepted if p.name not in bad]
    return {"added": added, "skipped": skipped, "seconds": round(report.seconds, 3)}


def _receive(files: list[UploadFile], folder: Path, max_bytes: int) -> tuple[list[Path], list[dict[str, str]]]:
    """Copy each upload under its own (base) name into ``folder``, refusing those over the limit."""
    received, too_big = [], []
    for i, item in enumerate(files):
        name = Path((item.filename or "upload").replace("\\", "/")).name or "upload"
        target = folder / str(i) / name  # one folder per file: equal names never overwrite each other
        target.parent.mkdir()
        size = 0
        with open(target, "wb") as out:
            while block := item.file.read(1 << 20):
                size += len(block)
                if size > max_bytes:
                    break
                out.write(block)
        if size > max_bytes:
            too_big.append({"name": name, "reason": f"over the {max_bytes:,}-byte upload limit (max_upload_mb)"})
        else:
            received.append(target)
    return received, too_big


def _chat_completion(assistant: Any, body: ChatIn) -> Any:
    """OpenAI's chat-completions shape: the last user message is the question, earlier
    user/assistant pairs are the conversation. ``stream`` sends the verified answer as one
    chunk (raw tokens could be contradicted by verification), then ``[DONE]``."""
    users = [i for i, m in enumerate(body.messages) if m.role == "user"]
    if not users:
        raise UploadRejected("the messages hold no user message to answer", 400)
    turns = []
    for i in users[:-1]:
        reply = next((m.content for m in body.messages[i + 1 :] if m.role == "assistant"), "")
        turns.append((body.messages[i].content, reply))
    conversation = conversation_from_turns(turns)
    answer = assistant.ask(body.messages[users[-1]].content, conversation=conversation, temperature=body.temperature)
    reply_id, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    citations = [asdict(c) for c in answer.citations]
    if not body.stream:
        message = {"role": "assistant", "content": answer.text}
        return {
            "id": reply_id,
            "object": "chat.completion",
            "created": created,
            "model": body.model,
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "citations": citations,
            "abstained": answer.abstained,
        }
    head = {"id": reply_id, "object": "chat.completion.chunk", "created": created, "model": body.model}
    chunks = [
        {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": answer.text}}]},
        {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "citations": citations},
    ]
    lines = [f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks] + ["data: [DONE]\n\n"]
    return StreamingResponse(iter(lines), media_type="text/event-stream")


# -- errors --------------------------------------------------------------------------------
class UploadRejected(RagError):
    """An upload or request the server refuses as a whole (too many or too large files)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _error_body(exc: Exception) -> dict[str, Any]:
    return {"error": {"type": exc.__class__.__name__, "message": str(exc)}}


def _status(exc: RagError) -> int:
    if isinstance(exc, UploadRejected):
        return exc.status
    return next((code for kind, code in STATUS_OF.items() if isinstance(exc, kind)), 400)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RagError)
    def rag_error(_: Request, exc: RagError) -> JSONResponse:
        return JSONResponse(_error_body(exc), status_code=_status(exc))

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'body'}: {e['msg']}" for e in exc.errors()]
        body = {"error": {"type": "ValidationError", "message": "; ".join(parts) or "invalid request"}}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = {"error": {"type": "HTTPError", "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(Exception)
    def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")
        body = {"error": {"type": "InternalError", "message": "the server failed; its log has the details"}}
        return JSONResponse(body, status_code=500)


class BodyLimit:
    """ASGI middleware: a request to an upload path whose body exceeds ``limit`` bytes gets 413
    before it is parsed or spooled to disk (declared Content-Length or counted as it streams)."""

    def __init__(self, app: Any, limit: int, paths: tuple[str, ...]) -> None:
        self.app, self.limit, self.paths = app, limit, paths

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") not in self.paths or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        received = 0

        async def counted() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        message = f"the request is over the {self.limit:,}-byte upload limit (max_upload_mb × max_upload_files)"
        body = json.dumps({"error": {"type": "UploadTooLarge", "message": message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def serve(
    app: FastAPI,
    host: str,
    port: int,
    on_ready: Callable[[], None] | None = None,
    on_stop: Callable[[], None] | None = None,
) -> None:
    """Run ``app`` with uvicorn until interrupted; ``on_ready`` runs once the socket accepts,
    ``on_stop`` once it is closed (uvicorn re-raises SIGTERM/SIGINT afterwards, so code after
    this call may never run)."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list | None = None) -> None:
            await super().startup(sockets)
            if self.started and on_ready is not None:
                on_ready()

        async def shutdown(self, sockets: list | None = None) -> None:
            try:
                await super().shutdown(sockets)
            finally:
                if on_stop is not None:
                    on_stop()

    Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()
