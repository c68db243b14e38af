"""The portal's one conversation with the mail server: the outbox's rows and the
nieuwsbrief's deliveries both build their message and hand it over here, so how a mail is
made, how long the server may take and how a refusal is read are written once.

Deciding *whether* to send (claims, retries, at most once) stays with the callers:
`outbox.services.mail_send` for a row per recipient, `communications.sending` for a
newsletter's deliveries.
"""

import contextlib
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection

TIMEOUT_SECONDS = 30

# What a conversation with the mail server raises: the server's answer, or the network.
ERRORS = (smtplib.SMTPException, OSError)


def connection():
    """A connection to the configured mail server (EMAIL_BACKEND), not yet opened."""
    return get_connection(timeout=TIMEOUT_SECONDS)


def close(conn) -> None:
    """Close, whatever state the connection is in."""
    with contextlib.suppress(*ERRORS):
        conn.close()


def reopen(conn) -> bool:
    """After a temporary failure the connection may be broken: start a fresh one; False when
    the server cannot be reached."""
    close(conn)
    try:
        conn.open()
    except ERRORS:
        return False
    return True


def message(
    *,
    subject: str,
    text: str,
    html: str = "",
    from_email: str,
    to: str,
    headers: dict | None = None,
    attachments=(),
    conn=None,
) -> EmailMultiAlternatives:
    """One mail to one recipient: plain text, the HTML alternative when there is one, and
    attachments as (filename, content bytes, mimetype)."""
    built = EmailMultiAlternatives(
        subject, text, from_email, [to], headers=headers or {}, connection=conn
    )
    if html:
        built.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        built.attach(filename, content, mimetype)
    return built


def hand_over(conn, built: EmailMultiAlternatives) -> None:
    """Give the mail to the server over an open connection; raises what the server or the
    network raised (ERRORS) — a mail that returns was accepted."""
    conn.send_messages([built])


def refusal_code(error: Exception) -> int | None:
    """The SMTP reply code of a refusal (4xx: try again later, 5xx: never), None when the
    server gave none (the connection broke)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return codes[0] if codes else None
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None
