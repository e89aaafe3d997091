"""The secretary's back office: every model has a working admin with history,
changes are attributed to a user and a reason, and the database keeps its rules."""

from __future__ import annotations

import datetime
import hashlib
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.admin.base import ReasonedHistoryAdmin
from council.models import Body, Membership, Organisation, Person, User
from meetings.models import (
    Attachment,
    Attendance,
    Meeting,
    Paragraph,
    Protocol,
    SignatureRecord,
    SignedDocument,
)
from tests import factories

PROJECT_APPS = ("council", "meetings", "plans", "networks")
# Written by the signing service only: the admin shows them and never edits them.
ISSUED_BY_THE_PORTAL = {SignedDocument, SignatureRecord}

REGISTERED_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS),
    key=lambda model: model._meta.label,
)


def has_history(model: type) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def admin_url(model: type, view: str, *args: object) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


class RenderedForm(HTMLParser):
    """What a browser would submit from one form of a rendered page.

    Inline formsets' management forms come along as the hidden inputs they are;
    the templates for new inline rows (`__prefix__`) are left out.
    """

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
            return
        name = attributes.get("name")
        if not self.inside or not name and tag != "option":
            return
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self._add(name, attributes.get("value") or "on")
                return
            self._add(name, attributes.get("value") or "")
        elif tag == "select":
            self._select = (name, "multiple" in attributes)
            self._options = []
        elif tag == "option" and self._select:
            self._options.append(
                (attributes.get("value") or "", "selected" in attributes)
            )
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.data.setdefault(name, [])
            for value in chosen:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(response, model: type) -> dict[str, list[str]]:
    """The POST data of the admin change form in `response`, as rendered."""
    assert response.status_code == 200
    parser = RenderedForm(f"{model._meta.model_name}_form")
    parser.feed(response.content.decode())
    assert parser.data, "the change form was not found on the page"
    return parser.data


def form_errors(response) -> object:
    context = response.context
    if context is None or "adminform" not in context:
        return None
    return {
        "form": context["adminform"].form.errors,
        "inlines": [
            formset.formset.errors for formset in context["inline_admin_formsets"]
        ],
    }


@pytest.fixture
def superuser(db) -> User:
    return factories.SuperUserFactory()


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


# Every model has an admin -----------------------------------------------------------


def test_every_model_has_an_admin_and_a_factory():
    """Every concrete model of the project's apps is in the admin and has a factory;
    all but the user model are edited through the reason-asking history admin."""
    models = [
        model
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # django-simple-history's own models
    ]
    assert set(models) == set(REGISTERED_MODELS)
    assert set(models) == set(factories.MODEL_FACTORIES)
    for model in models:
        if model is not User:
            assert has_history(model), model
            assert isinstance(admin.site._registry[model], ReasonedHistoryAdmin), model


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_answer(staff_client, model):
    """The changelist, the add page, the change page and the history page of every
    model answer 200 for a superuser."""
    obj = factories.MODEL_FACTORIES[model]()
    issued = model in ISSUED_BY_THE_PORTAL

    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    add = staff_client.get(admin_url(model, "add"))
    assert add.status_code == (403 if issued else 200)
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    history = staff_client.get(admin_url(model, "history", obj.pk))
    assert history.status_code == 200
    if issued:
        # Shown, never edited: no form to save, nothing to delete.
        assert 'name="_save"' not in change.content.decode()
    elif has_history(model):
        assert "Skäl till ändringen" in change.content.decode()
        assert "simple_history/object_history.html" in [
            template.name for template in history.templates
        ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED_MODELS if has_history(m)],
    ids=lambda m: m._meta.label,
)
def test_admin_changelist_search_works(staff_client, model):
    """Searching a changelist (as the autocomplete widgets do) answers 200."""
    factories.MODEL_FACTORIES[model]()
    response = staff_client.get(admin_url(model, "changelist"), {"q": "Örebro 2026"})
    assert response.status_code == 200


# Changes are attributed ---------------------------------------------------------------


