"""The plan's use cases through their services: carrying forward, the lock, the workflow."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import Meeting, Protocol
from plans import services
from plans.models import Activity, AnnualPlan, Assignment, VisionItem
from tests.factories import (
    ActivityFactory,
    AnnualPlanFactory,
    AssignmentFactory,
    MeetingFactory,
    ParagraphFactory,
    ProtocolFactory,
    StrategyAreaFactory,
    StyrdokumentFactory,
    VisionItemFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_2023(council, officials) -> AnnualPlan:
    plan = AnnualPlanFactory(body=council, year=2023, prepared_by=officials)
    plan.styrdokument.set([StyrdokumentFactory()])
    AssignmentFactory(plan=plan, order=1, title="Omvärldsbevakning")
    AssignmentFactory(plan=plan, order=2, title="Anordna studieresa")
    vision = VisionItemFactory(plan=plan, order=1, title="Ökad anställningsbarhet")
    vision.strategy_areas.set([StrategyAreaFactory(code="5:3")])
    statuses = [
        ("Gymnasiesamverkan", Activity.Status.ONGOING),
        ("Temadag om förskolan", Activity.Status.DONE),
        ("Erasmus+", Activity.Status.PLANNED),
        ("Digitalisering", Activity.Status.NOT_STARTED),
        ("Strukna projektet", Activity.Status.CANCELLED),
    ]
    for order, (title, status) in enumerate(statuses, start=1):
        ActivityFactory(plan=plan, order=order, title=title, status=status)
    return plan


@pytest.fixture
def council_paragraph(council):
    meeting = MeetingFactory(body=council, state=Meeting.State.HELD)
    protocol = ProtocolFactory(meeting=meeting, state=Protocol.State.PUBLISHED)
    return ParagraphFactory(protocol=protocol, number=5, heading="Verksamhetsplan")


def adopt(plan, secretary, paragraph):
    return services.plan_adopt(
        plan_id=plan.pk, actor=secretary, paragraph_id=paragraph.pk
    )


# Carrying forward -----------------------------------------------------------------


def test_new_plan_from_previous_year_copies_structure(plan_2023, secretary):
    """Uppdrag, vision items with their RUS areas and styrdokument are copied."""
    plan = services.plan_create_from_previous(plan_id=plan_2023.pk, actor=secretary)
    assert (plan.year, plan.state, plan.version) == (2024, "utkast", 1)
    assert plan.prepared_by == plan_2023.prepared_by
    assert [a.title for a in plan.assignments.order_by("order")] == [
        "Omvärldsbevakning",
        "Anordna studieresa",
    ]
    vision = plan.vision_items.get()
    assert vision.title == "Ökad anställningsbarhet"
    assert [str(a.code) for a in vision.strategy_areas.all()] == ["5:3"]
    assert set(plan.styrdokument.all()) == set(plan_2023.styrdokument.all())
    # The source is untouched.
    assert plan_2023.assignments.count() == 2


def test_only_unfinished_activities_are_carried_and_marked(plan_2023, secretary):
    """Genomförd and struken stay behind; the rest continue, linked to their origin."""
    plan = services.plan_create_from_previous(plan_id=plan_2023.pk, actor=secretary)
    carried = list(plan.activities.order_by("order"))
    assert [a.title for a in carried] == [
        "Gymnasiesamverkan",
        "Erasmus+",
        "Digitalisering",
    ]
    assert all(a.carried_from.plan == plan_2023 for a in carried)
    assert [a.carried_from.title for a in carried] == [a.title for a in carried]
    # An ongoing activity stays ongoing; the others are planned anew.
    assert [a.status for a in carried] == ["pagar", "planerad", "planerad"]
    assert all(a.follow_up == "" for a in carried)


def test_carrying_forward_twice_is_refused(plan_2023, secretary):
    services.plan_create_from_previous(plan_id=plan_2023.pk, actor=secretary)
    with pytest.raises(
        ValidationError, match="finns redan en verksamhetsplan för 2024"
    ):
        services.plan_create_from_previous(plan_id=plan_2023.pk, actor=secretary)
    assert AnnualPlan.objects.filter(year=2024).count() == 1


def test_official_may_carry_forward_but_member_may_not(
    plan_2023, official, member, outsider
):
    services.plan_create_from_previous(plan_id=plan_2023.pk, actor=official)
    AnnualPlan.objects.filter(year=2024).get()
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            services.plan_create_from_previous(plan_id=plan_2023.pk, actor=user)


def test_carrying_forward_is_in_the_history(plan_2023, secretary):
    plan = services.plan_create_from_previous(plan_id=plan_2023.pk, actor=secretary)
    records = list(plan.history.all())
    assert records
    assert all(r.history_user == secretary for r in records)
    assert all(r.history_change_reason == "Ny plan från 2023" for r in records)
    assert plan.activities.first().history.get().history_user == secretary


# The lock of an adopted plan ------------------------------------------------------


def test_adopting_records_meeting_paragraph_and_date(
    plan_2023, secretary, council_paragraph
):
    plan = adopt(plan_2023, secretary, council_paragraph)
    plan.refresh_from_db()
    assert plan.state == AnnualPlan.State.ADOPTED
    assert plan.adopted_in_paragraph == council_paragraph
    assert plan.adopted_at_meeting == council_paragraph.protocol.meeting
    assert plan.adopted_on == council_paragraph.protocol.meeting.local_start.date()
    assert plan.history.latest().history_change_reason.startswith("Fastställd (§ 5")


def test_adopted_plan_refuses_every_change_of_its_text(
    plan_2023, secretary, admin_user, council_paragraph
):
    """After adoption the services refuse edits, even an administrator's."""
    adopt(plan_2023, secretary, council_paragraph)
    assignment = plan_2023.assignments.first()
    vision = plan_2023.vision_items.first()
    activity = plan_2023.activities.first()
    attempts = [
        lambda u: services.plan_update(
            plan_id=plan_2023.pk,
            actor=u,
            introduction="Ny text",
            follow_up_summary="",
            styrdokument_ids=[],
        ),
        lambda u: services.assignment_create(
            plan_id=plan_2023.pk, actor=u, title="Nytt", text=""
        ),
        lambda u: services.assignment_update(
            assignment_id=assignment.pk, actor=u, title="Ändrat", text=""
        ),
        lambda u: services.vision_item_update(
            vision_item_id=vision.pk, actor=u, title="Ändrat", text=""
        ),
        lambda u: services.activity_update(
            activity_id=activity.pk,
            actor=u,
            fields=services.ActivityFields(title="Ändrat"),
        ),
        lambda u: services.plan_item_delete(
            kind="uppdrag", item_id=assignment.pk, actor=u
        ),
        lambda u: services.plan_item_move(
            kind="uppdrag", item_id=assignment.pk, actor=u, direction="ned"
        ),
    ]
    for user in (secretary, admin_user):
        for attempt in attempts:
            with pytest.raises(ValidationError, match="fastställd"):
                attempt(user)
    assignment.refresh_from_db()
    activity.refresh_from_db()
    assert (assignment.title, assignment.order) == ("Omvärldsbevakning", 1)
    assert activity.title == "Gymnasiesamverkan"
    assert plan_2023.assignments.count() == 2


