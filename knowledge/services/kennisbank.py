"""The kennisbank's items: saved only without personal data, indexed for the Dutch full-text
search."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from ingrado.caching import bump_generation

from .. import dutch
from ..models import Item, ItemSearchText, LegalSource, Question
from ..selectors import KENNISBANK_GENERATION
from .common import Action, HelpdeskError, _event


class PersonalDataFound(HelpdeskError):
    """The texts of an item hold personal data: `findings` name the field (title,
    question_text, answer_text) and quote the passage of each."""

    def __init__(self, findings):
        super().__init__(gettext_lazy("The text still contains personal data."))
        self.findings = findings


def _unique_slug(title, exclude_pk=None):
    base = slugify(title)[:200] or "item"
    slug, number = base, 2
    while Item.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _sources(names):
    sources = []
    for name in names:
        name = " ".join(name.split())
        if name:
            sources.append(LegalSource.objects.get_or_create(name=name)[0])
    return sources


def update_search_index(items_queryset) -> None:
    """Index the items for the Dutch full-text search: PostgreSQL's search vector in the
    'dutch' configuration, or on SQLite the same words stemmed by knowledge.dutch in the
    FTS5 table (one statement per item table, not per item)."""
    if settings.USES_POSTGRES:
        items_queryset.update(
            search_vector=SearchVector("title", weight="A", config="dutch")
            + SearchVector("question_text", weight="B", config="dutch")
            + SearchVector("answer_text", weight="C", config="dutch")
        )
        return
    rows = [
        (pk, dutch.document(title), dutch.document(question), dutch.document(answer))
        for pk, title, question, answer in items_queryset.values_list(
            "pk", "title", "question_text", "answer_text"
        )
    ]
    table = ItemSearchText._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(row[0],) for row in rows])
        cursor.executemany(
            f"INSERT INTO {table}(rowid, title, question, answer) VALUES (%s, %s, %s, %s)", rows
        )


@transaction.atomic
def item_save(
    *,
    item: Item | None,
    actor,
    title: str,
    question_text: str,
    answer_text: str,
    topics,
    sources,
    audience: str,
    review_by,
    source_question: Question | None = None,
    publish: bool = True,
) -> Item:
    """Create or update a kennisbank item; refused while the text holds personal data (the
    rule is the model's: `Item.clean`, which the admin's form runs too)."""
    item = item or Item(author=actor, source_question=source_question)
    item.title = title.strip()
    item.question_text = question_text.strip()
    item.answer_text = answer_text.strip()
    findings = item.personal_data()
    if findings:
        raise PersonalDataFound(findings)
    item.audience = audience
    item.review_by = review_by
    item.slug = item.slug or _unique_slug(item.title)
    if publish and item.published_at is None:
        item.published_at = timezone.now()
    item.full_clean()
    item.save()
    item.topics.set(topics)
    item.sources.set(_sources(sources))
    update_search_index(Item.objects.filter(pk=item.pk))
    bump_generation(KENNISBANK_GENERATION)
    if source_question is not None:
        _event(source_question, actor, Action.PUBLISHED, item.title)
    return item
