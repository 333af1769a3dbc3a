"""ekPay's wire format: Haat's reference, timestamps, amounts and the status structure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payments.gateways.ekpay.protocol import (
    REFERENCE_LENGTH,
    format_amount,
    parse_request_timestamp,
    parse_status,
    reference_for,
    request_timestamp,
    token_from_reference,
)


@given(st.uuids())
def test_every_token_has_a_25_character_reference_that_leads_back_to_it(token):
    reference = reference_for(token)
    assert len(reference) == REFERENCE_LENGTH
    assert reference.isalnum() and reference == reference.upper()
    assert token_from_reference(reference) == token


@pytest.mark.parametrize(
    "reference",
    ["", "short", "0" * 24, "a" * 25, "-" * 25, "Z" * 25, 12345, None],
)
def test_what_cannot_be_a_reference_leads_nowhere(reference):
    assert token_from_reference(reference) is None


def test_the_extreme_tokens():
    assert reference_for(uuid.UUID(int=0)) == "0" * 25
    assert token_from_reference(reference_for(uuid.UUID(int=2**128 - 1))) == uuid.UUID(
        int=2**128 - 1
    )


def test_timestamps_are_bangladesh_time_with_ekpays_suffix():
    moment = datetime(2025, 12, 31, 20, 15, 0, tzinfo=UTC)
    text = request_timestamp(moment)
    assert text == "2026-01-01 02:15:00 GMT+6"
    assert parse_request_timestamp(text) == moment
    with pytest.raises(ValueError):
        parse_request_timestamp("2026-01-01T02:15:00+06:00")


def test_amounts_have_two_decimals_and_are_never_rounded():
    assert format_amount(Decimal("230")) == "230.00"
    assert format_amount(Decimal("0.5")) == "0.50"
    with pytest.raises(ValueError):
        format_amount(Decimal("10.005"))


def test_a_status_reads_ekpays_structure_with_strings_or_numbers():
    status = parse_status(
        {
            "msg_code": 1020,
            "msg_det": "Transaction successful",
            "basic_Info": {"mer_reg_id": "m1", "dgtl_sign": "c2ln"},
            "trnx_info": {
                "trnx_amt": 230,
                "trnx_id": "EKP1",
                "mer_trnx_id": "OURS",
                "curr": "BDT",
                "ekpay_charge": "1.15",
                "pi_charge": None,
            },
            "pi_det_info": {"pi_name": "Nagad"},
        }
    )
    assert (status.msg_code, status.is_paid) == ("1020", True)
    assert (status.merchant_reference, status.ekpay_reference) == ("OURS", "EKP1")
    assert status.amount == Decimal("230.00")
    assert status.charges["ekpay_charge"] == Decimal("1.15")
    assert status.charges["pi_charge"] is None
    assert (status.merchant_id, status.signature, status.instrument) == ("m1", "c2ln", "Nagad")


def test_without_mer_trnx_id_the_trnx_id_is_taken_for_ours():
    status = parse_status({"msg_code": "1021", "trnx_info": {"trnx_id": "OURS"}})
    assert (status.merchant_reference, status.ekpay_reference) == ("OURS", "")
    assert status.is_settled and not status.is_paid


@pytest.mark.parametrize("payload", [None, [], "1020", {"msg_det": "no code"}])
def test_what_is_not_a_status_is_refused(payload):
    with pytest.raises(ValueError):
        parse_status(payload)
