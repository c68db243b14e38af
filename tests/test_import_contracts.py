"""The import contracts ([tool.importlinter] in pyproject.toml) as part of the test run: the
project package imports no app, the apps import only downwards, and the modules of an app do
not import each other in a circle. `make test` and `make lint` also run `lint-imports`, which
prints the same report with every offending import."""

import copy
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_TYPES = {
    "forbidden": ForbiddenContract,
    "layers": LayersContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}
PROJECT = "The project package (settings, shared helpers) imports no app"
LAYERS = "The apps import only downwards"
CYCLES = "No import cycles between the modules of an app"


def configuration() -> dict:
    return api.read_configuration(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*configuration()["session_options"]["root_packages"], cache_dir=None)


def broken_contracts(graph) -> list[str]:
    """The names of the contracts the graph breaks, checked as `lint-imports` checks them."""
    config = configuration()
    broken = []
    for options in config["contracts_options"]:
        contract = CONTRACT_TYPES[options["type"]](
            name=options["name"],
            session_options=config["session_options"],
            contract_options=options,
        )
        if not contract.check(copy.deepcopy(graph), verbose=False).kept:
            broken.append(contract.name)
    return broken


def test_the_contracts_are_the_three_the_readme_describes():
    names = [options["name"] for options in configuration()["contracts_options"]]
    assert names == [PROJECT, LAYERS, CYCLES]


def test_the_code_keeps_every_import_contract():
    lint = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("ingrado.formatting", "members.models", PROJECT),
        ("members.services.audit", "billing.models", LAYERS),
        ("outbox.services", "members.models", LAYERS),
        ("knowledge.models", "programmes.models", LAYERS),  # one layer, independent
        ("communications.selectors", "meetings.models", LAYERS),  # one layer, independent
        ("academy.selectors", "academy.services", CYCLES),
        ("communications.sending", "communications.tasks", CYCLES),
        ("knowledge.services.common", "knowledge.services.questions", CYCLES),
        ("outbox.services", "outbox.tasks", CYCLES),
    ],
)
def test_a_wrong_import_breaks_its_contract(graph, importer, imported, contract):
    wrong = copy.deepcopy(graph)
    wrong.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    assert broken_contracts(graph) == []
    assert broken_contracts(wrong) == [contract]


def test_an_apps_tests_may_use_the_apps_above_it(graph):
    """Tests build whole situations (an erasure across every app); the contract is about the
    code that runs."""
    with_test_import = copy.deepcopy(graph)
    with_test_import.add_import(
        importer="members.tests.test_privacy",
        imported="billing.models",
        line_number=1,
        line_contents="",
    )
    assert broken_contracts(with_test_import) == []
