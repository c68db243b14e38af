from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingrado.caching import cached_for_anonymous
from ingrado.downloads import recent_years, table_response, year_param
from ingrado.forms import parse_id
from members.permissions import is_staff_user, role_required
from members.selectors import organisation_param, person_for_user
from members.services import audit_log

from . import selectors, services, stats
from .charts import bar_chart
from .forms import (
    AnswerForm,
    AssignForm,
    ItemForm,
    NoteForm,
    OnBehalfForm,
    QuestionForm,
    RatingForm,
    ReplyForm,
    ReturnForm,
    TextForm,
)
from .models import Item, Question, Topic

HANDLE = "knowledge.handle_question"
QUEUE_PAGE_SIZE = 30
PUBLISH = "knowledge.publish_item"
FIGURES = "knowledge.view_figures"
FIGURES_REMARKS = 10  # the newest remarks of askers on the year's figures
RATINGS_REMARKS = 50  # and on the ratings page


def _fail(request, error):
    messages.error(request, error.message if hasattr(error, "message") else str(error))


def _form_expired(request, form, pk):
    messages.error(request, " ".join(form.non_field_errors()))
    return redirect("knowledge:question_detail", pk=pk)


def _already_submitted(request, done):
    """The form was sent before: show what that first submission saved."""
    messages.info(request, done.message)
    return redirect("knowledge:question_detail", pk=done.question.pk)


# --- questions ------------------------------------------------------------------


@login_required
def question_list(request):
    if is_staff_user(request.user):
        return _queue(request)
    person = person_for_user(request.user)
    questions = selectors.questions_of_person(person) if person else Question.objects.none()
    return render(request, "knowledge/my_questions.html", {"questions": questions})


@role_required(HANDLE)
def _queue(request):
    filterset = selectors.question_queue(params=request.GET)
    counts = stats.counts_by_status()
    page = Paginator(filterset.qs.for_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/queue.html",
        {
            "filter": filterset,
            "page": page,
            "status_counts": [
                (value, label, counts.get(value, 0)) for value, label in Question.Status.choices
            ],
            "today": timezone.localdate(),
        },
    )


