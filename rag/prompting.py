"""Prompt templates live as files in ``prompts/``; rendering is strict.

A template that names a placeholder the caller does not supply (or the caller supplying
one the template does not use) is an error, so a template edit can't silently drop context.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from string import Template

from rag.errors import RagError
from rag.text import MARKER_RE

TEMPLATES = ("system.txt", "user.txt", "passage.txt")


class PromptError(RagError):
    """A prompt template is missing or does not match the values given to it."""


@lru_cache(maxsize=32)
def load_template(prompts_dir: Path, name: str) -> str:
    path = prompts_dir / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"prompt template {path} is missing; set RAG_PROMPTS_DIR or restore it") from exc


def render(prompts_dir: Path, name: str, **values: str) -> str:
    template = Template(load_template(prompts_dir, name))
    wanted = {m.group("named") or m.group("braced") for m in template.pattern.finditer(template.template)} - {None}
    if wanted != set(values):
        raise PromptError(f"prompt template {name} uses {sorted(wanted)} but was given {sorted(values)}")
    return template.substitute(values)


def templates_hash(prompts_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update(load_template(prompts_dir, name).encode("utf-8"))
    return digest.hexdigest()[:16]


def as_data(text: str) -> str:
    """Passage text as inert data: one line, no bracketed numbers that look like our markers."""
    text = re.sub(r"\s+", " ", text).strip()
    return MARKER_RE.sub(lambda m: f"({m.group(1)})", text)


def build_messages(
    prompts_dir: Path,
    question: str,
    passages: Sequence[tuple[int, str]],
    earlier: Sequence[tuple[str, str]] = (),
) -> list[dict[str, str]]:
    """Chat messages for ``question`` over ``passages``: (marker number, text) pairs. The numbers
    are the hits' positions, so a passage shown trimmed or not at all keeps its marker.
    ``earlier`` holds the conversation's previous (question, answer) for a follow-up."""
    shown = "\n".join(render(prompts_dir, "passage.txt", n=str(n), text=as_data(text)).strip() for n, text in passages)
    before = "".join(f"Earlier question: {as_data(q)}\nEarlier answer: {as_data(a) or 'none'}\n\n" for q, a in earlier)
    return [
        {"role": "system", "content": render(prompts_dir, "system.txt").strip()},
        {
            "role": "user",
            "content": render(
                prompts_dir, "user.txt", earlier=before, passages=shown, question=as_data(question)
            ).strip(),
        },
    ]
