"""Verify the Quartermaster-Signature header of a webhook delivery (Python 3 standard library only).

Usage: verify_webhook.py [SECRET [SIGNATURE_HEADER]] < body
SECRET and SIGNATURE_HEADER default to the environment variables QUARTERMASTER_WEBHOOK_SECRET and
QUARTERMASTER_SIGNATURE. Exits 0 if the signature is valid, 1 if not, 2 on a usage error.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import sys
import time


def verify(secret: str, signature_header: str, body: bytes, now: float | None = None,
           tolerance_seconds: int = 300) -> bool:
    """True if the header's timestamp is within tolerance of now and any v1 signature matches.

    body must be the raw request body exactly as received; secret is the whole "whsec_..." string.
    """
    if not secret or not signature_header:
        return False
    timestamp = None
    signatures = []
    for part in signature_header.split(","):
        name, equals, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name:
            return False
        if name == "t":
            if timestamp is not None or not (0 < len(value) <= 18 and value.isascii() and value.isdigit()):
                return False
            timestamp = value
        elif name == "v1":
            signatures.append(value.encode("utf-8"))
        # Other schemes (a future v2) are ignored.
    if timestamp is None or not signatures:
        return False

    if now is None:
        now = time.time()
    if abs(now - int(timestamp)) > tolerance_seconds:
        return False

    # The signed message: the timestamp as sent, '.', then the body's bytes.
    message = timestamp.encode("ascii") + b"." + body
    expected = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest().encode("ascii")
    valid = False
    for signature in signatures:
        valid |= hmac.compare_digest(expected, signature.lower())
    return valid


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if len(arguments) > 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    secret = arguments[0] if len(arguments) > 0 else os.environ.get("QUARTERMASTER_WEBHOOK_SECRET", "")
    header = arguments[1] if len(arguments) > 1 else os.environ.get("QUARTERMASTER_SIGNATURE", "")
    if not secret or not header:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if verify(secret, header, sys.stdin.buffer.read()) else 1)
