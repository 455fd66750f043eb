"""Where the keys come from.

Production reads every key from the environment and refuses to start without them. A developer's
or demo machine that has not set them gets keys generated once into ``var/local-secrets.json``
(ignored by git), so the embedded set-up needs no configuration and no key ever sits in the
repository.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

KEY_NAMES = ("DJANGO_SECRET_KEY", "CSES_ENCRYPTION_KEYS", "CSES_BLIND_INDEX_KEY")


class MissingSecret(RuntimeError):
    pass


def _new_local_secrets() -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        # Fernet keys: 32 random bytes, URL-safe base64.
        "CSES_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "CSES_BLIND_INDEX_KEY": secrets.token_hex(32),
    }


def load_secrets(base_dir: Path, *, production: bool) -> dict[str, str]:
    from_env = {name: os.environ[name] for name in KEY_NAMES if os.environ.get(name)}
    if len(from_env) == len(KEY_NAMES):
        return from_env
    if production:
        missing = ", ".join(name for name in KEY_NAMES if name not in from_env)
        raise MissingSecret(f"production requires these environment variables: {missing}")
    path = Path(os.environ.get("CSES_LOCAL_SECRETS", base_dir / "var" / "local-secrets.json"))
    if path.exists():
        stored = json.loads(path.read_text())
    else:
        stored = _new_local_secrets()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
    return {**stored, **from_env}
