"""VietQR payloads follow EMVCo's tag-length-value format and carry a valid CRC."""

from __future__ import annotations

import binascii

import pytest

from payment.vietqr import (
    VietQRError,
    build_payload,
    crc16_ccitt_false,
    decode_payload,
    transfer_note,
)

ACCOUNT = {"bank_bin": "970436", "account_number": "0011001234567"}


def test_crc_is_ccitt_false_as_the_standard_check_value_and_binascii_agree():
    assert crc16_ccitt_false("123456789") == "29B1"
    for text in ("000201010212", "6304", "Đơn hàng"):
        expected = binascii.crc_hqx(text.encode(), 0xFFFF)
        assert crc16_ccitt_false(text) == f"{expected:04X}"


def test_dynamic_payload_decodes_to_the_orders_amount_and_note():
    payload = build_payload(**ACCOUNT, amount=1_250_000, note="Đơn hàng 100045")

    decoded = decode_payload(payload)

    assert decoded.amount == 1_250_000
    assert decoded.note == "Don hang 100045"
    assert decoded.bank_bin == "970436"
    assert decoded.account_number == "0011001234567"
    assert decoded.is_dynamic


def test_payload_fields_stand_in_emvco_order_with_the_crc_last():
    payload = build_payload(**ACCOUNT, amount=50_000, note="100045")

    assert payload.startswith("000201" + "010212")
    assert "0010A000000727" in payload
    assert "0208QRIBFTTA" in payload
    assert "5303704" in payload
    assert "540550000" in payload
    assert "5802VN" in payload
    assert "62100806100045" in payload
    body, crc = payload[:-4], payload[-4:]
    assert body.endswith("6304")
    assert crc == f"{binascii.crc_hqx(body.encode(), 0xFFFF):04X}"


def test_static_payload_has_no_amount():
    decoded = decode_payload(build_payload(**ACCOUNT))

    assert decoded.amount is None
    assert not decoded.is_dynamic


def test_a_tampered_payload_is_rejected():
    payload = build_payload(**ACCOUNT, amount=50_000, note="100045")
    tampered = payload.replace("540550000", "540590000")

    with pytest.raises(VietQRError):
        decode_payload(tampered)


@pytest.mark.parametrize(
    "fields",
    [
        {"bank_bin": "97043", "account_number": "1"},
        {"bank_bin": "970436", "account_number": ""},
        {"bank_bin": "970436", "account_number": "1", "amount": 0},
        {"bank_bin": "970436", "account_number": "1", "amount": 10.5},
    ],
)
def test_bad_account_or_amount_is_refused(fields):
    with pytest.raises(VietQRError):
        build_payload(**fields)


def test_transfer_note_keeps_ascii_letters_digits_and_spaces_only():
    assert (
        transfer_note("Thanh toán #100045 — Bát Tràng!")
        == "Thanh toan 100045 Bat Trang"
    )
    assert len(transfer_note("x" * 200)) == 50
