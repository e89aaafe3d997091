"""Nothing unpublished is reachable by any public path.

Each unpublished thing carries a marker word of its own: a draft protokoll, one in
justering, a justerat one not yet published, a non-public paragraph and a
non-public attachment of a published protokoll, a meeting without kallelse, a
draft plan, and everything of an inactive body. Every public page, search, feed,
the sitemap and every OParl list (all pages of it) is fetched by an anonymous
visitor and by a member of another body; no marker may appear anywhere.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from council.models import Body, Membership
from meetings.models import Protocol
from plans.models import AnnualPlan
from tests import factories
from tests.public_pages import public_pages

pytestmark = pytest.mark.django_db

VISIBLE = "Zorbsynlig"  # a control: published, so search must find it


@dataclass
class Secrets:
    markers: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  # public: 200 without markers
    paths: list[str] = field(default_factory=list)  # not public: 404
    digests: list[str] = field(default_factory=list)

    def add(self, what: str, marker: str) -> str:
        self.markers[what] = marker
        return marker


def protocol_with(body: Body, state: str, heading: str, **meeting) -> Protocol:
    protocol = factories.ProtocolFactory(
        meeting__body=body,
        state=state,
        **{f"meeting__{k}": v for k, v in meeting.items()},
    )
    if state == Protocol.State.PUBLISHED:
        protocol.published_at = timezone.now()
        protocol.save()
    factories.ParagraphFactory(
        protocol=protocol, order=1, number=1, heading=heading, text=f"Om {heading}."
    )
    return protocol


@pytest.fixture
def secrets(demo_data) -> Secrets:
    found = Secrets()
    body = factories.BodyFactory(
        name="Rådet för läckprov", short_name="Läck", slug="lack"
    )

    draft = protocol_with(body, Protocol.State.DRAFT, found.add("utkast", "Zorbutkast"))
    in_justering = protocol_with(
        body, Protocol.State.IN_JUSTERING, found.add("justering", "Zorbjustering")
    )
    justerat = protocol_with(
        body, Protocol.State.JUSTERAT, found.add("justerat", "Zorbjusterat")
    )
    found.paths += [f"/protokoll/{p.pk}/" for p in (draft, in_justering, justerat)]
    found.paths += [f"/protokoll/{p.pk}/protokoll.pdf" for p in (draft, justerat)]

    published = protocol_with(
        body,
        Protocol.State.PUBLISHED,
        VISIBLE,
        notice_sent_at=timezone.now(),
    )
    closed = factories.ParagraphFactory(
        protocol=published,
        order=2,
        number=2,
        heading=found.add("sluten paragraf", "Zorbsluten"),
        is_public=False,
    )
    item = factories.AgendaItemFactory(meeting=published.meeting, order=1)
    factories.AttachmentFactory(
        meeting=published.meeting,
        agenda_item=item,
        title=found.add("bilaga", "Zorbbilaga"),
        original_name="zorbbilaga.pdf",
        is_public=False,
    )
    factories.AttachmentFactory(
        meeting=published.meeting,
        paragraph=closed,
        title=found.add("bilaga till sluten paragraf", "Zorbparagrafbilaga"),
        is_public=True,
    )
    closed_item = factories.AgendaItemFactory(
        meeting=published.meeting,
        order=2,
        title=found.add("sluten punkt", "Zorbslutenpunkt"),
        is_public=False,
    )
    # A final signed PDF of a protokoll with something withheld: never handed out.
    pdf = b"%PDF-1.7\n% Zorbpdf\n%%EOF\n"
    digest = hashlib.sha256(pdf).hexdigest()
    factories.SignedDocumentFactory(
        protocol=published,
        data=pdf,
        sha256=digest,
        is_final=True,
        finalised_at=timezone.now(),
    )
    found.digests.append(digest)
    found.pages += [
        f"/protokoll/{published.pk}/",
        f"/moten/{published.meeting_id}/",
        f"/api/oparl/v1.1/meeting/{published.meeting_id}",
    ]
    found.paths.append(f"/protokoll/{published.pk}/protokoll.pdf")
    found.paths.append(f"/api/oparl/v1.1/agendaitem/{closed_item.pk}")

    uncalled = factories.MeetingFactory(
        body=body, title=found.add("möte utan kallelse", "Zorbokallat")
    )
    factories.AgendaItemFactory(
        meeting=uncalled, order=1, title=found.add("punkt utan kallelse", "Zorbpunkt")
    )
    found.paths += [f"/moten/{uncalled.pk}/", f"/api/oparl/v1.1/meeting/{uncalled.pk}"]

    plan = factories.AnnualPlanFactory(
        body=body, year=2031, state=AnnualPlan.State.DRAFT
    )
    factories.ActivityFactory(
        plan=plan, title=found.add("utkast till plan", "Zorbplan")
    )
    found.paths.append(f"/planer/{body.slug}/2031/")

    inactive = factories.BodyFactory(
        name=found.add("vilande organ", "Zorbvilandeorgan"),
        short_name="Vil",
        slug="vilande",
        is_active=False,
    )
    old = protocol_with(
        inactive,
        Protocol.State.PUBLISHED,
        found.add("vilande protokoll", "Zorbvilandeprotokoll"),
        notice_sent_at=timezone.now(),
    )
    factories.AgendaItemFactory(
        meeting=old.meeting,
        order=1,
        title=found.add("vilande punkt", "Zorbvilandepunkt"),
    )
    inactive_plan = factories.AnnualPlanFactory(
        body=inactive, year=2030, state=AnnualPlan.State.PUBLISHED
    )
    factories.ActivityFactory(
        plan=inactive_plan, title=found.add("vilande plan", "Zorbvilandeplan")
    )
    factories.MembershipFactory(
        body=inactive, person__name=found.add("vilande ledamot", "Zorbvilandeperson")
    )
    found.paths += [
        "/organ/vilande/",
        f"/protokoll/{old.pk}/",
        f"/moten/{old.meeting_id}/",
        "/planer/vilande/2030/",
        "/kalender/vilande.ics",
        "/api/oparl/v1.1/organization/organ-vilande",
    ]
    return found


@pytest.fixture(params=["anonym", "ledamot i annat organ"])
def visitor(request, db) -> Client:
    client = Client()
    if request.param != "anonym":
        other = factories.BodyFactory(short_name="Annat", slug="annat-organ")
        membership = factories.MembershipFactory(
            body=other,
            role=Membership.Role.MEMBER,
            person__user=factories.UserFactory(username="annan"),
        )
        client.force_login(membership.person.user)
    return client


def oparl_pages(client: Client) -> list[str]:
    """Every OParl list, all its pages, from the system object down."""
    base = "/api/oparl/v1.1/"
    system = json.loads(client.get(base).content)
    body = json.loads(client.get(system["body"]).content)["data"][0]
    texts = [json.dumps(system), json.dumps(body)]
    for name in [
        "organization",
        "person",
        "meeting",
        "agendaItem",
        "file",
        "membership",
        "paper",
    ]:
        url = body[name] + "?limit=25"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            page = json.loads(response.content)
            texts.append(response.content.decode())
            url = page["links"].get("next")
    return texts


def leaked(text: str, secrets: Secrets) -> list[str]:
    folded = text.casefold()
    found = [what for what, m in secrets.markers.items() if m.casefold() in folded]
    return found + [d for d in secrets.digests if d in text]


def test_nothing_unpublished_on_any_public_path(visitor, secrets):
    """Pages, search for every marker, feeds, sitemap and OParl show none of it."""
    texts: dict[str, str] = {}
    for path in [
        *public_pages(),
        *secrets.pages,
        "/organ/lack/",
        "/moten/",
        "/protokoll/?organ=lack",
        "/planer/",
        "/styrdokument/",
        "/anslag/",
        "/flode/protokoll.xml",
        "/flode/planer.xml",
        "/sitemap.xml",
        "/kalender/lack.ics",
        f"/sok/?q={quote(VISIBLE)}",
    ]:
        response = visitor.get(path)
        assert response.status_code == 200, path
        texts[path] = response.content.decode()
    for marker in secrets.markers.values():
        path = f"/sok/?q={quote(marker)}"
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert response.context["page"].paginator.count == 0, path
        # The page repeats the query; everything else on it must be clean.
        texts[path] = response.content.decode().replace(marker, "")
    for path in secrets.paths:
        response = visitor.get(path)
        assert response.status_code == 404, path
        texts[path] = response.content.decode(errors="replace")
    for n, text in enumerate(oparl_pages(visitor)):
        texts[f"oparl {n}"] = text

    leaks = {
        path: found for path, text in texts.items() if (found := leaked(text, secrets))
    }
    assert leaks == {}
    # The controls: what is published is there, so the pages and searches ran.
    assert VISIBLE in texts[f"/sok/?q={quote(VISIBLE)}"]
    assert VISIBLE in texts[secrets.pages[0]]


def test_plans_feed_leaves_out_inactive_bodies(client, db):
    """An inactive body's published plan is not in /flode/planer.xml."""
    inactive = factories.BodyFactory(name="Zorbnedlagt råd", is_active=False)
    factories.AnnualPlanFactory(
        body=inactive,
        year=2030,
        state=AnnualPlan.State.PUBLISHED,
        published_at=timezone.now(),
    )
    assert "Zorbnedlagt" not in client.get("/flode/planer.xml").content.decode()
