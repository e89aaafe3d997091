"""The back office respects the adopted-plan lock too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import AnnualPlan
from tests.factories import ActivityFactory, AnnualPlanFactory, AssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted() -> AnnualPlan:
    plan = AnnualPlanFactory(state=AnnualPlan.State.ADOPTED)
    AssignmentFactory(plan=plan, title="Fastställt uppdrag")
    ActivityFactory(plan=plan, title="Fastställd aktivitet")
    return plan


def test_adopted_plan_in_admin_is_read_only(admin_client, adopted):
    """Adopted, the plan is published from the portal; the admin only shows it."""
    url = reverse("admin:plans_annualplan_change", args=[adopted.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(url, {"introduction": "Ändrad"}).status_code == 403
    delete = reverse("admin:plans_annualplan_delete", args=[adopted.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AnnualPlan.objects.filter(pk=adopted.pk).exists()


def test_entries_of_an_adopted_plan_cannot_change_in_admin(admin_client, adopted):
    assignment = adopted.assignments.get()
    url = reverse("admin:plans_assignment_change", args=[assignment.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"title": "Ändrat", "plan": adopted.pk})
    assert response.status_code == 403
    assignment.refresh_from_db()
    assert assignment.title == "Fastställt uppdrag"


def test_activity_follow_up_stays_editable_in_admin(admin_client, adopted):
    activity = adopted.activities.get()
    url = reverse("admin:plans_activity_change", args=[activity.pk])
    page = admin_client.get(url)
    assert set(page.context["adminform"].form.fields) == {
        "status",
        "follow_up",
        "paragraphs",
        "history_reason",
    }
