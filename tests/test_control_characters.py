"""NUL and other control characters in an address, a query string, a cookie or a form field
get a Dutch 400 page or a form error: never a 500 (PostgreSQL cannot store NUL)."""

import pytest
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import test_authorisation_matrix as matrix
from tests.test_authorisation_matrix import EXPECTATIONS, url_kwargs

pytestmark = pytest.mark.django_db
DUTCH_400 = "Ongeldig verzoek"
world = matrix.world  # the objects every URL needs, owned by the matrix's roles


def _is_dutch_400(response):
    return response.status_code == 400 and DUTCH_400 in response.content.decode()


def test_a_certificate_code_with_a_nul_byte_gets_the_dutch_400_page(client):
    assert _is_dutch_400(client.get("/academie/certificaat/%00/"))


def test_the_review_list_with_a_nul_byte_in_the_source_gets_the_dutch_400_page(staff_client):
    assert _is_dutch_400(staff_client.get("/kennisbank/herzien/?bron=%00"))


@pytest.mark.parametrize(
    "url",
    [
        "/kennisbank/%01/",
        "/kennisbank/?q=a%0Ab",
        "/kennisbank/?q=%7F",
        "/kennisbank/?q=%C2%85",  # NEL, a C1 control character
        "/kennisbank/?%00=1",
        "/%00",
    ],
)
def test_other_control_characters_in_the_address_get_the_dutch_400_page(client, url):
    assert _is_dutch_400(client.get(url))


def test_a_nul_byte_in_the_session_cookie_gets_the_dutch_400_page(client):
    client.cookies["sessionid"] = "abcdefghijkl\x00"
    assert _is_dutch_400(client.get("/kennisbank/"))


def test_a_request_django_refuses_gets_the_same_dutch_400_page(client):
    too_many_fields = "&".join(f"f{n}=1" for n in range(1500))  # DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert _is_dutch_400(client.get(f"/kennisbank/?{too_many_fields}"))


def test_the_400_page_has_the_frame_and_csp_headers_of_every_other_page(client):
    page = client.get("/kennisbank/")
    too_many_fields = "&".join(f"f{n}=1" for n in range(1500))
    for refused in (
        client.get("/academie/certificaat/abc%00def/"),
        client.get(f"/kennisbank/?{too_many_fields}"),
    ):
        assert refused.status_code == 400
        assert refused["X-Frame-Options"] == page["X-Frame-Options"] == "DENY"
        assert refused["Content-Security-Policy"] == page["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in refused["Content-Security-Policy"]


def test_ordinary_text_in_the_address_and_a_post_body_with_line_breaks_pass(staff_client):
    assert staff_client.get("/kennisbank/herzien/?bron=Leerplichtwet%20art.%205").status_code == 200
    response = staff_client.post(reverse("knowledge:item_create"), {"sources": "a\r\nb\tc"})
    assert response.status_code == 200  # the form answers (other fields are missing)


def _nul_variants(path):
    """The path with %00 in place of, after and before each segment, and in a query string."""
    segments = path.strip("/").split("/")
    variants = []
    for index, segment in enumerate(segments):
        for replacement in ("%00", segment + "%00", "%00" + segment):
            changed = [*segments[:index], replacement, *segments[index + 1 :]]
            variants.append("/" + "/".join(changed) + "/")
    return [*variants, path + "?q=%00", path + "?page=1&x=%00", path + "?%00"]


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_every_url_with_a_nul_byte_in_a_segment_or_the_query_string_is_a_400(client, world, name):
    url = reverse(name, kwargs=url_kwargs(name, world["objects"]))
    failures = []
    for role in ("anonymous", "member", "administrator"):
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for variant in _nul_variants(url):
            for method in (client.get, client.post):
                status = method(variant).status_code
                if status != 400:
                    failures.append(f"{role} {method.__name__.upper()} {variant}: {status}")
    assert not failures, failures


CONTROL = st.characters(categories=["Cc"])
SEGMENT = st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), max_size=12)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(EXPECTATIONS)),
    before=SEGMENT,
    control=CONTROL,
    after=SEGMENT,
    in_query=st.booleans(),
)
def test_any_control_character_anywhere_in_any_url_is_a_400_never_a_500(
    admin_client_role, name, before, control, after, in_query
):
    from urllib.parse import quote

    url = reverse(name, kwargs=_fake_kwargs(name))
    text = quote(before + control + after, safe="")
    variant = f"{url}?q={text}" if in_query else f"{url}{text}/"
    assert _is_dutch_400(admin_client_role.get(variant)), variant


