import io
import re

import pytest
from pypdf import PdfReader

from .factories import ProgrammeFactory, ProjectFactory, ResultFactory, StrategicPlanFactory


@pytest.fixture
def demo(demo_data, db, settings):
    """The whole demo (members, programmes, knowledge, academy) as seed_demo loads it, seeded
    once for the module: the tests that use it have a module of their own."""
    settings.DEBUG = True


@pytest.fixture
def small_plan(db):
    """A plan with two programmes, three projects and some 2025 results."""
    plan = StrategicPlanFactory()
    first = ProgrammeFactory(plan=plan, number=1, name="Versterk de basis")
    third = ProgrammeFactory(plan=plan, number=3, name="Sterk vakmanschap")
    projects = {
        "basis": ProjectFactory(programme=first, name="Aanwezigheid centraal", slug="aanwezigheid"),
        "kennis": ProjectFactory(programme=third, name="Kennis", slug="kennis"),
        "academie": ProjectFactory(programme=third, name="Academie", slug="academie"),
    }
    ResultFactory(project=projects["basis"], text="Congres met 550 deelnemers.")
    ResultFactory(project=projects["basis"], text="Intern overleg.", is_highlight=False)
    return {"plan": plan, "programmes": [first, third], "projects": projects}


def pdf_text(data: bytes) -> str:
    """The PDF's text, its whitespace normalised and the words WeasyPrint hyphenated at the
    end of a line (with U+2010, not the text's own hyphen-minus) joined again."""
    return " ".join(
        " ".join(re.sub("\u2010\\s+", "", page.extract_text()).split())
        for page in PdfReader(io.BytesIO(data)).pages
    )