def test_adopting_twice_or_publishing_a_draft_is_refused(
    plan_2023, secretary, council_paragraph
):
    with pytest.raises(ValidationError, match="måste fastställas"):
        services.plan_publish(plan_id=plan_2023.pk, actor=secretary)
    adopt(plan_2023, secretary, council_paragraph)
    with pytest.raises(ValidationError, match="redan är fastställd"):
        adopt(plan_2023, secretary, council_paragraph)
    services.plan_publish(plan_id=plan_2023.pk, actor=secretary)
    plan_2023.refresh_from_db()
    assert plan_2023.state == "publicerad" and plan_2023.published_at is not None
    with pytest.raises(ValidationError, match="redan publicerad"):
        services.plan_publish(plan_id=plan_2023.pk, actor=secretary)


def test_adoption_must_be_at_the_councils_own_meeting(plan_2023, secretary, other_body):
    paragraph = ParagraphFactory(
        protocol=ProtocolFactory(meeting=MeetingFactory(body=other_body))
    )
    with pytest.raises(ValidationError, match="inte SSR|inte .* möte"):
        adopt(plan_2023, secretary, paragraph)
    with pytest.raises(ValidationError, match="Ange mötet eller paragrafen"):
        services.plan_adopt(plan_id=plan_2023.pk, actor=secretary)
    plan_2023.refresh_from_db()
    assert plan_2023.state == AnnualPlan.State.DRAFT


def test_only_the_secretary_or_an_admin_adopts(
    plan_2023, official, member, council_paragraph
):
    for user in (official, member):
        with pytest.raises(PermissionDenied):
            adopt(plan_2023, user, council_paragraph)


def test_a_change_needs_a_new_version_with_a_reason(
    plan_2023, secretary, council_paragraph
):
    adopt(plan_2023, secretary, council_paragraph)
    with pytest.raises(ValidationError, match="Ange varför"):
        services.plan_create_version(plan_id=plan_2023.pk, actor=secretary, reason=" ")
    version = services.plan_create_version(
        plan_id=plan_2023.pk, actor=secretary, reason="Ny aktivitet efter beslut i maj"
    )
    assert (version.version, version.state, version.corrects) == (
        2,
        "utkast",
        plan_2023,
    )
    assert version.change_reason == "Ny aktivitet efter beslut i maj"
    assert version.activities.count() == plan_2023.activities.count()
    assert version.assignments.count() == 2
    # The new version is editable, the adopted one stays as it was.
    services.assignment_create(
        plan_id=version.pk, actor=secretary, title="Nytt uppdrag", text=""
    )
    assert version.assignments.count() == 3
    assert plan_2023.assignments.count() == 2
    with pytest.raises(ValidationError, match="nyare version"):
        services.plan_create_version(plan_id=plan_2023.pk, actor=secretary, reason="x")


