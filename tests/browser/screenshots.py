"""`make screenshots`: a PNG of each main page, as member, expert and board.

Serves the portal with demo data from a scratch SQLite database (DEBUG on, so the demo
staff and board accounts may skip two-factor authentication) and photographs each page
with Debian's Chromium into docs/screenshots/.
"""

import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Ingrado-demo-2026"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = 390  # the width of the phone screenshots
# (file name, account or None, path[, viewport width]); paths of apps that are not installed
# are skipped. {person}, {question} and {edition} are looked up in the demo data.
PAGES = [
    ("home", None, "/"),
    ("login", None, "/accounts/login/"),
    ("kennisbank", None, "/kennisbank/?q=vrijstellingen"),
    ("kennisbank-telefoon", None, "/kennisbank/?q=gemeenten", PHONE),
    ("academie", None, "/academie/"),
    ("programmas", None, "/programmas/"),
    ("mijn-ingrado", "lid@example.org", "/mijn/"),
    ("vraag-stellen", "lid@example.org", "/vragen/nieuw/"),
    ("mijn-vragen", "lid@example.org", "/vragen/"),
    ("mijn-vragen-telefoon", "lid@example.org", "/vragen/", PHONE),
    ("jaarverslag-online", "lid@example.org", "/jaarverslag/2025/"),
    ("jaarverslag-online-telefoon", "lid@example.org", "/jaarverslag/2025/", PHONE),
    ("rayons", "lid@example.org", "/rayons/"),
    ("mijn-werk", "expert@example.org", "/mijn/werk/"),
    ("mijn-werk-bestuur", "bestuur@example.org", "/mijn/werk/"),
    ("vragen-werkvoorraad", "expert@example.org", "/vragen/"),
    ("vragen-werkvoorraad-telefoon", "expert@example.org", "/vragen/", PHONE),
    ("vraag-geschiedenis", "expert@example.org", "/vragen/{question}/#geschiedenis"),
    ("vraag-controle", "expert2@example.org", "/vragen/{question}/"),
    ("beoordelingen", "expert@example.org", "/vragen/beoordelingen/"),
    ("vragen-cijfers", "bestuur@example.org", "/vragen/cijfers/?jaar=2025"),
    ("ledenoverzicht", "expert@example.org", "/leden/personen/"),
    ("persoon", "expert@example.org", "/leden/personen/{person}/?organisatie=amers"),
    ("deelnemers-telefoon", "expert@example.org", "/academie/editie/{edition}/deelnemers/", PHONE),
    ("jaarverslag-genereren", "bestuur@example.org", "/jaarverslag/"),
    ("nieuwsbrief-editor", "expert@example.org", "/nieuwsbrief/redactie/{draft}/"),
    ("nieuwsbrief-cijfers", "bestuur@example.org", "/nieuwsbrief/cijfers/?jaar=2025"),
    ("facturen-debiteuren", "expert@example.org", "/facturen/"),
    ("factuur", "manager@example.org", "/facturen/{invoice}/"),
    ("bijeenkomsten", None, "/bijeenkomsten/"),
    ("bijeenkomst-inchecken", "expert@example.org", "/bijeenkomsten/{alv}/inchecken/?q=gemeente+a"),
    ("besluit-uitslag", "lid@example.org", "/bijeenkomsten/besluit/{decision}/"),
    ("stemmen", "lid@example.org", "/bijeenkomsten/{alv}/stemmen/"),
    ("bijeenkomsten-cijfers", "bestuur@example.org", "/bijeenkomsten/cijfers/?jaar=2025"),
]
LOOKUP = """
from academy.models import Edition
from knowledge.models import Question
from members.models import Person
from django.utils import timezone
print(Person.objects.get(email="lid@example.org").pk)
print(Question.objects.filter(asker__email="lid2@example.org", status="in_review").first().pk)
print(
    Edition.objects.filter(enrolments__status="waitlisted", sessions__date__gt=timezone.localdate())
    .first()
    .pk
)
"""


def _lookup(python, env):
    """The demo's objects that some pages show: {"person": pk, "question": pk, ...}."""
    output = subprocess.run(
        [python, "manage.py", "shell", "-v0", "-c", LOOKUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return dict(zip(["person", "question", "edition"], output, strict=True))


# Paths that name a demo object: its primary key, looked up after seeding.
DEMO_IDS = {
    "draft": "from communications.models import Newsletter; "
    "print(Newsletter.objects.filter(status='draft').order_by('-pk').first().pk)",
    "invoice": "from billing.models import Invoice; "
    "print(Invoice.objects.filter(organisation__name='Gemeente Amersfoort', "
    "source_type='contributie').order_by('-pk').first().pk)",
    "alv": "from meetings.models import Meeting; from django.utils import timezone; "
    "print(Meeting.objects.get(kind='alv', date=timezone.localdate()).pk)",
    "decision": "from meetings.models import Decision; "
    "print(Decision.objects.get(title='Jaarplan 2026 vaststellen').pk)",
}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(only=()):
    """Photograph every page, or only those named (`screenshots.py nieuwsbrief-editor`)."""
    OUT.mkdir(parents=True, exist_ok=True)
    database = pathlib.Path(tempfile.mkdtemp()) / "screenshots.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True)
    objects = _lookup(python, env)
    objects.update(
        {
            name: subprocess.run(
                [python, "manage.py", "shell", "-c", code],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
            for name, code in DEMO_IDS.items()
        }
    )
    port = _free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/gezond/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            contexts = {}
            for name, account, path, *width in PAGES:
                if only and name not in only:
                    continue
                width = width[0] if width else 1280
                if (account, width) not in contexts:
                    context = browser.new_context(
                        base_url=base,
                        viewport={"width": width, "height": 900 if width > PHONE else 844},
                        locale="nl-NL",
                    )
                    if account:
                        page = context.new_page()
                        page.goto("/accounts/login/")
                        page.locator("#id_login").fill(account)
                        page.locator("#id_password").fill(PASSWORD)
                        page.locator("main form button[type=submit]").first.click()
                        page.wait_for_load_state()
                    contexts[account, width] = context
                page = contexts[account, width].new_page()
                path = path.format(**objects)
                response = page.goto(path)
                if response is None or response.status >= 400:
                    print(f"skipped {name}: {path} answered {response and response.status}")
                    continue
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                print(f"docs/screenshots/{name}.png  {path}  ({account or 'anonymous'})")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(set(sys.argv[1:]))
