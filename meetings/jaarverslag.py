"""The meetings' part of the jaarverslag, registered in `MeetingsConfig.ready()`: what
programme 5 "Verbonden vereniging" (project Community) and programme 2 "Vind je plek"
(project Voortijdig schoolverlaten) say of the year, computed from the meetings held (never
typed): the ALVs with their dates and werkconferenties, the rayondagen with rayon and date,
the meetings of the rayon contact persons (the kick-off) and the Doorstroompunt regions
visited. Only meetings held count (published, not cancelled, their day come:
`stats.held_meetings`); a subject without meetings is left out, and a year without any
adds nothing to the report.

Both providers read the same `stats.year_figures`; the sentences are `stats.sentences`,
the same the staff's figures page shows "for the annual report"."""

from django.utils.translation import gettext as _

from ingrado import annual_figures
from ingrado.annual_figures import Computed, Figure, Moment
from ingrado.formatting import number

from . import stats

# The projects' codes (programmes.Project.code), set once; a renamed project keeps them.
COMMUNITY = "community"
REGIONS = "voortijdig-schoolverlaten"


def present_community(data: dict) -> Computed:
    """The ALVs, the rayondagen and the rayon contact persons' meetings as results in
    words, and each ALV and rayondag as a moment of "<year> in vogelvlucht"."""
    sentences = stats.sentences(data)
    items = [sentences[key] for key in ("alv", "rayondagen", "rayon_contacts") if key in sentences]
    moments = [
        Moment(
            day,
            _("General meeting with its werkconferentie.")
            if data["alvs_with_werkconferentie"] == len(data["alv_dates"])
            else _("General meeting."),
        )
        for day in data["alv_dates"]
    ] + [
        Moment(
            day,
            _("Rayondag of rayon %(rayon)s, with the rayon contact persons.") % {"rayon": rayon},
        )
        for rayon, day in data["rayondagen"]
    ]
    return Computed(items=items, moments=sorted(moments, key=lambda moment: moment.happened_on))


def present_regions(data: dict) -> Computed:
    """The Doorstroompunt regions visited: a sentence and a tile."""
    if not data["regions_visited"]:
        return Computed()
    return Computed(
        figures=[Figure(number(data["regions_visited"]), _("regions visited"), True)],
        items=[stats.sentences(data)["visits"]],
    )


COMMUNITY_PROVIDER = annual_figures.Provider(
    name="meetings",
    project=COMMUNITY,
    year_figures=stats.year_figures,
    present=present_community,
    has_data="meetings",
    order=40,
)

REGIONS_PROVIDER = annual_figures.Provider(
    name="meetings-regions",
    project=REGIONS,
    year_figures=stats.year_figures,
    present=present_regions,
    has_data="regions_visited",
    order=40,
)