def _fake_kwargs(name):
    """Arguments of the right type for a pattern; the objects need not exist."""
    pattern = matrix.project_url_names()[name]
    converters = pattern.pattern.converters
    values = {"int": 1, "slug": "x", "str": "x", "path": "x"}
    return {
        key: values.get(type(converter).__name__.replace("Converter", "").lower(), "x")
        for key, converter in converters.items()
    }


@pytest.fixture
def admin_client_role(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


def _portal_form_classes():
    import academy.forms
    import billing.forms
    import communications.forms
    import knowledge.forms
    import meetings.forms
    import members.forms
    import programmes.forms

    for module in (
        members.forms,
        knowledge.forms,
        academy.forms,
        programmes.forms,
        communications.forms,
        billing.forms,
        meetings.forms,
    ):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


def _allauth_forms(user, request):
    from allauth.account import forms as account
    from allauth.core import context
    from allauth.mfa.base.forms import AuthenticateForm
    from allauth.mfa.totp.forms import ActivateTOTPForm

    yield account.LoginForm()
    yield account.SignupForm()
    yield account.ResetPasswordForm()
    yield account.ResetPasswordKeyForm(user=user, temp_key="x")
    yield account.AddEmailForm(user=user)
    yield account.ChangePasswordForm(user=user)
    yield account.ReauthenticateForm(user=user)
    yield AuthenticateForm(user=user)
    request.session = {}
    with context.request_context(request):
        yield ActivateTOTPForm(user=user)


def test_every_form_field_of_the_portal_refuses_a_nul_byte(rf, member):
    """Free text reaches the database only through a CharField, which refuses NUL with a
    form error; every other field refuses the value as not one of its choices, a date or a
    number. File fields are checked by their own validation (CSV cells, attachments)."""
    fields = []
    for form_class in _portal_form_classes():
        fields += [(form_class.__name__, n, f) for n, f in form_class.base_fields.items()]
    for form in _allauth_forms(member, rf.get("/")):
        fields += [(type(form).__name__, n, f) for n, f in form.fields.items()]
    assert len(fields) > 40
    let_through = []
    for form_name, name, field in fields:
        if isinstance(field, forms.FileField | forms.BooleanField):
            continue
        if isinstance(field, forms.CharField):
            if not any(isinstance(v, ProhibitNullCharactersValidator) for v in field.validators):
                let_through.append(f"{form_name}.{name}")
            continue
        try:
            field.clean("a\x00b")
        except forms.ValidationError:
            continue
        let_through.append(f"{form_name}.{name}")
    assert not let_through, let_through


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_login", {"login": "a\x00b@voorbeeld.nl", "password": "x\x00"}),
        ("account_signup", {"email": "a\x00@voorbeeld.nl", "first_name": "\x00"}),
        ("account_reset_password", {"email": "a\x00b@voorbeeld.nl"}),
    ],
)
def test_a_nul_byte_in_an_account_form_gets_a_form_error(client, roles_synced, url_name, data):
    response = client.post(reverse(url_name), data)
    assert response.status_code == 200


def test_a_nul_byte_in_a_question_gets_a_dutch_form_error(member_client):
    from knowledge.models import Question
    from knowledge.tests.factories import TopicFactory

    response = member_client.post(
        reverse("knowledge:question_create"),
        {"topic": TopicFactory().pk, "subject": "Verlof", "body": "Mag\x00 dit?"},
    )
    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert not Question.objects.exists()
