"""The `newsift` command line: a thin adapter over the runner and the store."""

from newsift.cli import brief as _brief  # noqa: F401  (registers brief, ask and watch)
from newsift.cli import facts as _facts  # noqa: F401  (registers the knowledge verbs)
from newsift.cli import links as _links  # noqa: F401  (registers stories, duplicates, tags, related)
from newsift.cli import scale as _scale  # noqa: F401  (registers poll and run-ray)
from newsift.cli.app import app, main
from newsift.cli.web import register as _register_web

_register_web(app)  # serve, user, token

__all__ = ["app", "main"]
