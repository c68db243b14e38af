import factory
from django.utils import timezone

from knowledge.models import Item, Topic
from knowledge.services import question_submit


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Onderwerp {n}")


def ask(
    user, *, subject="Vrijstelling voor een leerling", body="Mag dit?", topic=None, attachments=()
):
    """A question submitted through the service, as the member would."""
    return question_submit(
        asker=user.person,
        topic=topic or TopicFactory(name="Vrijstellingen"),
        subject=subject,
        body=body,
        attachments=attachments,
        actor=user,
    )


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Vrijstelling artikel 5 onder a, deel {n}")
    slug = factory.Sequence(lambda n: f"item-{n}")
    question_text = "Wanneer kan een vrijstelling worden verleend?"
    answer_text = "Een vrijstelling wordt verleend na een verklaring van een deskundige."
    audience = Item.Audience.PUBLIC
    review_by = factory.LazyFunction(lambda: timezone.localdate().replace(year=2030))
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            obj.topics.set(extracted or [TopicFactory(name="Vrijstellingen")])
            from knowledge.services import update_search_index

            update_search_index(Item.objects.filter(pk=obj.pk))
