"""Project-wide guards: migrations, translations, security headers, error pages, admin."""

import os
import pathlib
import subprocess
import sys

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _po_files():
    return sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")) + sorted(
        ROOT.glob("*/locale/*/LC_MESSAGES/django.po")
    )


def test_every_ui_string_has_a_dutch_translation():
    files = _po_files()
    assert files, "no translation files found"
    problems = []
    for path in files:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
            if not translated or entry.fuzzy:
                problems.append(f"{path.relative_to(ROOT)}: {entry.msgid[:80]!r}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.django_db
def test_pages_are_dutch_by_default_and_english_selectable(client):
    response = client.get(reverse("members:home"))
    assert response["Content-Language"] == "nl"
    assert "Stel onze experts een vraag" in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("members:home"))
    assert "Ask our experts a question" in response.content.decode()


@pytest.mark.django_db
def test_content_security_policy_forbids_inline_code(client):
    policy = client.get(reverse("members:home"))["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_unknown_page_gets_the_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_admin_requires_login_through_allauth_and_two_factor(client, roles_synced):
    from members.tests.factories import StaffFactory

    response = client.get("/beheer/")
    assert response.status_code == 302
    client.get(response["Location"])
    login = client.get("/beheer/login/")
    assert login.status_code == 302 and reverse("account_login") in login["Location"]
    client.force_login(StaffFactory(mfa=False))
    response = client.get("/beheer/login/")
    assert response["Location"] == reverse("mfa_activate_totp")
    client.force_login(StaffFactory(mfa=True))
    assert client.get("/beheer/").status_code == 200


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "portal.ingrado.nl",
        "SITE_URL": "https://portal.ingrado.nl",
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.production",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _compose_command():
    import shutil

    if shutil.which("docker"):
        plugin = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if plugin.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_the_compose_file_is_valid_and_demands_a_secret_key():
    compose = _compose_command()
    if compose is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 60,
        "SITE_URL": "https://portal.ingrado.nl",
        "SITE_DOMAIN": "portal.ingrado.nl",
    }
    result = subprocess.run(
        [*compose, "config", "-q"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [*compose, "config", "-q"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_compose_publishes_gunicorn_only_through_the_proxy():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    published = {name: service.get("ports", []) for name, service in services.items()}
    assert published == {name: [] for name in services} | {"proxy": ["80:80", "443:443"]}
    assert services["web"]["expose"] == ["8000"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    mount = next(v for v in services["proxy"]["volumes"] if v.endswith("/etc/caddy/Caddyfile:ro"))
    caddyfile = (ROOT / mount.split(":")[0]).read_text()
    assert "reverse_proxy web:8000" in caddyfile


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ingrado.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_the_site_url():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.production",
        "SECRET_KEY": "x" * 60,
    }
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_seed_demo_refuses_when_debug_is_off(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_gunicorn_workers_keep_start_up_objects_out_of_the_garbage_collector():
    import gc
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    try:
        config["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


APPS = ("members", "knowledge", "academy", "programmes", "communications", "meetings")


def _imported_modules(path: pathlib.Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_project_package_imports_no_app():
    """ingrado/ is the floor the apps stand on: only the URLconf names the apps (by string)."""
    offenders = []
    for path in sorted((ROOT / "ingrado").rglob("*.py")):
        for module in _imported_modules(path):
            if module.split(".")[0] in APPS:
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert not offenders, offenders


def test_no_html_is_marked_safe_outside_the_escaped_svg_charts():
    allowed = {ROOT / "programmes" / "charts.py"}  # the report's SVG, with segno's QR code
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("ingrado", *APPS)
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts and path not in allowed and "mark_safe" in path.read_text()
    ]
    assert not offenders, offenders


def test_every_task_in_the_beat_schedule_exists():
    from django.conf import settings

    from ingrado.celery import app

    app.loader.import_default_modules()
    missing = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] not in app.tasks
    ]
    assert missing == []


# Who talks to the mail server and builds a message: `outbox.smtp`, used by the outbox (every
# mail, one row per recipient) and by the newsletter's batches (a claim per delivery, at most
# once as well). Everything else queues its mail in the outbox (outbox.services.mail_queue /
# mail_queue_message).
MAIL_SENDERS = {"outbox/smtp.py"}
MESSAGE_BUILDERS = {"outbox/smtp.py"}


def _source_files():
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "bench/")) or "/tests/" in relative:
            continue
        if "/migrations/" in relative or relative.startswith("tests/"):
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_the_outbox_is_the_one_way_a_mail_leaves_the_portal():
    import re

    sends = re.compile(
        r"get_connection\(|send_mail\(|send_mass_mail\(|mail_admins\(|mail_managers\("
        r"|\.send_messages\(|message\(.*\)\.send\(|\.send\(\)"
    )
    builds = re.compile(r"\b(EmailMessage|EmailMultiAlternatives)\(")
    problems = []
    for relative, text in _source_files():
        for number, line in enumerate(text.splitlines(), 1):
            if sends.search(line) and relative not in MAIL_SENDERS:
                if re.search(r"def send_(mail|messages)\(|(super\(\)|self)\.send_mail\(", line):
                    continue  # allauth's adapter (its message goes over the outbox connection)
                problems.append(f"{relative}:{number}: {line.strip()}")
            if builds.search(line) and relative not in MESSAGE_BUILDERS:
                problems.append(f"{relative}:{number}: {line.strip()}")
    assert not problems, "mail sent around the outbox:\n" + "\n".join(problems)


def test_the_broker_errors_are_listed_once():
    """What queuing a task raises when the broker is away: `ingrado.broker.BROKER_ERRORS`,
    used by every place that queues work, never a copy of its own."""
    from celery.exceptions import CeleryError
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    from ingrado.broker import BROKER_ERRORS

    assert set(BROKER_ERRORS) == {OperationalError, CeleryError, RedisError, OSError}
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for app in ("ingrado", *APPS)
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.parts and path != ROOT / "ingrado" / "broker.py"
        for module in _imported_modules(path)
        if module in ("kombu.exceptions", "celery.exceptions")
    ]
    assert not offenders, offenders