@login_required
def question_create(request):
    person = person_for_user(request.user)
    if person is None or not person.is_member:
        return render(request, "knowledge/members_only.html", status=403)
    form = QuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_submit(
                asker=person,
                topic=form.cleaned_data["topic"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
                actor=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except services.AlreadySubmitted as done:
            return _already_submitted(request, done)
        except services.SubmissionRefused as refused:
            form.renew_key()
            form.add_error(None, refused.message)
        except (services.HelpdeskError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or error.messages)
        else:
            messages.success(
                request,
                _("Thank you. You will receive an answer by %(date)s at the latest.")
                % {"date": question.due_date.strftime("%d-%m-%Y")},
            )
            return redirect("knowledge:question_detail", pk=question.pk)
    suggestions = selectors.suggestions_for_subject(request.user, request.GET.get("subject", ""))
    return render(
        request, "knowledge/question_form.html", {"form": form, "suggestions": suggestions}
    )


@login_required
def question_suggestions(request):
    subject = request.GET.get("subject", "")
    suggestions = selectors.suggestions_for_subject(request.user, subject)
    return render(request, "knowledge/_suggestions.html", {"suggestions": suggestions})


@role_required(HANDLE)
def question_register(request):
    form = OnBehalfForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_register_on_behalf(
                staff=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                topic=data["topic"],
                subject=data["subject"],
                body=data["body"],
                channel=data["channel"],
                attachments=data["attachments"],
                submission_key=data["submission_key"],
            )
        except services.AlreadySubmitted as done:
            return _already_submitted(request, done)
        except services.SubmissionRefused as refused:
            form.renew_key()
            form.add_error(None, refused.message)
        except (services.HelpdeskError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or error.messages)
        else:
            messages.success(request, _("The question has been registered."))
            return redirect("knowledge:question_detail", pk=question.pk)
    return render(request, "knowledge/register_form.html", {"form": form})


@login_required
def question_detail(request, pk):
    question = selectors.get_question_for_user(request.user, pk)
    if is_staff_user(request.user):
        audit_log(actor=request.user, action="question_view", obj=question)
    return _question_page(request, question)


def _question_page(request, question, *, answer_form=None):
    """The question's page: the thread and, for staff, the answer being drafted (its form as
    given, e.g. with a standard text inserted but not yet saved), its files, what changed
    since the version reviewed before, and the history."""
    staff = is_staff_user(request.user)
    context = {"question": question, "is_staff_view": staff, "today": timezone.localdate()}
    answer = None
    if staff:
        answer = selectors.current_answer(question)
        in_review = answer is not None and answer.status == answer.Status.IN_REVIEW
        context.update(
            {
                "current_answer": answer,
                "answer_form": answer_form
                or AnswerForm(initial={"body": answer.body if answer else ""}),
                "changes": selectors.changes_since_last_review(answer) if in_review else None,
                "assign_form": AssignForm(initial={"expert": question.expert_id}),
                "return_form": ReturnForm(),
                "info_form": TextForm(prefix="info"),
                "note_form": NoteForm(prefix="note"),
                "notes": question.notes.select_related("author__person"),
                "events": question.events.select_related("actor__person"),
            }
        )
    else:
        context.update({"reply_form": ReplyForm(), "rating_form": RatingForm()})
    context.update(selectors.split_attachments(question, staff=staff, answer=answer))
    context["rating"] = getattr(question, "rating", None) if question.answered_at else None
    return render(request, "knowledge/question_detail.html", context)


def _staff_action(request, pk, action):
    question = selectors.get_question_for_user(request.user, pk)
    try:
        action(question)
    except services.AlreadySubmitted as done:
        return _already_submitted(request, done)
    except services.HelpdeskError as error:
        _fail(request, error)
    return redirect("knowledge:question_detail", pk=question.pk)


@require_POST
@role_required(HANDLE)
def question_assign(request, pk):
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an expert."))
        return redirect("knowledge:question_detail", pk=pk)
    return _staff_action(
        request,
        pk,
        lambda q: services.question_assign(
            question=q, expert=form.cleaned_data["expert"], actor=request.user
        ),
    )


@require_POST
@role_required(HANDLE)
def answer_save(request, pk):
    question = selectors.get_question_for_user(request.user, pk)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            _("The answer could not be saved: %(errors)s")
            % {"errors": " ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect("knowledge:question_detail", pk=pk)
    data = form.cleaned_data
    if data["insert_text"] is not None or data["insert_item"] is not None:
        return _answer_with_insertion(request, question, data)
    try:
        services.answer_save_draft(
            question=question,
            body=data["body"],
            attachments=data["attachments"],
            actor=request.user,
        )
        if request.POST.get("submit_for_review"):
            services.answer_submit_for_review(question=question, actor=request.user)
            messages.success(request, _("The answer has been sent for review."))
        else:
            messages.success(request, _("The draft has been saved."))
    except services.HelpdeskError as error:
        _fail(request, error)
    return redirect("knowledge:question_detail", pk=pk)


def _answer_with_insertion(request, question, data):
    """A chosen standard text or kennisbank item is put into the answer for the expert to
    read and edit: nothing is saved until they save again."""
    body = services.compose_answer(
        data["body"], standard_text=data["insert_text"], item=data["insert_item"]
    )
    messages.info(request, _("The text has been inserted below. Check it, then save the answer."))
    if data["attachments"]:
        messages.warning(request, _("Choose the files to attach again: they were not saved."))
    return _question_page(request, question, answer_form=AnswerForm(initial={"body": body}))


@require_POST
@role_required(HANDLE)
def answer_attachment_remove(request, pk, attachment_pk):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    try:
        services.answer_attachment_remove(attachment=attachment, actor=request.user)
        messages.success(request, _("The file has been removed from the answer."))
    except services.HelpdeskError as error:
        _fail(request, error)
    return redirect("knowledge:question_detail", pk=pk)


@require_POST
@role_required(HANDLE)
def answer_approve(request, pk):
    def approve(question):
        services.answer_approve(question=question, reviewer=request.user)
        messages.success(request, _("The answer has been approved and sent to the asker."))

    return _staff_action(request, pk, approve)


@require_POST
@role_required(HANDLE)
def answer_return(request, pk):
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _staff_action(
        request,
        pk,
        lambda q: services.answer_return(question=q, reviewer=request.user, comment=comment),
    )


@require_POST
@role_required(HANDLE)
def question_request_information(request, pk):
    form = TextForm(request.POST, prefix="info")
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return _staff_action(
        request,
        pk,
        lambda q: services.question_request_information(question=q, body=body, actor=request.user),
    )


@require_POST
@role_required(HANDLE)
def question_note(request, pk):
    form = NoteForm(request.POST, prefix="note")
    body = form.cleaned_data["body"] if form.is_valid() else ""
    if form.key_missing:
        return _form_expired(request, form, pk)
    return _staff_action(
        request,
        pk,
        lambda q: services.note_add(
            question=q,
            body=body,
            actor=request.user,
            submission_key=form.cleaned_data["submission_key"],
        ),
    )


@require_POST
@role_required(HANDLE)
def question_close(request, pk):
    return _staff_action(
        request, pk, lambda q: services.question_close(question=q, actor=request.user)
    )


@require_POST
@login_required
def question_reply(request, pk):
    question = selectors.get_question_for_asker(request.user, pk)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.key_missing:
            return _form_expired(request, form, pk)
        messages.error(request, _("Write your message first."))
        return redirect("knowledge:question_detail", pk=pk)
    try:
        services.question_reply(
            question=question,
            body=form.cleaned_data["body"],
            actor=request.user,
            attachments=form.cleaned_data["attachments"],
            submission_key=form.cleaned_data["submission_key"],
        )
        messages.success(request, _("Your message has been sent."))
    except services.AlreadySubmitted as done:
        return _already_submitted(request, done)
    except services.HelpdeskError as error:
        _fail(request, error)
    return redirect("knowledge:question_detail", pk=pk)


@require_POST
@login_required
def question_rate(request, pk):
    question = selectors.get_question_for_asker(request.user, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the answer helped you."))
        return redirect("knowledge:question_detail", pk=pk)
    try:
        services.answer_rate(
            question=question,
            helpful=form.cleaned_data["helpful"],
            remark=form.cleaned_data["remark"],
            actor=request.user,
        )
        messages.success(request, _("Thank you for your rating."))
    except services.HelpdeskError as error:
        _fail(request, error)
    return redirect("knowledge:question_detail", pk=pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    if is_staff_user(request.user):
        audit_log(actor=request.user, action="attachment_download", obj=attachment)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- figures --------------------------------------------------------------------


@role_required(FIGURES)
def figures(request):
    year = year_param(request)
    organisation = organisation_param(request)
    data = stats.year_figures(year, organisation=organisation)
    chart = bar_chart(data["top_topics"][:8], title=_("Questions answered per topic"))
    quarter_chart = bar_chart(
        [(f"K{q['quarter']}", q["answered"]) for q in data["by_quarter"]],
        title=_("Questions answered per quarter"),
    )
    remarks_count, remarks = stats.rating_remarks(year=year, limit=FIGURES_REMARKS)
    return render(
        request,
        "knowledge/figures.html",
        {
            "figures": data,
            "chart": chart,
            "quarter_chart": quarter_chart,
            "year": year,
            "organisation": organisation,
            "years": recent_years(),
            "remarks": remarks,
            "remarks_count": remarks_count,
        },
    )


@role_required(FIGURES)
def figures_csv(request, year, fmt="csv"):
    """The year's figures as a table of Dutch labels and values (CSV or xlsx)."""
    data = stats.year_figures(year)
    rows = [
        (_("Questions received"), data["received"]),
        (_("Questions answered"), data["answered"]),
        (_("Askers"), data["askers"]),
        (_("Organisations"), data["organisations"]),
        (_("Median working days to an answer"), data["median_working_days"]),
        (_("Share answered within five working days (%)"), data["share_within_five_days"]),
    ]
    for row in data["by_quarter"]:
        rows.append((_("Q%(q)s received") % {"q": row["quarter"]}, row["received"]))
        rows.append((_("Q%(q)s answered") % {"q": row["quarter"]}, row["answered"]))
    for label, pairs in (
        (_("Topic"), data["top_topics"]),
        (_("Rayon"), data["by_rayon"]),
        (_("Kind of organisation"), data["by_organisation_kind"]),
    ):
        rows.extend((f"{label}: {name}", count) for name, count in pairs)
    return table_response(fmt, f"vragen-{year}", [_("Figure"), _("Value")], rows)


@role_required(FIGURES)
def ratings(request):
    per_expert, per_topic = stats.ratings_overview()
    remarks_count, remarks = stats.rating_remarks(limit=RATINGS_REMARKS)
    return render(
        request,
        "knowledge/ratings.html",
        {
            "per_expert": per_expert,
            "per_topic": per_topic,
            "remarks": remarks,
            "remarks_count": remarks_count,
        },
    )


# --- kennisbank -----------------------------------------------------------------


@cached_for_anonymous(query=["q", "onderwerp"], generations=[selectors.KENNISBANK_GENERATION])
def item_list(request):
    topic = None
    topic_id = parse_id(request.GET.get("onderwerp", ""))
    if topic_id is not None:
        topic = Topic.objects.filter(pk=topic_id).first()
    query = request.GET.get("q", "")
    items, searched = selectors.search_items(request.user, query=query, topic=topic)
    return render(
        request,
        "knowledge/item_list.html",
        {
            "items": items,
            "query": query,
            "searched": searched,
            "topic": topic,
            "topics": Topic.objects.all(),
        },
    )


@cached_for_anonymous(generations=[selectors.KENNISBANK_GENERATION])
def item_detail(request, slug):
    item = selectors.get_item_for_user(request.user, slug)
    return render(request, "knowledge/item_detail.html", {"item": item})


def _item_form_view(request, *, item=None, question=None):
    initial = {}
    if item is not None:
        initial = {
            "title": item.title,
            "question_text": item.question_text,
            "answer_text": item.answer_text,
            "topics": item.topics.all(),
            "sources": "\n".join(s.name for s in item.sources.all()),
            "audience": item.audience,
            "review_by": item.review_by,
        }
    elif question is not None:
        approved = [a for a in question.answers.all() if a.status == "approved"]
        initial = {
            "title": question.subject,
            "question_text": question.body,
            "answer_text": approved[-1].body if approved else "",
            "topics": [question.topic],
            "audience": Item.Audience.MEMBERS,
        }
    form = ItemForm(request.POST or None, initial=initial)
    findings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.item_save(
                item=item,
                actor=request.user,
                title=data["title"],
                question_text=data["question_text"],
                answer_text=data["answer_text"],
                topics=data["topics"],
                sources=data["sources"],
                audience=data["audience"],
                review_by=data["review_by"],
                source_question=question or (item.source_question if item else None),
            )
        except services.PersonalDataFound as error:
            findings = error.findings
            form.add_error(None, error.message)
            for field in dict.fromkeys(finding.field for finding in findings):
                form.add_error(field, _("Remove the personal data from this field."))
        else:
            messages.success(request, _("The kennisbank item has been published."))
            return redirect("knowledge:item_detail", slug=saved.slug)
    return render(
        request,
        "knowledge/item_form.html",
        {
            "form": form,
            "item": item,
            "question": question,
            "findings": findings,
            "personal_data": [(form[finding.field], finding) for finding in findings],
        },
    )


@role_required(PUBLISH)
def item_create(request):
    return _item_form_view(request)


@role_required(PUBLISH)
def item_edit(request, slug):
    item = get_object_or_404(Item, slug=slug)
    return _item_form_view(request, item=item)


@role_required(PUBLISH)
def question_publish(request, pk):
    question = selectors.get_question_for_user(request.user, pk)
    if question.answered_at is None:
        messages.error(request, _("Only an answered question can be published."))
        return redirect("knowledge:question_detail", pk=pk)
    return _item_form_view(request, question=question)


@role_required(PUBLISH)
def item_review(request):
    source = request.GET.get("bron", "").strip()[:150]
    return render(
        request,
        "knowledge/item_review.html",
        {
            "due": selectors.items_due_for_review(timezone.localdate()),
            "source": source,
            "citing": selectors.items_citing(source) if source else None,
        },
    )
