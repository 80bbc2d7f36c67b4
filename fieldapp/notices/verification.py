"""What a notice carries to be checked later: a short verification code derived from its content digest,
and the QR payload with the notice number and the digest. The same payload goes into the PDF's metadata,
where `fieldapp verify` reads it back."""

from __future__ import annotations

PAYLOAD_PREFIX = "FIELDAPP-NOTICE:1"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud and typed by people
CODE_CHARS = 8


def verification_code(digest: str) -> str:
    """Eight characters of the digest (40 bits) in an unambiguous alphabet, as XXXX-XXXX."""
    if len(digest) != 64:
        raise ValueError("a SHA-256 hex digest is 64 characters")
    value = int(digest[:10], 16)
    chars = []
    for _ in range(CODE_CHARS):
        value, index = divmod(value, 32)
        chars.append(_ALPHABET[index])
    code = "".join(reversed(chars))
    return f"{code[:4]}-{code[4:]}"


def qr_payload(number: str, digest: str) -> str:
    return f"{PAYLOAD_PREFIX}|{number}|{digest}"


def parse_payload(payload: str) -> tuple[str, str] | None:
    """(number, digest) of a payload, or None when it is not one."""
    parts = payload.strip().split("|")
    if len(parts) != 3 or parts[0] != PAYLOAD_PREFIX or len(parts[2]) != 64:
        return None
    try:
        int(parts[2], 16)
    except ValueError:
        return None
    return parts[1], parts[2].lower()