@pytest.mark.django_db
def test_admin_change_records_user_and_reason(staff_client, superuser):
    """Saving an organisation in the admin with a reason writes a history row with
    the admin as user and the typed reason."""
    organisation = factories.OrganisationFactory(name="Kumla kommun")
    url = admin_url(Organisation, "change", organisation.pk)
    data = form_data(staff_client.get(url), Organisation)
    data["name"] = ["Kumla kommun (ändrad)"]
    data["history_reason"] = ["Namnet rättat enligt protokollet"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    organisation.refresh_from_db()
    assert organisation.name == "Kumla kommun (ändrad)"
    row = organisation.history.first()
    assert row.history_type == "~"
    assert row.history_user == superuser
    assert row.history_change_reason == "Namnet rättat enligt protokollet"


@pytest.mark.django_db
def test_admin_change_without_reason_gets_default(staff_client, superuser):
    """Without a typed reason the history says the change was made in the admin;
    a person saved together with an inline membership keeps its memberships."""
    person = factories.PersonFactory(name="Eva Sund")
    membership = factories.MembershipFactory(person=person)
    url = admin_url(Person, "change", person.pk)
    data = form_data(staff_client.get(url), Person)
    assert data["memberships-TOTAL_FORMS"] == ["1"]
    data["title"] = ["utvecklingsledare"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    row = person.history.first()
    assert row.title == "utvecklingsledare"
    assert row.history_user == superuser
    assert row.history_change_reason == "Ändrad i administrationen"
    assert Membership.objects.filter(pk=membership.pk, person=person).exists()


@pytest.mark.django_db
def test_admin_view_only_staff_sees_no_reason_field(client):
    """A staff member who may only view organisations gets the change page and the
    history, without a reason field to fill in."""
    viewer = factories.UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename="view_organisation", content_type__app_label="council"
        )
    )
    client.force_login(viewer)
    organisation = factories.OrganisationFactory()

    page = client.get(admin_url(Organisation, "change", organisation.pk))

    assert page.status_code == 200
    assert "Skäl till ändringen" not in page.content.decode()
    history = client.get(admin_url(Organisation, "history", organisation.pk))
    assert history.status_code == 200


@pytest.mark.django_db
def test_admin_add_records_creation(staff_client, superuser):
    """An organisation added through the admin gets a creation row by that admin."""
    data = form_data(staff_client.get(admin_url(Organisation, "add")), Organisation)
    data.update(name=["Lekebergs kommun"], kind=["kommun"])

    response = staff_client.post(admin_url(Organisation, "add"), data)

    assert response.status_code == 302, form_errors(response)
    row = Organisation.objects.get(name="Lekebergs kommun").history.get()
    assert row.history_type == "+"
    assert row.history_user == superuser
    assert row.history_change_reason == "Skapad i administrationen"


