"""The web adapter: REST API under /api and server-rendered pages over one store. No pipeline logic here."""

from newsift.web.app import create_app

__all__ = ["create_app"]
