"""The web reader and JSON API (``marsad serve``): :func:`create_app` over one database."""

from marsad.web.app import create_app

__all__ = ["create_app"]