@pytest.mark.django_db
def test_admin_inline_changes_carry_the_reason(staff_client, superuser):
    """Inline objects saved with their parent get the same user and reason; new
    inline objects are recorded as created."""
    body = factories.BodyFactory()
    item = factories.AgendaTemplateItemFactory(body=body, order=1, title="Öppnande")
    url = admin_url(Body, "change", body.pk)
    data = form_data(staff_client.get(url), Body)
    prefix = "agenda_template_items"
    assert data[f"{prefix}-TOTAL_FORMS"] == ["1"]
    data[f"{prefix}-0-title"] = ["Mötets öppnande"]
    data[f"{prefix}-TOTAL_FORMS"] = ["2"]
    data.update(
        {
            f"{prefix}-1-order": ["2"],
            f"{prefix}-1-title": ["Val av justerare"],
            f"{prefix}-1-kind": ["formalia"],
            f"{prefix}-1-text": [""],
            f"{prefix}-1-body": [str(body.pk)],
        }
    )
    data["history_reason"] = ["Dagordningen enligt arbetsordningen"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    changed = item.history.first()
    assert changed.title == "Mötets öppnande"
    assert changed.history_type == "~"
    assert changed.history_user == superuser
    assert changed.history_change_reason == "Dagordningen enligt arbetsordningen"
    added = body.agenda_template_items.get(order=2).history.get()
    assert added.history_type == "+"
    assert added.history_user == superuser
    assert added.history_change_reason == "Dagordningen enligt arbetsordningen"


@pytest.mark.django_db
def test_admin_revert_records_user_and_reason(staff_client, superuser):
    """Reverting to an earlier version through the history is recorded as a revert
    by that admin."""
    organisation = factories.OrganisationFactory(name="Kumla kommun")
    first = organisation.history.get()
    organisation.name = "Kumla"
    organisation.save()
    url = reverse(
        "admin:council_organisation_simple_history",
        args=[organisation.pk, first.history_id],
    )
    data = form_data(staff_client.get(url), Organisation.history.model)

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    organisation.refresh_from_db()
    assert organisation.name == "Kumla kommun"
    row = organisation.history.first()
    assert row.history_user == superuser
    assert row.history_change_reason == (
        "Återställd till en tidigare version i administrationen"
    )


@pytest.mark.django_db
def test_admin_delete_records_user_and_reason(staff_client, superuser):
    """Deleting through the admin leaves a deletion row by that admin."""
    topic = factories.AgreementTopicFactory()
    url = admin_url(type(topic), "delete", topic.pk)

    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    row = type(topic).history.filter(id=topic.pk).first()
    assert row.history_type == "-"
    assert row.history_user == superuser
    assert row.history_change_reason == "Borttagen i administrationen"


@pytest.mark.django_db
def test_admin_upload_records_file_facts(staff_client, superuser):
    """An attachment uploaded in the admin records its original name, type, size,
    fingerprint and uploader; the stored file name reveals nothing."""
    meeting = factories.MeetingFactory()
    content = b"%PDF-1.4\n% Kallelse\n"
    data = form_data(staff_client.get(admin_url(Attachment, "add")), Attachment)
    data.update(meeting=[str(meeting.pk)], title=["Kallelse"], is_public=["on"])
    data["file"] = SimpleUploadedFile(
        "Kallelse SSR 2026.pdf", content, content_type="application/pdf"
    )

    response = staff_client.post(admin_url(Attachment, "add"), data)

    assert response.status_code == 302, form_errors(response)
    attachment = Attachment.objects.get(meeting=meeting)
    assert attachment.original_name == "Kallelse SSR 2026.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == superuser
    assert "Kallelse" not in attachment.file.name
    assert attachment.file.read() == content


@pytest.mark.django_db
def test_admin_refuses_a_state_change_the_model_does_not_allow(staff_client):
    """A held meeting cannot be set back to planned through the admin."""
    meeting = factories.MeetingFactory(state=Meeting.State.HELD)
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(staff_client.get(url), Meeting)
    data["state"] = [Meeting.State.PLANNED]

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD


@pytest.mark.django_db
def test_admin_keeps_a_justerat_protokoll_unchanged(staff_client):
    """Once a protokoll is justerat only its status and publication can change in
    the admin; its paragraphs can be viewed but not changed."""
    protocol = factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    paragraph = factories.ParagraphFactory(protocol=protocol)

    page = staff_client.get(admin_url(Protocol, "change", protocol.pk))
    assert page.status_code == 200
    assert set(page.context["adminform"].form.fields) == {
        "state",
        "published_at",
        "history_reason",
    }
    paragraph_url = admin_url(Paragraph, "change", paragraph.pk)
    assert staff_client.get(paragraph_url).status_code == 200
    response = staff_client.post(paragraph_url, {"heading": "Ändrad"})
    assert response.status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.heading == "Val av justerare"


@pytest.mark.django_db
def test_admin_save_of_protokoll_counts_up_its_version_counter(staff_client):
    """Saving a protokoll in the admin raises its lock_version by one, so that
    someone editing it elsewhere notices."""
    protocol = factories.ProtocolFactory(lock_version=4)
    url = admin_url(Protocol, "change", protocol.pk)
    data = form_data(staff_client.get(url), Protocol)
    data["justering_place"] = ["Karlskoga"]

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    protocol.refresh_from_db()
    assert protocol.justering_place == "Karlskoga"
    assert protocol.lock_version == 5


@pytest.mark.django_db
def test_admin_cannot_revert_a_justerat_protokoll(staff_client):
    """A justerat protokoll cannot be reverted to the draft it was."""
    protocol = factories.ProtocolFactory(state=Protocol.State.DRAFT)
    draft = protocol.history.get()
    protocol.state = Protocol.State.JUSTERAT
    protocol.save()
    url = reverse(
        "admin:meetings_protocol_simple_history", args=[protocol.pk, draft.history_id]
    )

    page = staff_client.get(url)
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    data = form_data(page, Protocol.history.model)
    assert staff_client.post(url, data).status_code == 403
    protocol.refresh_from_db()
    assert protocol.state == Protocol.State.JUSTERAT


@pytest.mark.django_db
def test_admin_refuses_the_same_person_twice_in_attendance(staff_client):
    """Listing one person twice on a meeting's attendance gives a form error, not a
    database error."""
    meeting = factories.MeetingFactory()
    person = factories.PersonFactory()
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(staff_client.get(url), Meeting)
    data["attendances-TOTAL_FORMS"] = ["2"]
    for index in range(2):
        data.update(
            {
                f"attendances-{index}-meeting": [str(meeting.pk)],
                f"attendances-{index}-person": [str(person.pk)],
                f"attendances-{index}-role": [Attendance.Role.MEMBER],
                f"attendances-{index}-order": [str(index)],
                f"attendances-{index}-present": ["on"],
            }
        )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "finns med två gånger i närvarolistan" in response.content.decode()
    assert not Attendance.objects.exists()


# The database keeps its rules ---------------------------------------------------------


@pytest.mark.django_db
def test_database_rejects_duplicate_paragraph_number():
    """Two paragraphs of one protokoll cannot have the same number."""
    protocol = factories.ProtocolFactory()
    Paragraph.objects.create(protocol=protocol, order=1, number=5, heading="Första")
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(protocol=protocol, order=2, number=5, heading="Andra")
    # Paragraphs not yet numbered do not collide.
    Paragraph.objects.create(protocol=protocol, order=3, number=None, heading="A")
    Paragraph.objects.create(protocol=protocol, order=4, number=None, heading="B")


@pytest.mark.django_db
def test_database_rejects_membership_ending_before_it_starts():
    """A membership's term cannot end before it starts, even without full_clean."""
    person = factories.PersonFactory()
    body = factories.BodyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            person=person,
            body=body,
            role=Membership.Role.MEMBER,
            starts=datetime.date(2024, 1, 1),
            ends=datetime.date(2023, 12, 31),
        )


# Changelists do not query per row -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class",
    [factories.PersonFactory, factories.MeetingFactory, factories.ProtocolFactory],
    ids=lambda f: f._meta.model.__name__,
)
def test_admin_changelist_queries_do_not_grow_with_rows(staff_client, factory_class):
    """The changelist makes as many queries for ten rows as for one."""
    url = admin_url(factory_class._meta.model, "changelist")
    factory_class()
    staff_client.get(url)  # warm caches such as the content types

    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    factory_class.create_batch(9)
    with CaptureQueriesContext(connection) as ten:
        response = staff_client.get(url)
        assert response.status_code == 200

    assert response.context["cl"].result_count == 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]


@pytest.mark.django_db
def test_history_page_is_in_swedish(admin_client):
    """The history view speaks Swedish, with who changed what and why."""
    organisation = factories.OrganisationFactory()
    url = reverse("admin:council_organisation_history", args=[organisation.pk])
    html = admin_client.get(url).content.decode()
    assert "Ändrad av" in html
    assert "Skäl" in html
    assert "Changed by" not in html
