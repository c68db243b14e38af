from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Newsletter, Section

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SubscribeForm(forms.Form):
    """The public sign-up: a confirmation link is mailed to the address (double opt-in)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("Where you work, if you like: it helps us write for our readers."),
    )


class MySubscriptionForm(forms.Form):
    subscribe = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["subject", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class SectionForm(forms.ModelForm):
    link_url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Optional: an address starting with https://"),
    )

    class Meta:
        model = Section
        fields = ["title", "text", "link_url", "link_label", "image", "image_alt"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "link_label": _("The text of the link, such as 'Read more'."),
            "image_alt": _("What the image shows, for readers who cannot see it."),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is larger than 2 MB."))
        return image

    def clean(self):
        data = super().clean()
        if data.get("link_url") and not data.get("link_label"):
            data["link_label"] = str(_("Read more"))
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for readers who cannot see it."))
        return data


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Send at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_scheduled_at(self):
        value = self.cleaned_data["scheduled_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return value


class SubscriberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, separated by commas or semicolons, with a header row. Columns: e-mail "
            "address, name, organisation."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
