"""The jaarverslag's figures from the portal's apps: each app registers what it contributes
in its `AppConfig.ready()`, as it registers its Mijn Ingrado panels and personal data, so
the programmes app needs to know neither the other apps nor a project's display name.

A provider is bound to a project by the project's `code` (a stable key set once; renaming
the project in the admin changes nothing). What a provider gives:

- `year_figures(year) -> dict`: the app's raw figures of a year (numbers, no sentences),
  cached for a few minutes (`ingrado.caching.cached_figures`, keyed on `name`);
- `present(data) -> Computed`: what the project's page and its section in the jaarverslag
  show: tiles (`Figure`), a sentence, a ranked list (topics), results in words (`items`,
  each a bullet under "Greep uit de resultaten" after the typed ones) and dated moments
  for "<year> in vogelvlucht" (`moments`);
- `measures` (with `title` and `order`): the kerncijfers tiles, each year beside the one
  before, read from `year_figures` by key;
- `series(first, last) -> {key: Series}`: rows over several years for the charts;
  `year_series(now, before, year) -> {key: Series}`: a chart of the year beside the year
  before, from `year_figures` of both (`before` None for a year without data).

The smallest registration, e.g. the ALV dates and rayondagen of programme 5's Community
project from the meetings app (`meetings/jaarverslag.py`):

    from ingrado import annual_figures

    annual_figures.register(
        annual_figures.Provider(
            name="meetings",
            project="community",
            year_figures=stats.year_figures,  # year -> {"alv_dates": [...], ...}
            present=jaarverslag.present,      # dict -> annual_figures.Computed
        )
    )
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class Figure:
    """A figure shown large: "508" over "vragen". `value` is already formatted
    (`ingrado.formatting`)."""

    value: str
    label: str
    computed: bool = False
    pk: int | None = None


@dataclass(frozen=True)
class Moment:
    """Something that happened on a day, for "<year> in vogelvlucht" (as a typed result
    marked for it: `happened_on`, `text`)."""

    happened_on: date
    text: str


@dataclass
class Computed:
    """What the data says about a project in a year: tiles, a sentence, a ranked list of
    (name, formatted count), results in words (one sentence per bullet) and dated moments."""

    figures: list[Figure] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    items: list[str] = field(default_factory=list)
    moments: list[Moment] = field(default_factory=list)


@dataclass(frozen=True)
class Measure:
    """One kerncijfer: the key in `year_figures`' dict and how it reads."""

    key: str
    label: str | Promise
    decimals: int = 0
    percentage: bool = False


@dataclass(frozen=True)
class Series:
    """What a chart draws: (label, value) rows, oldest year first; for a bar chart of the
    year beside the year before (label, value, previous). `target` draws a line at that
    value (e.g. the plan's norm)."""

    title: str
    rows: list
    decimals: int = 0
    percentage: bool = False
    target: float | None = None
    target_label: str = ""


@dataclass(frozen=True)
class Provider:
    name: str
    year_figures: Callable[[int], dict]
    project: str = ""
    present: Callable[[dict], Computed] | None = None
    has_data: str = ""  # the key of year_figures whose value says "this year has data"
    title: str | Promise = ""
    measures: tuple[Measure, ...] = ()
    series: Callable[[int, int], dict[str, Series]] | None = None
    year_series: Callable[[dict, dict | None, int], dict[str, Series]] | None = None
    order: int = 50


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    """Add (or, on a second `ready()`, replace) a provider; names are unique."""
    _providers[provider.name] = provider


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.name))


def for_project(code: str) -> list[Provider]:
    return [provider for provider in providers() if code and provider.project == code]


def get(name: str) -> Provider | None:
    return _providers.get(name)


def year_figures(provider: Provider, year: int, memo: dict | None = None) -> dict | None:
    """The provider's figures of the year (cached briefly; `memo` keeps them for one
    report), or None for a year without data."""
    from .caching import cached_figures

    memo = {} if memo is None else memo
    key = (provider.name, year)
    if key not in memo:
        data = cached_figures(provider.name, year, provider.year_figures)
        memo[key] = (
            data if data and (not provider.has_data or data.get(provider.has_data)) else None
        )
    return memo[key]
