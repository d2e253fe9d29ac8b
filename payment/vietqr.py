"""VietQR (NAPAS) bank-transfer payloads: EMVCo merchant-presented QR, tag-length-value.

Built as shared/domain/centres.md describes: 00 payload format "01"; 01 point of
initiation ("11" static, "12" dynamic with an amount); 38 merchant account
(GUID "A000000727", then the bank BIN and account number, then service code
"QRIBFTTA"); 53 currency "704"; 54 amount; 58 country "VN"; 62 additional data
with the transfer note in sub-tag 08; 63 CRC-16/CCITT-FALSE over everything
before it, "6304" included. VND has no minor unit, so the amount is whole đồng.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_NOTE_LENGTH = 50
NOTE_DISALLOWED = re.compile(r"[^A-Za-z0-9 ]+")


class VietQRError(ValueError):
    """A payload that cannot be built, or one that does not decode."""


def crc16_ccitt_false(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"Field {tag} is longer than 99 characters.")
    return f"{tag}{len(value):02d}{value}"


def transfer_note(text: str) -> str:
    """A note every bank app accepts: ASCII letters, digits and spaces, at most 50."""
    folded = NOTE_DISALLOWED.sub(" ", anyascii(text or ""))
    return " ".join(folded.split())[:MAX_NOTE_LENGTH].strip()


def build_payload(
    *, bank_bin: str, account_number: str, amount: int | None = None, note: str = ""
) -> str:
    """The text to encode in the QR code; dynamic when an amount is given."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise VietQRError("The bank BIN must be six digits.")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", account_number or ""):
        raise VietQRError("The account number must be 1 to 19 letters or digits.")
    if amount is not None and (int(amount) != amount or amount <= 0):
        raise VietQRError("The amount must be a positive whole number of đồng.")
    beneficiary = tlv("00", bank_bin) + tlv("01", account_number)
    merchant_account = (
        tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    )
    payload = tlv("00", "01") + tlv("01", "12" if amount is not None else "11")
    payload += tlv("38", merchant_account) + tlv("53", CURRENCY_VND)
    if amount is not None:
        payload += tlv("54", str(int(amount)))
    payload += tlv("58", COUNTRY_VN)
    note = transfer_note(note)
    if note:
        payload += tlv("62", tlv("08", note))
    payload += "6304"
    return payload + crc16_ccitt_false(payload)


def parse_tlv(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        header = text[position : position + 4]
        if len(header) < 4 or not header.isdigit():
            raise VietQRError(f"Malformed field at position {position}.")
        tag, length = header[:2], int(header[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise VietQRError(f"Field {tag} is cut short.")
        fields[tag] = value
        position += 4 + length
    return fields


@dataclass(frozen=True)
class DecodedPayload:
    bank_bin: str
    account_number: str
    amount: int | None
    note: str
    is_dynamic: bool


def decode_payload(payload: str) -> DecodedPayload:
    """Check the CRC and read back the account, amount and note."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("The payload does not end with a CRC field.")
    if crc16_ccitt_false(payload[:-4]) != payload[-4:].upper():
        raise VietQRError("The CRC does not match.")
    fields = parse_tlv(payload[:-8])
    merchant = parse_tlv(fields.get("38", ""))
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError("Not a VietQR (NAPAS) payload.")
    beneficiary = parse_tlv(merchant.get("01", ""))
    additional = parse_tlv(fields.get("62", ""))
    return DecodedPayload(
        bank_bin=beneficiary.get("00", ""),
        account_number=beneficiary.get("01", ""),
        amount=int(fields["54"]) if "54" in fields else None,
        note=additional.get("08", ""),
        is_dynamic=fields.get("01") == "12",
    )


@dataclass(frozen=True)
class TransferRequest:
    """What a buyer needs to pay an order by bank transfer, QR code included."""

    payload: str
    amount: int
    note: str
    bank_name: str
    bank_bin: str
    account_number: str
    account_name: str
    is_demo: bool

    def svg(self) -> str:
        import segno

        return segno.make(self.payload, error="m").svg_inline(
            scale=5, border=2, title="VietQR", omitsize=True
        )

    def png(self) -> bytes:
        import io

        import segno

        buffer = io.BytesIO()
        segno.make(self.payload, error="m").save(buffer, kind="png", scale=6, border=2)
        return buffer.getvalue()


def transfer_request_for(order) -> TransferRequest:
    """The site's account, the order's total in đồng, its number as the note."""
    from django.conf import settings

    from sitewide.money import whole_dong

    amount = whole_dong(order.total_incl_tax)
    note = transfer_note(order.number)
    payload = build_payload(
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        amount=amount,
        note=note,
    )
    return TransferRequest(
        payload=payload,
        amount=amount,
        note=note,
        bank_name=settings.VIETQR_BANK_NAME,
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        account_name=settings.VIETQR_ACCOUNT_NAME,
        is_demo=settings.VIETQR_IS_DEMO,
    )


def order_transfer(order) -> TransferRequest | None:
    """The VietQR transfer a bank-transfer order asks its buyer for; None for an
    order paid another way, or while the site's account is not set up."""
    from order.statuses import PaymentMethod

    if order.payment_method != PaymentMethod.VIETQR:
        return None
    try:
        return transfer_request_for(order)
    except VietQRError:
        return None
