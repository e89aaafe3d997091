"""No path around the workflow through the admin: the state of a meeting, a
protokoll and a plan, and what their transitions set, never change there; a revert
brings back an earlier text, never an earlier state; what the portal issues
(justeringar, anslag, calendar links) is only shown; nothing there answers 500.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    CalendarToken,
    Justering,
    Meeting,
    MeetingChange,
    Notice,
    Paragraph,
    Protocol,
)
from plans.models import AnnualPlan
from tests import factories
from tests.admin_helpers import admin_url, form_data, form_errors

pytestmark = pytest.mark.django_db

WORKFLOWS = [
    (Meeting, factories.MeetingFactory, {"notice_sent_at": None, "sequence": 0}),
    (
        Protocol,
        factories.ProtocolFactory,
        {"published_at": None, "version": 1, "correction_reason": ""},
    ),
    (
        AnnualPlan,
        factories.AnnualPlanFactory,
        {"published_at": None, "adopted_on": None, "version": 1},
    ),
]


def _cases():
    for model, factory, fields in WORKFLOWS:
        for state in model.State.values:
            yield pytest.param(
                model, factory, fields, state, id=f"{model.__name__}-{state}"
            )


def _hostile_workflow_post(model, fields, state) -> dict[str, list[str]]:
    """Every other state, and made-up values for what the transitions set."""
    others = [s for s in model.State.values if s != state]
    data = {"state": others[-1:], "history_reason": ["Försök"]}
    for name in fields:
        if name.endswith("_at"):
            data[name] = ["2026-01-01 10:00:00"]
        elif name.endswith("_on"):
            data[name] = ["2026-01-01"]
        elif name in {"version", "sequence"}:
            data[name] = ["7"]
        else:
            data[name] = ["Ändrat i administrationen"]
    return data


@pytest.mark.parametrize(("model", "factory", "fields", "state"), list(_cases()))
def test_admin_never_changes_a_workflow_state(
    staff_client, model, factory, fields, state
):
    """Whatever the state, the change page offers no state or transition field,
    and a post that carries them leaves them as they were."""
    obj = factory(state=state)
    url = admin_url(model, "change", obj.pk)
    page = staff_client.get(url)
    assert page.status_code == 200
    editable = set(page.context["adminform"].form.fields)
    assert editable.isdisjoint({"state", *fields})
    assert "Status ändras i portalen" in page.content.decode()

    data = form_data(page, model) if editable else {}
    data.update(_hostile_workflow_post(model, fields, state))
    response = staff_client.post(url, data)

    assert response.status_code in {200, 302, 403}, form_errors(response)
    obj.refresh_from_db()
    assert obj.state == state
    for name, value in fields.items():
        assert getattr(obj, name) == value, name


def test_a_justerat_protokoll_with_a_personnummer_is_not_published_in_admin(
    staff_client,
):
    """The reviewer's path: setting a justerat protokoll to Publicerat in the admin.
    It is refused as a whole (the record is read-only), nothing is published, no
    anslag is put up, and nothing answers 500."""
    protocol = factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    factories.ParagraphFactory(protocol=protocol, text="Elev 19850101-1234 nämndes.")
    url = admin_url(Protocol, "change", protocol.pk)

    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = staff_client.post(
        url, {"state": [Protocol.State.PUBLISHED], "published_at": ["2026-01-01"]}
    )

    assert response.status_code == 403
    protocol.refresh_from_db()
    assert protocol.state == Protocol.State.JUSTERAT
    assert protocol.published_at is None
    assert not Notice.objects.filter(protocol=protocol).exists()


def test_a_draft_protokoll_cannot_be_sent_for_justering_in_admin(staff_client):
    """Utkast → för justering needs the password, the signature and the numbers:
    the admin saves the draft's details and leaves it a draft."""
    protocol = factories.ProtocolFactory(state=Protocol.State.DRAFT)
    url = admin_url(Protocol, "change", protocol.pk)
    data = form_data(staff_client.get(url), Protocol)
    data.update(state=[Protocol.State.IN_JUSTERING], justering_place=["Nora"])

    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    protocol.refresh_from_db()
    assert protocol.justering_place == "Nora"
    assert protocol.state == Protocol.State.DRAFT


def test_a_protokoll_sent_for_justering_is_read_only_in_admin(staff_client):
    """While the signers read it, neither the protokoll nor its paragraphs change."""
    protocol = factories.ProtocolFactory(state=Protocol.State.IN_JUSTERING)
    paragraph = factories.ParagraphFactory(protocol=protocol, heading="Ursprunglig")

    protocol_url = admin_url(Protocol, "change", protocol.pk)
    assert staff_client.post(protocol_url, {"justering_place": "Nora"}).status_code == (
        403
    )
    paragraph_url = admin_url(Paragraph, "change", paragraph.pk)
    assert staff_client.post(paragraph_url, {"heading": "Ändrad"}).status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.heading == "Ursprunglig"
    add = admin_url(Paragraph, "add")
    data = form_data(staff_client.get(add), Paragraph)
    data.update(protocol=[str(protocol.pk)], order=["9"], heading=["Ny"])
    response = staff_client.post(add, data)
    assert response.status_code == 200
    assert "inte längre ett utkast" in response.content.decode()
    assert not Paragraph.objects.filter(heading="Ny").exists()


