import pytest

from backend.core.permissions import MANAGE_VENDORS
from tests.conftest import grant
from tests.factories import CentreFactory, UserFactory


@pytest.fixture
def centre(entrepreneur):
    """A centre where the `entrepreneur` fixture works."""
    centre = CentreFactory()
    centre.entrepreneurs.add(entrepreneur)
    return centre


@pytest.fixture
def vendor_manager(db):
    user = UserFactory(is_staff=True, email="vendors@haat.test", phone=None)
    grant(user, MANAGE_VENDORS)
    return user
