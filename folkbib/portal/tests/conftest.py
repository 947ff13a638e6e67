from __future__ import annotations

import pytest

from folkbib.portal.tests.catalogue import Catalogue, build_catalogue


@pytest.fixture
def catalogue(db) -> Catalogue:
    return build_catalogue()
