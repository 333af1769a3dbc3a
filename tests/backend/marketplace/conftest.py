import pytest

from tests.factories import CentreFactory


@pytest.fixture
def centre(entrepreneur):
    """A centre where the `entrepreneur` fixture works."""
    centre = CentreFactory()
    centre.entrepreneurs.add(entrepreneur)
    return centre


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)
