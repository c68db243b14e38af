import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ingrado import ratelimits
from ingrado.csvfiles import table_response
from ingrado.errors import DomainError
from members.permissions import role_required
from members.selectors import person_for_user
from members.services import audit_log

from . import mail, selectors, sending, services, stats, tokens
from .errors import ImportFailed, InvalidLink
from .forms import (
    MySubscriptionForm,
    NewsletterForm,
    ScheduleForm,
    SectionForm,
    SubscribeForm,
    SubscriberImportForm,
)
from .models import Newsletter

MANAGE = "communications.manage_newsletters"
FIGURES = "communications.view_newsletter_figures"
PAGE_SIZE = 50
# A transparent GIF of one pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


# --- public: sign up, confirm, unsubscribe, the links in a newsletter ---------------------


def subscribe(request):
    """The public sign-up. Each valid sign-up may mail a confirmation, so it counts against
    the client address's limit (PUBLIC_FORM_RATE_LIMITS): beyond it, the Dutch 429 page."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refused = ratelimits.consume_or_429(request, "newsletter_subscribe")
        if refused is not None:
            return refused
        services.subscription_request(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            organisation_name=form.cleaned_data["organisation"],
        )
        return render(request, "communications/subscribe_sent.html")
    return render(request, "communications/subscribe.html", {"form": form})


def _invalid_link(request):
    return render(request, "communications/link_invalid.html", status=404)


def confirm(request, token):
    """GET shows a button (mail scanners follow links); POST confirms the subscription."""
    if tokens.read_confirm_token(token) is None:
        return _invalid_link(request)
    if request.method == "POST":
        try:
            services.subscription_confirm(token=token)
        except InvalidLink:
            return _invalid_link(request)
        return render(request, "communications/confirmed.html")
    return render(request, "communications/confirm.html")


@csrf_exempt  # RFC 8058: mail programs post here without a session; the signed token protects it
@never_cache
def unsubscribe(request, token):
    """The link in every newsletter and its List-Unsubscribe header. GET shows a button;
    POST (the button, or a mail program's one-click List-Unsubscribe-Post) unsubscribes."""
    data = tokens.read_unsubscribe_token(token)
    if data is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.subscription_unsubscribe(subscriber_pk=data[0], newsletter_pk=data[1])
        return render(request, "communications/unsubscribed.html")
    return render(request, "communications/unsubscribe.html")


@never_cache
def open_pixel(request, token):
    data = tokens.read_open_token(token)
    if data is None:
        raise Http404
    services.open_record(newsletter_pk=data[0], delivery_token=data[1])
    return HttpResponse(PIXEL, content_type="image/gif")


@never_cache
def click(request, token):
    """A link in a newsletter: counted, then on to the target the token was signed with. A
    changed token leads nowhere (no open redirect)."""
    data = tokens.read_click_token(token)
    if data is None or not data[2].startswith(("https://", "http://")):
        return render(request, "communications/link_invalid.html", status=400)
    newsletter_pk, section_pk, url, delivery_token = data
    services.click_record(
        newsletter_pk=newsletter_pk, section_pk=section_pk, delivery_token=delivery_token
    )
    return HttpResponseRedirect(url)


def section_image(request, pk):
    """A section's image. A sent newsletter's is public (it is in everyone's mail); a
    draft's only for staff, or with the signed link of a test mail, and never cached by a
    shared cache. Others get 404, as for a section that does not exist."""
    section = selectors.get_section(pk)
    newsletter = section.newsletter
    if not section.image:
        raise Http404
    if not (
        newsletter.is_public
        or request.user.has_perm(MANAGE)
        or tokens.image_token_valid(request.GET.get("s", ""), section.pk)
    ):
        raise Http404
    response = FileResponse(section.image.open("rb"))
    if newsletter.is_public:
        response["Cache-Control"] = "public, max-age=86400"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


# --- the member's own subscription --------------------------------------------------------


@require_POST
@login_required
def my_subscription(request):
    person = person_for_user(request.user)
    form = MySubscriptionForm(request.POST)
    if person is None or not form.is_valid():
        messages.error(request, _("Choose to subscribe or to unsubscribe."))
        return redirect("members:profile")
    subscribe = form.cleaned_data["subscribe"]
    services.subscription_set_for_person(person=person, subscribe=subscribe)
    if subscribe:
        messages.success(request, _("You are subscribed to the Ingrado newsletter."))
    else:
        messages.success(request, _("You will no longer receive the Ingrado newsletter."))
    return redirect("members:profile")


# --- staff: newsletters -------------------------------------------------------------------


@role_required(MANAGE)
def newsletter_list(request):
    page = Paginator(selectors.newsletters(), 30).get_page(request.GET.get("page"))
    return render(request, "communications/newsletter_list.html", {"page": page})


@role_required(MANAGE)
def newsletter_create(request):
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        newsletter = services.newsletter_create(
            subject=form.cleaned_data["subject"],
            introduction=form.cleaned_data["introduction"],
            actor=request.user,
        )
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    return render(request, "communications/newsletter_create.html", {"form": form})


def _editor_context(newsletter, **extra):
    sections = selectors.sections(newsletter)
    context = {"newsletter": newsletter, "sections": sections}
    if not newsletter.is_editable:
        context["progress"] = sending.progress(newsletter)
    else:
        form = NewsletterForm(instance=newsletter)
        if mail.problems(newsletter):
            # Stored before the form refused it (a subject with a line break): shown as the
            # form's errors, so the editor sees what to correct before sending.
            form = NewsletterForm(
                {"subject": newsletter.subject, "introduction": newsletter.introduction},
                instance=Newsletter(pk=newsletter.pk),
            )
        context.update(
            form=form,
            members_only=selectors.members_only_sections(sections),
            section_form=SectionForm(),
            schedule_form=ScheduleForm(
                initial={"scheduled_at": newsletter.scheduled_at}
                if newsletter.scheduled_at
                else None
            ),
            suggestions=selectors.suggestions(newsletter),
        )
    context.update(extra)
    return context


@role_required(MANAGE)
def newsletter_detail(request, pk):
    """The editor (while a draft or scheduled), else the sending's progress and figures."""
    newsletter = selectors.get_newsletter(pk)
    if request.method == "POST":
        form = NewsletterForm(request.POST, instance=newsletter)
        if form.is_valid():
            try:
                services.newsletter_update(
                    newsletter=newsletter,
                    subject=form.cleaned_data["subject"],
                    introduction=form.cleaned_data["introduction"],
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The newsletter has been saved."))
            return redirect("communications:newsletter_detail", pk=newsletter.pk)
        newsletter.refresh_from_db()
        return render(
            request,
            "communications/newsletter_detail.html",
            _editor_context(newsletter, form=form),
        )
    return render(request, "communications/newsletter_detail.html", _editor_context(newsletter))


@role_required(MANAGE)
def newsletter_progress(request, pk):
    """The live part of a sending: htmx asks for it every two seconds while it runs."""
    newsletter = selectors.get_newsletter(pk)
    return render(
        request,
        "communications/_progress.html",
        {"newsletter": newsletter, "progress": sending.progress(newsletter)},
    )


@require_POST
@role_required(MANAGE)
def section_add(request, pk):
    newsletter = selectors.get_newsletter(pk)
    form = SectionForm(request.POST, request.FILES)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SECTION_FIELDS}
        try:
            services.section_add(newsletter=newsletter, **fields)
        except (DomainError, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("The section has been added."))
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    return render(
        request,
        "communications/newsletter_detail.html",
        _editor_context(newsletter, section_form=form),
    )


def _message(error) -> str:
    if isinstance(error, DomainError):
        return error.message
    return " ".join(error.messages)


@role_required(MANAGE)
def section_edit(request, pk):
    section = selectors.get_section(pk)
    if not section.newsletter.is_editable:
        messages.error(request, _("This newsletter can no longer change."))
        return redirect("communications:newsletter_detail", pk=section.newsletter_id)
    form = SectionForm(request.POST or None, request.FILES or None, instance=section)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SECTION_FIELDS}
        try:
            services.section_update(section=section, **fields)
        except (DomainError, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("The section has been saved."))
        return redirect("communications:newsletter_detail", pk=section.newsletter_id)
    return render(request, "communications/section_form.html", {"form": form, "section": section})


