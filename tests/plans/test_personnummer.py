"""No personnummer in a plan: its texts are refused where they are written (the
draft's text is fixed once adopted; the follow-up is public as soon as it is
saved), and publishing is refused while one is found, as for the protokoll."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.models import Activity, AnnualPlan
from tests.admin_helpers import admin_url, form_data
from tests.factories import ActivityFactory, AnnualPlanFactory, AssignmentFactory

pytestmark = pytest.mark.django_db

REFUSED = "ser ut som ett personnummer"
NEVER = "Personnummer får aldrig publiceras"


# Writing the draft -----------------------------------------------------------------


def test_new_activity_with_a_personnummer_is_refused_and_keeps_what_was_typed(
    client, secretary, draft
):
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "Mentorskap",
            "aktiviteter-description": "Kontakt: Anna Berg 19121212–1212",
            "aktiviteter-owner": "chefsgruppen",
            "aktiviteter-status": "planerad",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page and NEVER in page
    assert "Kontakt: Anna Berg 19121212–1212" in page
    assert 'value="Mentorskap"' in page
    assert not draft.activities.exists()


def test_edited_assignment_with_a_personnummer_is_refused(client, official, draft):
    assignment = draft.assignments.get()
    client.force_login(official)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppdrag/{assignment.pk}/",
        {"title": "Uppdrag", "text": "Beställare 20101010 1234"},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.title == "Utkastets uppdrag"


def test_plan_details_with_a_personnummer_are_refused(client, secretary, draft):
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppgifter/",
        {"introduction": "Inledning av 811218-9876", "follow_up_summary": ""},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    draft.refresh_from_db()
    assert draft.introduction == "Hemligt utkast"


def test_entry_services_refuse_a_personnummer(secretary, draft):
    with pytest.raises(ValidationError) as caught:
        services.assignment_create(
            plan_id=draft.pk, actor=secretary, title="Uppdrag", text="121212+1212"
        )
    assert list(caught.value.message_dict) == ["text"]
    with pytest.raises(ValidationError) as caught:
        services.vision_item_create(
            plan_id=draft.pk, actor=secretary, title="850769-1239", text=""
        )
    assert list(caught.value.message_dict) == ["title"]
    with pytest.raises(ValidationError) as caught:
        services.activity_create(
            plan_id=draft.pk,
            actor=secretary,
            fields=services.ActivityFields(
                title="Temadag", owner="extern", owner_text="Anna 811218-9876"
            ),
        )
    assert list(caught.value.message_dict) == ["owner_text"]
    with pytest.raises(ValidationError) as caught:
        services.plan_update(
            plan_id=draft.pk,
            actor=secretary,
            introduction="",
            follow_up_summary="Följdes upp av 811218-9876",
            styrdokument_ids=[],
        )
    assert list(caught.value.message_dict) == ["follow_up_summary"]
    assert draft.assignments.count() == 1
    assert not draft.vision_items.exists() and not draft.activities.exists()
    services.assignment_create(
        plan_id=draft.pk,
        actor=secretary,
        title="Regional handlingsplan 2020–2024",
        text="Dnr RS 2018/00123-12345; 070-123 45 67.",
    )


def test_follow_up_of_a_published_plan_refuses_a_personnummer(
    client, secretary, published
):
    """The follow-up is public when saved: refused on the page and in the service."""
    activity = published.activities.get(status="pagar")
    done = published.activities.get(status="genomford")
    client.force_login(secretary)
    response = client.post(
        f"/planer/{published.body.slug}/2024/redigera/uppfoljning/",
        {
            f"fu-{activity.pk}-status": "genomford",
            f"fu-{activity.pk}-follow_up": "Rapport av 811218-9876",
            f"fu-{done.pk}-status": "genomford",
            f"fu-{done.pk}-follow_up": "200 deltagare",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    assert "Rapport av 811218-9876" in page
    with pytest.raises(ValidationError, match=REFUSED):
        services.activities_follow_up(
            actor=secretary,
            entries=[
                services.FollowUp(activity.pk, "genomford", "Rapport av 811218-9876")
            ],
        )
    activity.refresh_from_db()
    assert activity.follow_up == ""


def test_new_version_reason_with_a_personnummer_is_refused(secretary, published):
    with pytest.raises(ValidationError) as caught:
        services.plan_create_version(
            plan_id=published.pk, actor=secretary, reason="Begärt av 811218-9876"
        )
    assert list(caught.value.message_dict) == ["reason"]
    assert AnnualPlan.objects.filter(body=published.body, year=2024).count() == 1


# Publishing ------------------------------------------------------------------------


@pytest.fixture
def adopted_with_personnummer(council, officials) -> AnnualPlan:
    """An adopted plan whose text holds one (written before the check, or in a
    way that went round it)."""
    plan = AnnualPlanFactory(
        body=council, year=2025, prepared_by=officials, state=AnnualPlan.State.ADOPTED
    )
    AssignmentFactory(plan=plan, order=1, title="Uppdrag")
    ActivityFactory(plan=plan, order=2, title="Temadag", follow_up="Av 811218-9876")
    return plan


def test_publish_refuses_a_plan_with_a_personnummer_saying_where(
    secretary, adopted_with_personnummer
):
    plan = adopted_with_personnummer
    with pytest.raises(ValidationError) as caught:
        services.plan_publish(plan_id=plan.pk, actor=secretary)
    message = caught.value.messages[0]
    assert "personnummer (aktivitet 2)" in message and NEVER in message
    plan.refresh_from_db()
    assert plan.state == AnnualPlan.State.ADOPTED


def test_publishing_refused_for_personnummer_shows_a_message(
    client, secretary, adopted_with_personnummer
):
    plan = adopted_with_personnummer
    client.force_login(secretary)
    response = client.post(
        f"/planer/{plan.body.slug}/2025/redigera/publicera/", follow=True
    )
    assert "ser ut som ett personnummer (aktivitet 2)" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == AnnualPlan.State.ADOPTED
    client.logout()
    assert client.get(f"/planer/{plan.body.slug}/2025/").status_code == 404


# The admin -------------------------------------------------------------------------


def test_admin_refuses_a_personnummer_in_an_activity(staff_client, draft):
    activity = ActivityFactory(plan=draft, title="Temadag")
    url = admin_url(Activity, "change", activity.pk)
    data = form_data(staff_client.get(url), Activity)
    data["description"] = ["Ansvarig 19121212-1212"]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert REFUSED in errors["description"][0]
    activity.refresh_from_db()
    assert "1212" not in activity.description


def test_admin_refuses_a_personnummer_in_the_plan_introduction(staff_client, draft):
    url = admin_url(AnnualPlan, "change", draft.pk)
    data = form_data(staff_client.get(url), AnnualPlan)
    data["introduction"] = ["Skriven av 811218-9876"]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert REFUSED in response.context["adminform"].form.errors["introduction"][0]
    draft.refresh_from_db()
    assert draft.introduction == "Hemligt utkast"
