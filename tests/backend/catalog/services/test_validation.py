from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.services.validation import clean_price

from .helpers import error_codes


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        (Decimal("10"), True),
        (Decimal("10.5"), True),
        (Decimal("10.50"), True),
        (Decimal("10.500"), True),
        (Decimal("10.005"), False),
        (Decimal("-1"), False),
        (Decimal("NaN"), False),
        (Decimal("Infinity"), False),
        (Decimal("10000000000"), False),
    ],
)
def test_clean_price(amount, ok):
    if ok:
        assert clean_price(amount, field_name="price") == amount
    else:
        with pytest.raises(ValidationError) as error:
            clean_price(amount, field_name="price")
        assert error_codes(error.value) == {"price": [ProductErrorCode.INVALID.value]}
