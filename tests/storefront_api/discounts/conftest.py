import pytest

from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory


@pytest.fixture
def discount_manager(db):
    user = UserFactory(is_staff=True, email="discounts@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_DISCOUNTS)
    return user


def denied(content: dict) -> bool:
    return content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
