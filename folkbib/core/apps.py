from typing import Any

from django.apps import AppConfig
from django.core.signals import setting_changed

from folkbib.core import fragments


def _forget_frame_fragments(**kwargs: Any) -> None:
    # The page frame's cached parts (templates/base.html) were made under the old
    # settings (URLs, languages, static files); in production settings never change
    # while a process runs, in tests they do.
    fragments.forget()


class CoreConfig(AppConfig):
    name = "folkbib.core"
    label = "core"

    def ready(self) -> None:
        setting_changed.connect(_forget_frame_fragments, dispatch_uid="folkbib-frame-fragments")
