"""`seed_demo` for the helpdesk: topics, questions in every status, the 2025 history that
the annual report quotes, the years before it (four, or nine with --scale large) and
kennisbank items. Idempotent."""

import itertools
import random
import re
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from ingrado.caching import bump_generation
from members.models import Organisation, Person

from . import services, stats
from .demo_data import (
    CASE_SITUATIONS,
    EXTRA_TOPICS,
    RATING_REMARKS_HELPFUL,
    RATING_REMARKS_UNHELPFUL,
    SAMPLES,
    STANDARD_TEXTS,
    TOPICS_2025,
)
from .models import (
    Answer,
    AnswerVersion,
    Item,
    LegalSource,
    Message,
    Question,
    QuestionEvent,
    Rating,
    StandardText,
    Topic,
)
from .selectors import KENNISBANK_GENERATION
from .workdays import add_working_days, answer_due_date

S = Question.Status
DEMO_KEY = "demo-"
INFO_REQUEST_TEXT = (
    "Kun je aangeven hoe oud de jongere is en op welke school hij staat ingeschreven?"
)


def _aware(day: date, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_topics():
    topics = {}
    for order, (name, _count) in enumerate(TOPICS_2025):
        topics[name], _ = Topic.objects.get_or_create(name=name, defaults={"order": order})
    for order, name in enumerate(EXTRA_TOPICS, start=len(TOPICS_2025)):
        topics[name], _ = Topic.objects.get_or_create(name=name, defaults={"order": order})
    for title, body in STANDARD_TEXTS:
        StandardText.objects.get_or_create(title=title, defaults={"body": body})
    return topics


def _sample(topic_name, index):
    samples = SAMPLES.get(topic_name) or SAMPLES["Vrijstellingen"]
    return samples[index % len(samples)]


class _Builder:
    """Collects questions with their thread and answer, then bulk-creates them."""

    def __init__(self, experts):
        self.experts = experts
        self.questions, self.answers, self.messages, self.ratings = [], [], [], []
        self.events = []  # (question, actor, action, detail, at)

    def add(
        self,
        *,
        key,
        asker,
        topic,
        received: date,
        answered: date | None,
        status,
        rng,
        rated=False,
        history=False,
    ):
        subject, body, answer, _sources = _sample(topic.name, rng.randint(0, 9))
        org = asker.organisation
        author, reviewer = self.experts if rng.random() < 0.5 else self.experts[::-1]
        question = Question(
            import_key=key,
            asker=asker,
            topic=topic,
            subject=subject,
            body=body,
            channel=Question.Channel.PORTAL if rng.random() < 0.85 else Question.Channel.PHONE,
            status=status,
            expert=author if status != S.NEW else None,
            organisation=org,
            organisation_kind=org.kind if org else "",
            rayon=org.rayon if org else None,
            is_external=org is None,
            received_at=_aware(received, rng.randint(8, 16)),
            due_date=answer_due_date(received),
            answered_at=_aware(answered, rng.randint(9, 17)) if answered else None,
            closed_at=_aware(answered, 18) if answered and status == S.CLOSED else None,
        )
        self.questions.append(question)
        self.messages.append((question, Message.Kind.QUESTION, body, question.received_at, None))
        if answered:
            self.answers.append((question, answer, author, reviewer, Answer.Status.APPROVED))
            self.messages.append(
                (question, Message.Kind.ANSWER, answer, question.answered_at, author)
            )
            if rated:
                self.ratings.append((question, rng.random() < 0.9))
        elif status in (S.DRAFTED, S.IN_REVIEW):
            state = Answer.Status.IN_REVIEW if status == S.IN_REVIEW else Answer.Status.DRAFT
            self.answers.append((question, answer, author, None, state))
        elif status == S.WAITING:
            question.paused_since = timezone.localdate() - timedelta(days=2)
            self.messages.append(
                (
                    question,
                    Message.Kind.INFO_REQUEST,
                    INFO_REQUEST_TEXT,
                    question.received_at + timedelta(days=1),
                    author,
                )
            )
        if history:
            self._history(question, asker, author, reviewer)

    def _history(self, question, asker, author, reviewer):
        """The question's history as the services would have written it."""
        A = QuestionEvent.Action
        status, received = question.status, question.received_at
        steps = [(asker.user, A.SUBMITTED, str(question.get_channel_display()), received)]
        if status != S.NEW:
            steps.append(
                (author, A.ASSIGNED, author.get_full_name(), received + timedelta(hours=1))
            )
        if status == S.WAITING:
            steps.append((author, A.INFORMATION_REQUESTED, "", received + timedelta(days=1)))
        if status in (S.DRAFTED, S.IN_REVIEW, S.SENT, S.CLOSED):
            steps.append((author, A.DRAFTED, "", received + timedelta(hours=3)))
        if status in (S.IN_REVIEW, S.SENT, S.CLOSED):
            steps.append((author, A.SUBMITTED_FOR_REVIEW, "", received + timedelta(hours=4)))
        if status in (S.SENT, S.CLOSED):
            steps.append((reviewer, A.APPROVED_AND_SENT, "", question.answered_at))
        if status == S.CLOSED:
            steps.append((author, A.CLOSED, "", question.closed_at))
        self.events += [
            (question, actor, action, detail, at) for actor, action, detail, at in steps
        ]

    def save(self):
        Question.objects.bulk_create(self.questions, batch_size=1000)
        stats.forget_status_counts()
        Answer.objects.bulk_create(
            [
                Answer(
                    question=q,
                    body=b,
                    author=a,
                    reviewer=r,
                    status=s,
                    approved_at=q.answered_at if s == Answer.Status.APPROVED else None,
                )
                for q, b, a, r, s in self.answers
            ],
            batch_size=1000,
        )
        Message.objects.bulk_create(
            [
                Message(question=q, kind=k, body=b, created_at=at, author=author)
                for q, k, b, at, author in self.messages
            ],
            batch_size=2000,
        )
        QuestionEvent.objects.bulk_create(
            [
                QuestionEvent(question=q, actor=actor, action=action, detail=detail, at=at)
                for q, actor, action, detail, at in self.events
            ],
            batch_size=1000,
        )
        Rating.objects.bulk_create(
            [
                Rating(question=q, helpful=h, remark=_remark(index, h), created_at=q.answered_at)
                for index, (q, h) in enumerate(self.ratings)
            ],
            batch_size=1000,
        )


def _remark(index: int, helpful: bool) -> str:
    """About one rating in six has a remark (chosen by its place, not drawn: the demo's other
    figures stay as they are)."""
    if index % 6:
        return ""
    remarks = RATING_REMARKS_HELPFUL if helpful else RATING_REMARKS_UNHELPFUL
    return remarks[(index // 6) % len(remarks)]


def _answered_on(received: date, rng) -> date:
    return add_working_days(received, rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]))


def seed_2025(topics, experts, rng):
    """508 answered questions, 297 askers at 152 organisations, as the annual report says."""
    organisations = list(
        Organisation.objects.active_members()
        .exclude(kind=Organisation.Kind.PARTNER)
        .filter(people__user__isnull=True)
        .distinct()
        .order_by("name")[:152]
    )
    people_by_org = {}
    for person in (
        Person.objects.filter(organisation__in=organisations, user__isnull=True)
        .select_related("organisation", "organisation__rayon")
        .order_by("pk")
    ):
        people_by_org.setdefault(person.organisation_id, []).append(person)
    askers = [people_by_org[o.pk][0] for o in organisations]  # one asker per organisation
    extra = itertools.chain.from_iterable(people_by_org[o.pk][1:] for o in organisations)
    askers += list(itertools.islice(extra, 297 - len(askers)))
    assert len(askers) == 297 and len(organisations) == 152, "not enough demo people"
    topic_list = [topics[name] for name, count in TOPICS_2025 for _ in range(count)]
    rng.shuffle(topic_list)
    builder = _Builder(experts)
    start = date(2025, 1, 2)
    for index, topic in enumerate(topic_list):
        received = start + timedelta(days=(index * 343) // len(topic_list))
        while received.weekday() >= 5:
            received += timedelta(days=1)
        builder.add(
            key=f"{DEMO_KEY}2025-{index}",
            asker=askers[index % len(askers)],
            topic=topic,
            received=received,
            answered=_answered_on(received, rng),
            status=S.CLOSED if rng.random() < 0.8 else S.SENT,
            rng=rng,
            rated=rng.random() < 0.3,
        )
    builder.save()


def seed_year(year, count, topics, experts, people, rng, *, until: date | None = None):
    builder = _Builder(experts)
    topic_list = list(topics.values())
    last = until or date(year, 12, 15)
    span = (last - date(year, 1, 2)).days
    for index in range(count):
        received = date(year, 1, 2) + timedelta(days=rng.randint(0, span))
        answered = _answered_on(received, rng)
        if answered >= timezone.localdate():
            continue
        builder.add(
            key=f"{DEMO_KEY}{year}-{index}",
            asker=rng.choice(people),
            topic=rng.choice(topic_list),
            received=received,
            answered=answered,
            status=S.CLOSED,
            rng=rng,
            rated=rng.random() < 0.25,
        )
    builder.save()


def seed_demo_accounts(topics, experts, rng):
    """Questions of the demo accounts in every status, recent enough to be in the queue."""
    today = timezone.localdate()
    by_email = {
        p.email: p
        for p in Person.objects.filter(
            email__in=["lid@example.org", "lid2@example.org"]
            + [f"lid{n:02d}@example.org" for n in range(1, 13)]
        ).select_related("organisation", "organisation__rayon")
    }
    builder = _Builder(experts)
    names = list(topics)
    plan = [
        ("lid@example.org", S.SENT, 9),
        ("lid@example.org", S.WAITING, 4),
        ("lid@example.org", S.NEW, 0),
        ("lid@example.org", S.CLOSED, 40),
        ("lid2@example.org", S.IN_REVIEW, 3),
    ] + [
        (f"lid{n:02d}@example.org", status, days)
        for n, (status, days) in enumerate(
            [
                (S.NEW, 0),
                (S.NEW, 1),
                (S.ASSIGNED, 2),
                (S.ASSIGNED, 6),
                (S.DRAFTED, 3),
                (S.IN_REVIEW, 4),
                (S.WAITING, 5),
                (S.SENT, 8),
                (S.CLOSED, 20),
                (S.ASSIGNED, 9),
                (S.NEW, 7),
                (S.DRAFTED, 1),
            ],
            start=1,
        )
    ]
    for index, (email, status, days_ago) in enumerate(plan):
        received = today - timedelta(days=days_ago)
        answered = None
        if status in (S.SENT, S.CLOSED):
            answered = min(add_working_days(received, 3), today)
        builder.add(
            key=f"{DEMO_KEY}account-{index}",
            asker=by_email[email],
            topic=topics[names[index % len(names)]],
            received=received,
            answered=answered,
            status=status,
            rng=rng,
            history=True,
        )
    builder.save()
    _returned_once(f"{DEMO_KEY}account-4", experts)


def _returned_once(import_key, experts):
    """lid2's answer in review was returned once and sent again with a sentence added: its
    reviewer sees what changed (the versions as they were sent for review), and its history
    tells it."""
    answer = (
        Answer.objects.filter(question__import_key=import_key, status=Answer.Status.IN_REVIEW)
        .select_related("question")
        .first()
    )
    if answer is None or answer.versions.exists():
        return
    sentences = re.split(r"(?<=\.) ", answer.body.strip())
    submitted = answer.question.events.filter(action=QuestionEvent.Action.SUBMITTED_FOR_REVIEW)
    first = submitted.values_list("at", flat=True).first()
    if len(sentences) < 2 or first is None:
        return
    reviewer = next(expert for expert in experts if expert.pk != answer.author_id)
    again = first + timedelta(hours=4)
    AnswerVersion.objects.bulk_create(
        [
            AnswerVersion(
                answer=answer,
                body=" ".join(sentences[:-1]),
                submitted_by_id=answer.author_id,
                submitted_at=first,
            ),
            AnswerVersion(
                answer=answer,
                body=answer.body,
                submitted_by_id=answer.author_id,
                submitted_at=again,
            ),
        ]
    )
    Action = QuestionEvent.Action
    QuestionEvent.objects.bulk_create(
        [
            QuestionEvent(
                question=answer.question,
                actor=reviewer,
                action=Action.RETURNED,
                detail="Noem ook wat de school nu moet doen.",
                at=first + timedelta(hours=2),
            ),
            QuestionEvent(
                question=answer.question,
                actor_id=answer.author_id,
                action=Action.DRAFTED,
                at=first + timedelta(hours=3),
            ),
            QuestionEvent(
                question=answer.question,
                actor_id=answer.author_id,
                action=Action.SUBMITTED_FOR_REVIEW,
                at=again,
            ),
        ]
    )


def seed_items(topics, experts, rng, *, cases=0):
    """The kennisbank: each sample once; with `cases` (--scale large) also that many items,
    each a different case of a sample: its situation and municipality in the title."""
    today = timezone.localdate()
    _remove_numbered_copies()
    created = []
    for topic_name, samples in SAMPLES.items():
        for subject, body, answer, sources in samples:
            slug = slugify(subject)[:200]
            if Item.objects.filter(slug=slug).exists():
                continue
            item = Item.objects.create(
                title=subject,
                slug=slug,
                question_text=body,
                answer_text=answer,
                audience=Item.Audience.PUBLIC if len(created) % 3 else Item.Audience.MEMBERS,
                review_by=today + timedelta(days=rng.randint(-60, 400)),
                author=experts[0],
                published_at=timezone.now() - timedelta(days=rng.randint(1, 900)),
            )
            item.topics.set([topics[topic_name]])
            item.sources.set([LegalSource.objects.get_or_create(name=s)[0] for s in sources])
            created.append(item)
    new = _seed_cases(topics, experts, rng, cases) if cases else []
    services.update_search_index(Item.objects.filter(pk__in=[i.pk for i in created + new]))
    bump_generation(KENNISBANK_GENERATION)


def _remove_numbered_copies():
    """Earlier demos added numbered copies of the samples ("Toezicht op thuisonderwijs
    (12)", slug vraag-12): a database seeded then loses them."""
    copies = [
        pk
        for pk, slug, title in Item.objects.filter(slug__startswith="vraag-").values_list(
            "pk", "slug", "title"
        )
        if re.fullmatch(r"vraag-\d+", slug) and title.endswith(f"({slug[6:]})")
    ]
    Item.objects.filter(pk__in=copies).delete()


def _seed_cases(topics, experts, rng, count):
    existing = Item.objects.filter(slug__startswith="casus-").count()
    if existing >= count:
        return []
    today = timezone.localdate()
    flat = [(topic, sample) for topic, samples in SAMPLES.items() for sample in samples]
    places = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        .order_by("name")
        .values_list("name", flat=True)
    ) or ["Gemeente"]
    per_place = len(flat) * len(CASE_SITUATIONS)
    new, topic_of = [], []
    for number in range(existing, count):
        topic_name, (subject, body, answer, _sources) = flat[number % len(flat)]
        situation = CASE_SITUATIONS[(number // len(flat)) % len(CASE_SITUATIONS)]
        place = places[(number // per_place) % len(places)]
        new.append(
            Item(
                title=f"{subject}: {situation} ({place})"[:200],
                slug=f"casus-{number + 1}",
                question_text=f"{body} Het speelt {situation}, in {place}.",
                answer_text=answer,
                audience=Item.Audience.PUBLIC if number % 4 else Item.Audience.MEMBERS,
                review_by=today + timedelta(days=rng.randint(-90, 700)),
                author=experts[number % 2],
                published_at=timezone.now() - timedelta(days=rng.randint(1, 3650)),
            )
        )
        topic_of.append(topics[topic_name].pk)
    new = Item.objects.bulk_create(new, batch_size=1000)
    through = Item.topics.through
    through.objects.bulk_create(
        [
            through(item_id=item.pk, topic_id=topic_pk)
            for item, topic_pk in zip(new, topic_of, strict=True)
        ],
        batch_size=2000,
    )
    return new


# Answered questions of the years before 2025, so the annual report can set 2025 beside
# them: four years by default, nine with --scale large.
HISTORY = {2021: 384, 2022: 421, 2023: 447, 2024: 472}
LARGE_HISTORY = dict.fromkeys(range(2016, 2025), 1150)


def seed(*, scale, stdout):
    rng = random.Random(508)
    topics = seed_topics()
    User = get_user_model()
    experts = [
        User.objects.get(email="expert@example.org"),
        User.objects.get(email="expert2@example.org"),
    ]
    if not Question.objects.filter(import_key__startswith=f"{DEMO_KEY}2025-").exists():
        seed_2025(topics, experts, rng)
        people = list(
            Person.objects.filter(user__isnull=True, organisation__isnull=False).select_related(
                "organisation", "organisation__rayon"
            )[:400]
        )
        seed_year(2026, 470, topics, experts, people, rng, until=timezone.localdate())
        seed_demo_accounts(topics, experts, rng)
    history = LARGE_HISTORY if scale == "large" else HISTORY
    missing = [
        year
        for year in history
        if not Question.objects.filter(import_key__startswith=f"{DEMO_KEY}{year}-").exists()
    ]
    if missing:
        people = list(
            Person.objects.filter(user__isnull=True, organisation__isnull=False).select_related(
                "organisation", "organisation__rayon"
            )
        )
        for year in missing:
            seed_year(year, history[year], topics, experts, people, rng)
    seed_items(topics, experts, rng, cases=3000 if scale == "large" else 0)
    stdout.write(
        f"knowledge: {Question.objects.count()} questions, {Item.objects.count()} kennisbank items"
    )
