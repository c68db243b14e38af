"""`make screenshots` (second part): the cover, a programme page and the kerncijfers of the
demo's jaarverslag 2025, as the board hands it out (made for a public SITE_URL), rendered
from the PDF with pdfium into docs/screenshots/jaarverslag-{omslag,programma,kerncijfers}.png."""

import io
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PUBLIC = "https://portal.ingrado.nl"


def main() -> None:
    scratch = tempfile.mkdtemp(prefix="ingrado-report-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ingrado.settings.local",
        DATABASE_URL=f"sqlite:///{scratch}/db.sqlite3",
        PRIVATE_ROOT=f"{scratch}/private",
        MEDIA_ROOT=f"{scratch}/media",
        SITE_URL=PUBLIC,
        REDIS_URL="",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import pypdfium2
    from django.core.management import call_command

    from programmes.report import build_report

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    made = build_report(2025)
    document = pypdfium2.PdfDocument(made.pdf)
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
        programme = next(i for i, text in enumerate(texts) if "PROGRAMMA 3 · SPEERPUNT B" in text)
        figures = next(i for i, text in enumerate(texts) if "Stand jaarplan 2025" in text)
        for name, index in (
            ("jaarverslag-omslag", 0),
            ("jaarverslag-programma", programme),
            ("jaarverslag-kerncijfers", figures),
        ):
            image = document[index].render(scale=1.25).to_pil()
            image.save(OUT / f"{name}.png", optimize=True)
            print(f"docs/screenshots/{name}.png")
    finally:
        document.close()


if __name__ == "__main__":
    main()
