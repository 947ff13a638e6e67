from typing import Any

from django.apps import AppConfig
from django.core.cache import caches
from django.core.signals import setting_changed


def _forget_frame_fragments(**kwargs: Any) -> None:
    # The page frame's cached parts (templates/base.html) were made under the old
    # settings (URLs, languages, static files); in production settings never change
    # while a process runs, in tests they do.
    caches["template_fragments"].clear()


class CoreConfig(AppConfig):
    name = "folkbib.core"
    label = "core"

    def ready(self) -> None:
        setting_changed.connect(_forget_frame_fragments, dispatch_uid="folkbib-frame-fragments")