def _revert(client, obj, version):
    url = reverse(
        "admin:meetings_meeting_simple_history", args=[obj.pk, version.history_id]
    )
    return client.post(url, form_data(client.get(url), Meeting.history.model))


def test_a_revert_brings_back_the_text_but_not_the_state(staff_client):
    """Reverting a cancelled meeting to its planned version restores the title,
    never the state."""
    meeting = factories.MeetingFactory(title="Första rubriken")
    planned = meeting.history.get()
    meeting.title = "Andra rubriken"
    meeting.state = Meeting.State.CANCELLED
    meeting.save()

    response = _revert(staff_client, meeting, planned)

    assert response.status_code == 302, form_errors(response)
    meeting.refresh_from_db()
    assert meeting.title == "Första rubriken"
    assert meeting.state == Meeting.State.CANCELLED


def test_a_revert_never_takes_back_what_the_kallelse_told(staff_client):
    """After the kallelse, a revert to a version from before it changes neither
    the state nor the time, place or title that the members were told."""
    meeting = factories.MeetingFactory(title="Första rubriken")
    planned = meeting.history.get()
    meeting.title = "Andra rubriken"
    meeting.state = Meeting.State.CALLED
    meeting.notice_sent_at = timezone.now()
    meeting.save()

    response = _revert(staff_client, meeting, planned)

    assert response.status_code in {200, 302}, form_errors(response)
    meeting.refresh_from_db()
    assert meeting.title == "Andra rubriken"
    assert meeting.state == Meeting.State.CALLED
    assert meeting.notice_sent_at is not None


def test_after_the_kallelse_time_and_place_change_only_in_the_portal(staff_client):
    """Members were told the time and place: the portal records a change and can
    send a tillägg, the admin cannot."""
    meeting = factories.MeetingFactory(
        state=Meeting.State.CALLED, notice_sent_at=timezone.now()
    )
    url = admin_url(Meeting, "change", meeting.pk)
    page = staff_client.get(url)
    editable = set(page.context["adminform"].form.fields)
    assert editable.isdisjoint({"starts_at", "ends_at", "location", "body"})
    data = form_data(page, Meeting)
    data["location"] = ["Någon annanstans"]

    assert staff_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Konferenslokal Lärken"


def test_a_plan_moved_onto_a_taken_year_gets_a_message_not_a_500(staff_client):
    """The version is read-only, yet "one version per body and year" is still
    checked before the database is asked."""
    taken = factories.AnnualPlanFactory(year=2030)
    plan = factories.AnnualPlanFactory(body=taken.body, year=2031)
    url = admin_url(AnnualPlan, "change", plan.pk)
    data = form_data(staff_client.get(url), AnnualPlan)
    data["year"] = ["2030"]

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    plan.refresh_from_db()
    assert plan.year == 2031


@pytest.mark.parametrize("model", [Protocol, AnnualPlan, Justering, Notice])
def test_what_the_portal_starts_or_issues_is_not_added_in_admin(staff_client, model):
    url = admin_url(model, "add")
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {}).status_code == 403
    assert not model.objects.exists()


def test_a_change_after_the_kallelse_is_added_with_its_time_and_author(
    staff_client, superuser
):
    """Adding a MeetingChange fills in when and by whom; before the kallelse there
    is nothing to tell, and the admin says so instead of failing."""
    called = factories.MeetingFactory(
        state=Meeting.State.CALLED, notice_sent_at=timezone.now()
    )
    planned = factories.MeetingFactory()
    url = admin_url(MeetingChange, "add")
    data = form_data(staff_client.get(url), MeetingChange)
    data.update(meeting=[str(planned.pk)], description=["Lokalen byts"])

    refused = staff_client.post(url, data)
    assert refused.status_code == 200
    assert "Kallelsen till mötet har inte skickats" in refused.content.decode()

    data["meeting"] = [str(called.pk)]
    response = staff_client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    change = MeetingChange.objects.get()
    assert change.meeting == called
    assert change.changed_by == superuser
    assert timezone.now() - change.changed_at < datetime.timedelta(minutes=1)


def test_calendar_keys_are_never_shown_only_revoked(staff_client, superuser):
    """A member's calendar key is hers: not in the list, the record, its history or
    a search; an administrator can revoke it, and the history says who did."""
    token = factories.CalendarTokenFactory()
    pages = [
        staff_client.get(admin_url(CalendarToken, "changelist")),
        staff_client.get(admin_url(CalendarToken, "change", token.pk)),
        staff_client.get(admin_url(CalendarToken, "history", token.pk)),
    ]
    for page in pages:
        assert page.status_code == 200
        assert token.token not in page.content.decode()
    assert 'name="_save"' not in pages[1].content.decode()
    search = staff_client.get(
        admin_url(CalendarToken, "changelist"), {"q": token.token}
    )
    assert search.context["cl"].result_count == 0

    response = staff_client.post(
        admin_url(CalendarToken, "changelist"),
        {"action": "revoke_calendar_tokens", "_selected_action": [token.pk]},
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    latest = token.history.latest()
    assert latest.history_user == superuser
    assert "administratör" in latest.history_change_reason
