"""The organisation key, enrolment codes and Ed25519 checks.

The organisation's Ed25519 key signs the certificate of the first team lead's
device (bootstrap). Its public half lives on the server; its private half is
written by ``admin init`` with mode 0600 and belongs on the admin's own machine
in production, not on the server host.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from server.errors import AdminError

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is unambiguous.
_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUPS: Final = 4
_GROUP_LEN: Final = 4  # 16 symbols: 80 random bits
_CONFUSABLE: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})
PASSPHRASE_ENV: Final = "FELTJOURNAL_ORG_KEY_PASSPHRASE"


def fingerprint(org_public_raw: bytes) -> str:
    """What the enrolment code carries after the dot: the device pins the org key by it."""
    return hashlib.sha256(org_public_raw).hexdigest()[:16]


def new_code_secret() -> str:
    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(_GROUPS * _GROUP_LEN))
    return "-".join(symbols[i : i + _GROUP_LEN] for i in range(0, len(symbols), _GROUP_LEN))


def format_code(secret: str, org_public_raw: bytes) -> str:
    return f"{secret}.{fingerprint(org_public_raw)}"


def split_code(code: str) -> tuple[str, str]:
    """(normalised secret, fingerprint or "") from what a user typed."""
    secret, _, pin = code.strip().partition(".")
    normal = "".join(ch for ch in secret.upper() if ch not in "- ").translate(_CONFUSABLE)
    return normal, pin.strip().lower()


def code_hash(normalised_secret: str) -> str:
    return hashlib.sha256(f"feltjournal-enrol-v1:{normalised_secret}".encode()).hexdigest()


def pins_match(pin: str, org_public_raw: bytes) -> bool:
    return hmac.compare_digest(pin.encode(), fingerprint(org_public_raw).encode())


def verify(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``message``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_public_key(path: Path) -> bytes:
    """The raw 32-byte org public key from its PEM file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AdminError(
            f"No organisation public key at {path}; run 'feltjournal-server admin init' first "
            "(for a server restored from a backup, copy the org_ed25519.pub kept with it there)."
        ) from None
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise AdminError(f"{path} is not a PEM public key.") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AdminError(f"{path} does not hold an Ed25519 public key.")
    return raw_public(key)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    passphrase = os.environ.get(PASSPHRASE_ENV)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AdminError(
            f"No organisation private key at {path}; pass --org-key with its location."
        ) from None
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError):
        raise AdminError(
            f"Cannot read the organisation private key {path} (wrong or missing {PASSPHRASE_ENV}?)."
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AdminError(f"{path} does not hold an Ed25519 private key.")
    return key


def write_key_pair(private_path: Path, public_path: Path) -> bytes:
    """Make the org key pair; the private file gets mode 0600. Returns the raw public key."""
    key = Ed25519PrivateKey.generate()
    passphrase = os.environ.get(PASSPHRASE_ENV)
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: never overwrite an org key; every enrolled device pins it.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.write_bytes(public_pem)
    return raw_public(key.public_key())
