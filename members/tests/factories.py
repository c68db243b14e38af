import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.utils import timezone

from members import roles
from members.models import EmailDomain, Organisation, Person, Rayon, User


class RayonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rayon
        django_get_or_create = ["name"]

    name = factory.Iterator(["Noord", "Oost", "Midden", "Noord-West", "Zuid-West", "Zuid-Oost"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Gemeente Testdorp {n}")
    rayon = factory.SubFactory(RayonFactory)
    member_since = factory.LazyFunction(lambda: timezone.localdate().replace(year=2010))


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    domain = factory.Sequence(lambda n: f"testdorp{n}.nl")
    organisation = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account with a profile; without an organisation it is a non-member.

    Extra keywords: `role` (group name), `mfa` (has TOTP), `organisation`, `function`.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.net")
    password = factory.django.Password("correct-horse-battery")
    role = None
    mfa = False
    organisation = None
    function = Person.Function.ATTENDANCE_OFFICER

    @classmethod
    def _create(
        cls, model_class, *args, role=None, mfa=False, organisation=None, function=None, **kwargs
    ):
        user = super()._create(model_class, *args, **kwargs)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Person.objects.create(
            user=user,
            email=user.email,
            first_name="Test",
            last_name=user.email.split("@")[0],
            organisation=organisation,
            function=function or Person.Function.ATTENDANCE_OFFICER,
        )
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        if mfa:
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
        return user


class MemberFactory(UserFactory):
    role = roles.MEMBER
    organisation = factory.SubFactory(OrganisationFactory)


class ManagerFactory(MemberFactory):
    function = Person.Function.MANAGER


class StaffFactory(UserFactory):
    is_staff = True
    role = roles.STAFF
    mfa = True


class BoardFactory(UserFactory):
    role = roles.BOARD
    mfa = True


class AdministratorFactory(UserFactory):
    is_staff = True
    is_superuser = True
    role = roles.ADMINISTRATOR
    mfa = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Iterator(["Anne", "Bram", "Carla", "Daan"])
    last_name = factory.Sequence(lambda n: f"Persoon{n}")
    email = factory.Sequence(lambda n: f"persoon{n}@testdorp.nl")
    organisation = factory.SubFactory(OrganisationFactory)
    function = Person.Function.ATTENDANCE_OFFICER
