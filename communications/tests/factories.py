import factory
from django.utils import timezone

from communications.models import Newsletter, Section, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """An address on the list, subscribed (confirmed) by default."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lezer{n}@voorbeeld.nl")
    name = factory.Sequence(lambda n: f"Lezer {n}")
    status = Subscriber.Status.SUBSCRIBED
    consent = Subscriber.Consent.DOUBLE_OPT_IN
    consent_at = factory.LazyFunction(timezone.now)
    subscribed_at = factory.LazyFunction(timezone.now)


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    subject = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    introduction = "Het laatste nieuws over leerplicht."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    newsletter = factory.SubFactory(NewsletterFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    text = "Een tekst over verzuim.\n\nMet een tweede alinea."
    link_url = "https://www.ingrado.nl/verzuim"
    link_label = "Lees meer"


def newsletter_with_sections(count=2, **kwargs) -> Newsletter:
    newsletter = NewsletterFactory(**kwargs)
    for _ in range(count):
        SectionFactory(newsletter=newsletter)
    return newsletter
