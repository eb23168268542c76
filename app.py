"""Launch the chat UI: ``python app.py [--port 7860] [--index-dir DIR] [--models-dir DIR]``.

The UI lives in ``ui/app.py``; ``rag serve`` mounts the same UI in the HTTP API server.
"""

from __future__ import annotations

from ui.app import *  # noqa: F403  (tests and users reach the UI's names through this module too)
from ui.app import main

if __name__ == "__main__":
    main()