@require_POST
@role_required(MANAGE)
def section_delete(request, pk):
    section = selectors.get_section(pk)
    try:
        services.section_delete(section=section)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The section has been removed."))
    return redirect("communications:newsletter_detail", pk=section.newsletter_id)


@require_POST
@role_required(MANAGE)
def section_move(request, pk):
    section = selectors.get_section(pk)
    try:
        services.section_move(section=section, up=request.POST.get("direction") != "down")
    except DomainError as error:
        messages.error(request, error.message)
    editor = reverse("communications:newsletter_detail", args=[section.newsletter_id])
    return redirect(f"{editor}#sectie-{section.pk}")


@require_POST
@role_required(MANAGE)
def suggestion_add(request, pk):
    """One click in the editor: a kennisbank item or Academie edition becomes a section."""
    newsletter = selectors.get_newsletter(pk)
    kind, value = request.POST.get("kind"), request.POST.get("id", "")
    if kind not in ("item", "edition") or not value.isdigit() or len(value) > 18:
        messages.error(request, _("Choose a suggestion from the list."))
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    choice = {"text": True, "link": False}.get(request.POST.get("members_only", ""))
    try:
        if kind == "item":
            services.section_add_item(
                newsletter=newsletter, item=selectors.get_item(int(value)), members_text=choice
            )
        else:
            services.section_add_edition(
                newsletter=newsletter, edition=selectors.get_edition(int(value))
            )
    except (DomainError, ValidationError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The suggestion has been added as a section."))
    return redirect("communications:newsletter_detail", pk=newsletter.pk)


@role_required(MANAGE)
def newsletter_preview(request, pk):
    """The newsletter as a subscriber receives it: the HTML and the plain text."""
    newsletter = selectors.get_newsletter(pk)
    recipient = mail.Recipient(
        name=request.user.get_full_name(), email=request.user.email, subscriber_pk=0
    )
    sections = selectors.sections(newsletter)
    context = mail.context(newsletter, sections, recipient, tracked=False)
    # The plain-text part comes out of the template engine marked safe, but it is text, not
    # HTML: the page escapes it (force_escape), as it holds the editors' and members' words.
    text, _html = mail.render(newsletter, sections, recipient, tracked=False)
    return render(request, "communications/newsletter_preview.html", {**context, "text": text})


@require_POST
@role_required(MANAGE)
def newsletter_test(request, pk):
    newsletter = selectors.get_newsletter(pk)
    services.newsletter_send_test(newsletter=newsletter, user=request.user)
    messages.success(
        request, _("A test has been sent to %(email)s.") % {"email": request.user.email}
    )
    return redirect("communications:newsletter_detail", pk=newsletter.pk)


@require_POST
@role_required(MANAGE)
def newsletter_schedule(request, pk):
    newsletter = selectors.get_newsletter(pk)
    if request.POST.get("action") == "unschedule":
        try:
            services.newsletter_unschedule(newsletter=newsletter)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The newsletter is a draft again."))
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a moment in the future to send the newsletter."))
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    at = form.cleaned_data["scheduled_at"]
    try:
        services.newsletter_schedule(newsletter=newsletter, at=at)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The newsletter will be sent on %(when)s.")
            % {"when": timezone.localtime(at).strftime("%d-%m-%Y %H:%M")},
        )
    return redirect("communications:newsletter_detail", pk=newsletter.pk)


