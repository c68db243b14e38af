"""The portal's public address (`SITE_URL`) and whether an address is a local one."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings

LOCAL_NAMES = {"localhost", "localhost.localdomain", "0.0.0.0", "testserver"}
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".test", ".example", ".invalid")


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def is_local_address(url: str) -> bool:
    """True for an address nobody outside this machine or network can open: localhost,
    loopback and private IP addresses, reserved names, a bare host name without a dot."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    return not host or host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or "." not in host


def is_public() -> bool:
    return not is_local_address(settings.SITE_URL)
