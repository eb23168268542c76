"""Helpers of the Gradio chat UI (``app.py``): HTML rendering and upload handling."""
