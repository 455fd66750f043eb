"""Encryption at rest and blind indexes for personal identifiers.

An SSN is stored three ways, none of them the number itself: a Fernet token (AES-128-CBC with
HMAC-SHA256, under the current key of ``CSES_ENCRYPTION_KEYS``), a keyed HMAC-SHA256 blind index
for exact search, and its last four digits for masked display.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.CSES_ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def blind_index(value: str) -> str:
    key = settings.CSES_BLIND_INDEX_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
