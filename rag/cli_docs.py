"""``rag docs``: the document library from the command line (list, show, add, remove, re-index),
and the indexing report that ``rag index`` prints too."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rag.settings import Settings


def add_parser(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``rag docs`` subcommands; ``common`` adds the options every command takes."""
    docs = sub.add_parser("docs", help="the document library: list, show, add, remove, re-index")
    actions = docs.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every document: id, outlet, date, pages, chunks, when added")
    listing.add_argument("--json", action="store_true", help="as JSON")
    common(listing)
    show = actions.add_parser("show", help="one document's metadata")
    show.add_argument("doc_id")
    show.add_argument("--text", action="store_true", help="also print its stored text (what citations quote)")
    common(show)
    add = actions.add_parser("add", help="add files to the library (kept by `rag index FOLDER` until removed)")
    add.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt .md .html .pdf .docx)")
    common(add)
    remove = actions.add_parser("remove", help="remove documents from the index (dense and BM25 at once)")
    remove.add_argument("doc_ids", nargs="+", metavar="ID")
    common(remove)
    reindex = actions.add_parser("reindex", help="read documents again from their files")
    reindex.add_argument("doc_ids", nargs="+", metavar="ID")
    common(reindex)


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    """``rag docs list|show|add|remove|reindex``."""
    from rag import library
    from rag.backends import make_embedder, open_store

    if args.action in ("list", "show"):
        index = open_store(settings)
        if args.action == "list":
            return _list_documents(library.list_documents(index), args.json)
        return _show_document(library.info_of(index, args.doc_id), library.get_document(index, args.doc_id), args)
    embedder = make_embedder(settings, "index")
    if args.action == "remove":
        removed = library.remove_documents(settings, args.doc_ids, embedder.dim)
        print(f"removed {', '.join(removed)} from {settings.index_dir}")
    elif args.action == "add":
        print_report(library.add_files(settings, args.paths, embedder, progress=True))
    else:
        print_report(library.reindex_documents(settings, args.doc_ids, embedder))
    return 0


def _list_documents(infos: list[Any], as_json: bool) -> int:
    if as_json:
        print(json.dumps([asdict(i) for i in infos], indent=2, ensure_ascii=False))
        return 0
    print(f"{'ID':<28} {'OUTLET':<16} {'DATE':<10} {'PAGES':>5} {'CHUNKS':>6} {'ADDED':<20} {'ORIGIN':<6} TITLE")
    for i in infos:
        pages = str(i.pages) if i.pages else "-"
        print(
            f"{i.doc_id[:28]:<28} {(i.outlet or '-')[:16]:<16} {(i.date or '-')[:10]:<10} {pages:>5} "
            f"{i.chunks:>6} {(i.added or '-'):<20} {i.origin:<6} {i.title}"
        )
    print(f"{len(infos)} documents")
    return 0


def _show_document(info: Any, document: Any, args: argparse.Namespace) -> int:
    for key, value in asdict(info).items():
        print(f"{key + ':':<12} {value}")
    if args.text:
        print("\n" + document.text)
    return 0


def print_report(report: Any) -> None:
    """What an indexing run did (``rag index``, ``rag docs add``, ``rag docs reindex``)."""
    for skipped in report.skipped:  # the one place a skipped file is reported (the loader only logs it)
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    print(
        f"indexed {report.documents} documents, {report.chunks} chunks into {report.index_dir} "
        f"in {report.seconds:.1f}s "
        f"(embedded {len(report.embedded_documents)}, unchanged {len(report.reused_documents)}, "
        f"removed {len(report.removed_documents)}, skipped {len(report.skipped)})"
    )
    if report.kept_uploads:
        print(
            f"kept {len(report.kept_uploads)} document(s) uploaded to the library "
            "(`rag docs list`; remove one with `rag docs remove ID`)"
        )
