"""A small portal with one object of every kind for the fuzz walks to reach: a body
with a person in every role, four meetings whose protokoll are drafted, in
justering, justerat and published, a draft and a published plan with entries, a
styrdokument, a network, and for every model the admin lists at least one row.

`World.scenes` gives, per URL prefix, consistent sets of real URL arguments (a
meeting with one of its agenda items and attachments, a plan with one of its
entries, …), so that a walk substitutes ids that exist and reaches the views.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from council.models import Body, ItemKind, Membership, User
from meetings.models import AgendaItem, Attachment, Meeting, Protocol
from meetings.services.calendar import calendar_token_create
from meetings.services.planning import meeting_create
from meetings.services.protocol.justering import protocol_send_to_justering
from meetings.services.protocol.publishing import protocol_publish
from plans.models import AnnualPlan
from plans.services import SECTION_MODELS
from tests import factories
from tests.meetings.helpers import draft_for, justera_all, seat

Scene = dict[str, Any]


@dataclass
class World:
    users: dict[str, User | None]
    scenes: dict[str, list[Scene]] = field(default_factory=dict)

    def arguments(self, prefix: str, names: list[str]) -> list[Scene]:
        """The real argument sets of a URL starting with `prefix`, for `names`."""
        found: list[Scene] = []
        for scene in self.scenes.get(prefix, []):
            if all(name in scene for name in names):
                chosen = {name: scene[name] for name in names}
                if chosen not in found:
                    found.append(chosen)
        return found


def _meeting(cast: Any, days: int) -> Meeting:
    start = timezone.localtime() + datetime.timedelta(days=days)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    return meeting_create(
        body_id=cast["body"].pk,
        actor=cast["secretary"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Konferenslokal Lärken",
        address="Eklundavägen 1, Örebro",
    )


class _Cast(dict):
    """`tests.meetings.helpers` reads the cast by attribute."""

    __getattr__ = dict.__getitem__


def _people() -> _Cast:
    body = factories.BodyFactory(
        name="Samverkansrådet för test",
        short_name="SRT",
        slug="srt",
        kind=Body.Kind.COUNCIL,
    )
    for order, (title, kind) in enumerate(
        [
            ("Mötet öppnas", ItemKind.FORMALIA),
            ("Val av justerare", ItemKind.FORMALIA),
            ("Övriga frågor", ItemKind.OTHER_MATTERS),
        ],
        start=1,
    ):
        factories.AgendaTemplateItemFactory(
            body=body, order=order, title=title, kind=kind
        )
    secretary, _ = seat(body, Membership.Role.SECRETARY, username="sekr", party="")
    chair, _ = seat(body, Membership.Role.CHAIR, username="ordf")
    member, _ = seat(body, Membership.Role.MEMBER, username="ledamot")
    substitute, _ = seat(body, Membership.Role.SUBSTITUTE, username="ersattare")
    admin = factories.SuperUserFactory(username="admin")
    return _Cast(
        body=body,
        secretary=secretary,
        chair=chair,
        member=member,
        substitute=substitute,
        admin=admin,
    )


def _protocols(cast: _Cast) -> list[Protocol]:
    """A protokoll in each state, each of its own meeting held some days ago (a
    protokoll is sent for justering once its meeting has ended; the ledamot
    justerar)."""
    drafted = draft_for(cast, _meeting(cast, -2))
    in_justering = protocol_send_to_justering(
        protocol_id=draft_for(cast, _meeting(cast, -3)).pk, actor=cast.secretary
    )
    justerat = justera_all(
        cast,
        protocol_send_to_justering(
            protocol_id=draft_for(cast, _meeting(cast, -4)).pk, actor=cast.secretary
        ),
    )
    published = protocol_publish(
        protocol_id=justera_all(
            cast,
            protocol_send_to_justering(
                protocol_id=draft_for(cast, _meeting(cast, -5)).pk,
                actor=cast.secretary,
            ),
        ).pk,
        actor=cast.secretary,
    )
    # A history row without a user, as a migration or a shell script leaves it.
    Protocol.objects.get(pk=drafted.pk).save()
    return [drafted, in_justering, justerat, published]


def _plans(body: Body) -> list[AnnualPlan]:
    officials = factories.BodyFactory(
        kind=Body.Kind.OFFICIALS, parent=body, short_name="Chefsgr", slug="chefsgr"
    )
    plans = []
    for year, state in [
        (2025, AnnualPlan.State.DRAFT),
        (2024, AnnualPlan.State.PUBLISHED),
    ]:
        plan = factories.AnnualPlanFactory(
            body=body, year=year, prepared_by=officials, state=state
        )
        factories.AssignmentFactory(plan=plan)
        factories.VisionItemFactory(plan=plan)
        factories.ActivityFactory(plan=plan)
        plans.append(plan)
    return plans


def world_build() -> World:
    cast = _people()
    protocols = _protocols(cast)
    meetings = [p.meeting for p in protocols]
    factories.AttachmentFactory(meeting=meetings[0], is_public=False)
    factories.AttachmentFactory(meeting=meetings[-1], is_public=True)
    token = calendar_token_create(actor=cast.member)
    plans = _plans(cast.body)
    styrdokument = factories.StrategyAreaFactory().styrdokument
    profile = factories.NetworkProfileFactory()
    factories.FocusAreaFactory(profile=profile)
    network = profile.body
    # Every model has a row the admin's change pages can open.
    for model, factory_class in factories.MODEL_FACTORIES.items():
        if not model.objects.exists():
            factory_class()

    world = World(
        users={
            "anonym": None,
            "ledamot": cast.member,
            "sekreterare": cast.secretary,
            "ordförande": cast.chair,
            "administratör": cast.admin,
        }
    )
    body_slugs = [cast.body.slug, "chefsgr"]
    world.scenes["moten"] = [
        {
            "pk": meeting.pk,
            "item_pk": item.pk,
            "attachment_pk": attachment.pk if attachment else 0,
        }
        for meeting in meetings
        for item in AgendaItem.objects.filter(meeting=meeting)[:1]
        for attachment in [Attachment.objects.filter(meeting=meeting).first()]
    ]
    world.scenes["protokoll"] = [
        {"pk": p.pk, "number": number}
        for p in protocols
        for number in p.paragraphs.order_by("order").values_list("number", flat=True)[
            :1
        ]
    ]
    world.scenes["organ"] = [
        {"slug": slug, "item_pk": item_pk}
        for slug in body_slugs
        for item_pk in cast.body.agenda_template_items.values_list("pk", flat=True)[:1]
    ]
    world.scenes["kalender"] = [{"slug": cast.body.slug, "token": token.token}]
    world.scenes["planer"] = [
        {
            "slug": plan.body.slug,
            "year": plan.year,
            "version": plan.version,
            "section": section,
            "pk": model.objects.filter(plan=plan).values_list("pk", flat=True)[0],
        }
        for plan in plans
        for section, model in SECTION_MODELS.items()
    ]
    world.scenes["styrdokument"] = [{"pk": styrdokument.pk}]
    world.scenes["natverk"] = [{"slug": network.slug}]
    world.scenes["api"] = [
        {"kind": kind, "key": key}
        for kind, key in [
            ("organization", f"organ-{cast.body.slug}"),
            ("organization", "org-1"),
            ("person", str(cast.member.person.pk)),
            ("membership", "1"),
            ("meeting", str(meetings[-1].pk)),
            ("agendaitem", "1"),
            ("file", "1"),
            ("paper", "1"),
            ("body", "1"),
        ]
    ]
    return world
