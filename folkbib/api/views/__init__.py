"""The API's views; importing this package declares every endpoint in ``API``."""

from folkbib.api.views import account, catalogue, meta, talking

__all__ = ["account", "catalogue", "meta", "talking"]
