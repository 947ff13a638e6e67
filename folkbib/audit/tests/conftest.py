from folkbib.circulation.tests.conftest import world as world  # the shared test region