def test_a_draft_needs_no_new_version(plan_2023, secretary):
    with pytest.raises(ValidationError, match="utkast"):
        services.plan_create_version(plan_id=plan_2023.pk, actor=secretary, reason="x")


# Follow-up ------------------------------------------------------------------------


def test_follow_up_of_last_year_is_written_until_next_plan_is_adopted(
    plan_2023, secretary, council_paragraph
):
    """The follow-up belongs to the next plan: adopting that plan fixes it."""
    plan_2023.state = AnnualPlan.State.PUBLISHED
    plan_2023.save()
    plan_2024 = services.plan_create_from_previous(
        plan_id=plan_2023.pk, actor=secretary
    )
    activity = plan_2023.activities.get(title="Erasmus+")
    services.activities_follow_up(
        actor=secretary,
        entries=[
            services.FollowUp(
                activity_id=activity.pk,
                status=Activity.Status.DONE,
                follow_up="Två ansökningar beviljades.",
            )
        ],
    )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    assert activity.follow_up == "Två ansökningar beviljades."
    assert activity.history.latest().history_change_reason == "Uppföljning"

    adopt(plan_2024, secretary, council_paragraph)
    with pytest.raises(ValidationError, match="ingår i en fastställd plan"):
        services.activities_follow_up(
            actor=secretary,
            entries=[
                services.FollowUp(
                    activity_id=activity.pk, status="struken", follow_up="Ändrat"
                )
            ],
        )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE


def test_follow_up_needs_an_editor(plan_2023, member):
    activity = plan_2023.activities.first()
    with pytest.raises(PermissionDenied):
        services.activities_follow_up(
            actor=member,
            entries=[services.FollowUp(activity.pk, "genomford", "Klart")],
        )


# Editing a draft ------------------------------------------------------------------


def test_entries_are_added_moved_and_removed(plan_2023, official):
    """The preparing group edits the draft: add last, move up, remove."""
    added = services.assignment_create(
        plan_id=plan_2023.pk, actor=official, title="Nytt uppdrag", text="Text"
    )
    assert added.order == 3
    services.plan_item_move(
        kind="uppdrag", item_id=added.pk, actor=official, direction="upp"
    )
    titles = list(
        plan_2023.assignments.order_by("order").values_list("title", flat=True)
    )
    assert titles == ["Omvärldsbevakning", "Nytt uppdrag", "Anordna studieresa"]
    services.plan_item_delete(kind="uppdrag", item_id=added.pk, actor=official)
    assert not Assignment.objects.filter(pk=added.pk).exists()
    assert Assignment.history.filter(id=added.pk, history_type="-").exists()


def test_activity_owner_must_be_named(plan_2023, secretary, other_body):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            plan_id=plan_2023.pk,
            actor=secretary,
            fields=services.ActivityFields(title="Extern", owner="extern"),
        )
    assert "owner_text" in error.value.error_dict
    activity = services.activity_create(
        plan_id=plan_2023.pk,
        actor=secretary,
        fields=services.ActivityFields(
            title="Nätverkets aktivitet", owner="natverk", owner_body_id=other_body.pk
        ),
    )
    assert activity.owner_display == other_body.name


def test_vision_item_links_styrdokument_and_areas(plan_2023, secretary):
    area = StrategyAreaFactory(code="5:4")
    item = services.vision_item_create(
        plan_id=plan_2023.pk,
        actor=secretary,
        title="Goda utbildningsmiljöer",
        text="",
        styrdokument_ids=[area.styrdokument_id],
        strategy_area_ids=[area.pk],
    )
    item = VisionItem.objects.get(pk=item.pk)
    assert list(item.strategy_areas.all()) == [area]
    assert list(item.styrdokument.all()) == [area.styrdokument]


def test_activity_links_to_paragraphs(plan_2023, secretary, council_paragraph):
    activity = services.activity_create(
        plan_id=plan_2023.pk,
        actor=secretary,
        fields=services.ActivityFields(
            title="Diskutera lärarförsörjningen", paragraph_ids=[council_paragraph.pk]
        ),
    )
    assert list(council_paragraph.activities.all()) == [activity]


def test_empty_plan_for_a_new_year(council, officials, secretary):
    plan = services.plan_create(body_id=council.pk, year=2030, actor=secretary)
    assert plan.prepared_by == officials
    with pytest.raises(ValidationError, match="2030"):
        services.plan_create(body_id=council.pk, year=2030, actor=secretary)


def test_adopted_on_can_be_given(plan_2023, secretary, council_paragraph):
    plan = services.plan_adopt(
        plan_id=plan_2023.pk,
        actor=secretary,
        paragraph_id=council_paragraph.pk,
        adopted_on=datetime.date(2023, 2, 10),
    )
    assert plan.adopted_on == datetime.date(2023, 2, 10)
