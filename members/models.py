"""Member organisations, the professionals working there, rayons and accounts."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A login: e-mail address and password. Personal details live on Person."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May log in to the admin site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    is_demo_account = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by seed_demo; may skip two-factor authentication while DEBUG is on."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def get_full_name(self):
        person = getattr(self, "person", None)
        return person.full_name if person else self.email

    def get_short_name(self):
        person = getattr(self, "person", None)
        return person.first_name if person and person.first_name else self.email


class Rayon(models.Model):
    """One of Ingrado's six regional divisions of its members."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("rayon")
        verbose_name_plural = _("rayons")

    def __str__(self):
        return self.name


def active_membership(prefix: str = "", on=None) -> Q:
    """The condition "a member on that day" (today by default) of an organisation, or of the
    organisation at `prefix` ("organisation__"): the one rule for lists and filters."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}member_since__lte": on}) & (
        Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gte": on})
    )


class OrganisationQuerySet(models.QuerySet):
    def active_members(self, on=None):
        return self.filter(active_membership(on=on))

    def for_directory(self):
        return (
            self.select_related("rayon", "region")
            .annotate(people_count=models.Count("people", distinct=True))
            .order_by("name")
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Municipality")
        REGION = "regio", _("Doorstroompunt region")
        BES_ISLAND = "bes", _("BES island")
        PARTNER = "partner", _("Partner")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    rayon = models.ForeignKey(
        Rayon,
        verbose_name=_("rayon"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("Doorstroompunt region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
        limit_choices_to={"kind": "regio"},
        help_text=_("The Doorstroompunt region a municipality belongs to."),
    )
    contact_municipality = models.ForeignKey(
        "self",
        verbose_name=_("contact municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "gemeente"},
        help_text=_("The municipality that acts for a Doorstroompunt region."),
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("view_directory", _("Can view the member directory")),
            ("import_organisations", _("Can import organisations")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_until__isnull=True)
                | Q(member_since__isnull=True)
                | Q(member_until__gte=models.F("member_since")),
                name="organisation_membership_period_valid",
            )
        ]

    def __str__(self):
        return self.name

    def is_active_member(self, on=None):
        """`active_membership` for this one organisation, already loaded (a test holds the
        two to the same answer on every boundary)."""
        on = on or timezone.localdate()
        return bool(
            self.member_since
            and self.member_since <= on
            and (self.member_until is None or self.member_until >= on)
        )


class EmailDomain(models.Model):
    """An e-mail domain whose verified addresses belong to an organisation."""

    domain = models.CharField(_("domain"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def for_directory(self):
        return self.select_related(
            "organisation", "organisation__rayon", "rayon_contact_for"
        ).order_by("last_name", "first_name", "pk")


class Person(models.Model):
    """A professional, with or without a login (askers from the past have none)."""

    class Function(models.TextChoices):
        ATTENDANCE_OFFICER = "leerplicht", _("School attendance officer")
        COACH = "coach", _("Doorstroomcoach / trajectbegeleider")
        MANAGER = "manager", _("Manager / coordinator")
        POLICY = "beleid", _("Policy officer")
        OTHER = "anders", _("Other")

    # Functions that grant access to colleagues' data: set by staff, never by the person.
    PRIVILEGED_FUNCTIONS = frozenset({Function.MANAGER})

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    function = models.CharField(
        _("function"), max_length=12, choices=Function.choices, default=Function.OTHER
    )
    krsd_registered = models.BooleanField(_("registered in KRSD"), default=False)
    krsd_number = models.CharField(_("KRSD registration number"), max_length=20, blank=True)
    # Since when: the jaarverslag states the share registered at 31 December of its year.
    krsd_registered_on = models.DateField(_("registered in KRSD since"), null=True, blank=True)
    rayon_contact_for = models.ForeignKey(
        Rayon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_persons",
        verbose_name=_("rayon contact person for"),
    )
    is_external = models.BooleanField(
        _("external"), default=False, help_text=_("Not working at a member organisation.")
    )
    erased_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    notification_settings = models.JSONField(
        _("e-mail notifications"),
        default=dict,
        blank=True,
        help_text=_("Optional notifications switched on or off: {code: true/false}."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["organisation", "function"]),
            # The directory's order: a page of thirty is read off the index, not sorted.
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=models.Q(erased_at__isnull=True),
                name="person_directory_order_idx",
            ),
        ]
        permissions = [("erase_person", _("Can anonymise a person (AVG)"))]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # A registration is dated the day it is first recorded, and forgotten with it.
        if self.krsd_registered and not self.krsd_registered_on:
            self.krsd_registered_on = timezone.localdate()
        elif not self.krsd_registered:
            self.krsd_registered_on = None
        if kwargs.get("update_fields") is not None and "krsd_registered" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "krsd_registered_on"}
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return self.name_of(self.first_name, self.last_name, self.email)

    @staticmethod
    def name_of(first_name: str, last_name: str, email: str) -> str:
        """The name shown for a person; their e-mail address if they left it empty."""
        return f"{first_name} {last_name}".strip() or email

    @property
    def is_member(self):
        return bool(self.organisation_id and self.organisation.is_active_member())

    @property
    def is_manager(self):
        return self.function == self.Function.MANAGER and self.organisation_id is not None


class PendingSignup(models.Model):
    """What a sign-up said about the person behind an account, kept apart from the people
    until the address is verified: an address someone typed is only a claim. Verification
    makes a person of it, or links the person who already has that address (whose details
    are then kept, not overwritten)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_signup",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=120, blank=True)
    function = models.CharField(
        _("function"),
        max_length=12,
        choices=Person.Function.choices,
        default=Person.Function.OTHER,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up awaiting verification")
        verbose_name_plural = _("sign-ups awaiting verification")

    def __str__(self):
        return str(self.user)


class AuditLog(models.Model):
    """Who did what, and when, to data about people (masked, never raw secrets)."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
