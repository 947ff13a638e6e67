# The talking app's fixtures: speech engines (fake and real) and the small test catalogue.
from folkbib.talking.tests.conftest import catalogue, espeak, fake_engine, speech_cache  # noqa: F401