@require_POST
@role_required(MANAGE)
def newsletter_send(request, pk):
    newsletter = selectors.get_newsletter(pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm sending to every subscriber."))
        return redirect("communications:newsletter_detail", pk=newsletter.pk)
    try:
        recipients = services.newsletter_send(newsletter=newsletter, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The newsletter is being sent to %(n)s subscribers.") % {"n": recipients},
        )
    return redirect("communications:newsletter_detail", pk=newsletter.pk)


# --- staff: subscribers -------------------------------------------------------------------


@role_required(MANAGE)
def subscriber_list(request):
    filterset = selectors.subscriber_list(params=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "communications/subscriber_list.html",
        {"filter": filterset, "page": page, "counts": selectors.subscriber_counts(filterset.qs)},
    )


@role_required(MANAGE)
def subscriber_export(request, fmt="csv"):
    """The filtered list as CSV or xlsx, with Dutch headings; its first three columns are
    the import's, so the file imports back (an address already on the list keeps its data)."""
    filterset = selectors.subscriber_list(params=request.GET)
    header, rows = selectors.subscriber_export(filterset.qs)
    audit_log(actor=request.user, action="subscribers_export", obj=request.user, format=fmt)
    return table_response(fmt, "abonnees", header, rows)


@role_required(MANAGE)
def subscriber_import(request):
    form = SubscriberImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.subscribers_import_csv(
                raw=form.cleaned_data["file"].read(), actor=request.user
            )
        except ImportFailed as failure:
            errors = failure.errors
            messages.error(request, failure.message)
        else:
            messages.success(
                request,
                _(
                    "Import complete: %(added)s addresses added, %(updated)s already on the "
                    "list, %(merged)s doubles merged, %(skipped)s that unsubscribed or were "
                    "removed earlier left off."
                )
                % {
                    "added": result.added,
                    "updated": result.updated,
                    "merged": result.merged,
                    "skipped": result.skipped_unsubscribed,
                },
            )
            return redirect("communications:subscriber_list")
    return render(
        request,
        "communications/subscriber_import.html",
        {"form": form, "errors": errors, "max_rows": services.MAX_IMPORT_ROWS},
    )


@require_POST
@role_required(MANAGE)
def subscriber_erase(request, pk):
    subscriber = selectors.get_subscriber(pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm removing the address."))
    else:
        services.subscriber_erase(subscriber=subscriber, actor=request.user)
        messages.success(request, _("The address has been removed; only the counts remain."))
    return redirect("communications:subscriber_list")


# --- figures ------------------------------------------------------------------------------


@role_required(FIGURES)
def figures(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:
        year = this_year
    sent_years = Newsletter.objects.sent().datetimes("started_at", "year")
    years = sorted({moment.year for moment in sent_years} | {this_year}, reverse=True)
    return render(
        request,
        "communications/figures.html",
        {
            "year": year,
            "years": years,
            "figures": stats.year_figures(year),
            "rows": stats.newsletter_rows(year),
            "settling_days": stats.SETTLING_DAYS,
        },
    )
