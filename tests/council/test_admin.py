"""The history admin every app builds on: changes, additions, inline rows, reverts
and deletions are attributed to a user and a reason; the database keeps the
memberships' rules.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from council.models import Body, Membership, Organisation, Person
from tests import factories
from tests.admin_helpers import (
    admin_url,
    form_data,
    form_errors,
)


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
