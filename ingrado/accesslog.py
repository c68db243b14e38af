"""Access logs without the secrets some of the portal's addresses carry.

An access log records the time, the client's address and browser and the path of every
request. The newsletter's links carry a token in their path that says whose copy it is (the
opening image, the click links, the unsubscribe and confirmation links), and allauth's
links carry one-time keys: written down as they are, the log would record who read which
newsletter when, from where (the README's "What is measured" promises otherwise), and keep
keys that open an account. The filter here replaces those path segments with "[token]" in every
string of a log record, before it is written:

- gunicorn's access log: `gunicorn.conf.py` sets `logger_class` to `AccessLogger`;
- Django's own log (a 404 for an expired link names its path): `LOGGING` in the settings;
- the reverse proxy's log: `docs/deployment.md` gives the same rule for nginx.
"""

import logging
import re

from gunicorn.glogging import Logger

REDACTED = "[token]"
# A path segment after one of these prefixes is a token (see the module's description).
PRIVATE_SEGMENT = re.compile(
    r"(/nieuwsbrief/(?:o|k|afmelden|bevestigen)/"
    r"|/accounts/confirm-email/"
    r"|/accounts/password/reset/key/)"
    r"[^/?#\s\"]+"
)


def redact(text: str) -> str:
    """`text` with every token segment of the portal's private links replaced."""
    return PRIVATE_SEGMENT.sub(lambda match: match.group(1) + REDACTED, text)


class RedactTokens(logging.Filter):
    """Replaces the tokens in a record's message and arguments (gunicorn passes its access
    log's fields, such as the request line and the referrer, as a mapping)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        args = record.args
        if isinstance(args, dict):
            # In place: gunicorn's mapping answers its own lookups of request headers.
            for key, value in list(args.items()):
                if isinstance(value, str):
                    args[key] = redact(value)
        elif isinstance(args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in args)
        return True


class AccessLogger(Logger):
    """gunicorn's logger, with the tokens filtered out of its access and error logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
