"""A body's whole year for the e-archive: one E-ARK SIP of several representations.

The yearly delivery holds every justerat protokoll version of the year's
meetings (one representation each, as in the protokoll's own package), the
year's adopted verksamhetsplan with its follow-up (the plan's PDF, as the
portal publishes it), and the kallelse of each meeting the year called (the
complete version, not public parts only). One ERMS file describes them all,
one PREMIS file holds every file's checksum and every recorded event.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.utils import timezone

from council.earkiv.package import Package, PackageFile, Representation
from council.earkiv.premis import PremisEvent, premis_document
from council.models import Body
from meetings.archive.erms import add_aggregation, add_protocol, erms_root, serialise
from meetings.archive.protocol import (
    SOFTWARE_AGENT,
    NotArchivable,
    archival_agents,
    creation_event,
    protocol_parts,
    readme,
    representation_name,
)
from meetings.models import Meeting, Protocol, SignedDocument
from meetings.services.notice import kallelse_pdf
from plans import selectors
from plans.documents import plan_pdf_document
from plans.models import AnnualPlan


def _protocols(body: Body, year: int) -> list[Protocol]:
    final = SignedDocument.objects.filter(
        kind=SignedDocument.Kind.PROTOCOL, is_final=True
    ).values("protocol_id")
    return list(
        Protocol.objects.filter(
            meeting__body=body, meeting__starts_at__year=year, pk__in=final
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "version")
    )


def _plan(body: Body, year: int) -> AnnualPlan | None:
    return (
        AnnualPlan.objects.filter(
            body=body, year=year, state__in=AnnualPlan.LOCKED_STATES
        )
        .order_by("-version")
        .first()
    )


def _called(body: Body, year: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            body=body, starts_at__year=year, notice_sent_at__isnull=False
        ).order_by("starts_at")
    )


def year_package(body: Body, year: int, *, created=None) -> Package:
    """The body's delivery for `year`; NotArchivable when the year holds
    nothing to deliver."""
    if not 1900 <= year <= 9998:
        raise NotArchivable(f"{body.name} har inget att leverera för {year}.")
    created = created or timezone.now()
    package_id = f"uuid-{uuid.uuid4()}"
    creator = settings.EARKIV_ARCHIVAL_CREATOR or body.name
    root, aggregations = erms_root(
        package_id=package_id, created=created, creator=creator
    )
    representations, paths, events, agents = [], [], [], {}
    for protocol in _protocols(body, year):
        parts = protocol_parts(protocol, representation=representation_name(protocol))
        add_protocol(aggregations, parts.doc)
        representations.append(parts.representation)
        paths += parts.paths
        events += parts.events
        agents.update({agent.ident: agent for agent in parts.agents})

    plan = _plan(body, year)
    if plan is not None:
        name = f"verksamhetsplan-{year}"
        pdf = plan_pdf_document(
            selectors.plan_with_content().get(pk=plan.pk),
            selectors.plan_previous(plan=plan),
        )
        file = PackageFile("verksamhetsplan.pdf", pdf.data, "application/pdf")
        representations.append(Representation(name, [file]))
        paths.append((f"representations/{name}/data/{file.path}", file))
        add_aggregation(
            aggregations,
            ident=f"verksamhetsplan-{plan.pk}",
            level="Verksamhetsplan",
            title=str(plan),
            created=plan.published_at or created,
            records=[(f"verksamhetsplan-{plan.pk}-pdf", f"{plan} med uppföljning")],
        )
        if plan.published_at:
            events.append(
                PremisEvent(
                    ident=f"plan-publicering-{plan.pk}",
                    type="dissemination",
                    at=plan.published_at,
                    detail=f"{plan} publicerad på portalen.",
                    agents=(SOFTWARE_AGENT.ident,),
                    objects=(f"representations/{name}/data/{file.path}",),
                )
            )

    meetings = _called(body, year)
    if meetings:
        name = f"kallelser-{year}"
        files = [
            PackageFile(
                f"kallelse-{meeting.local_start:%Y-%m-%d}-{meeting.pk}.pdf",
                kallelse_pdf(meeting, non_public=True),
                "application/pdf",
            )
            for meeting in meetings
        ]
        representations.append(Representation(name, files))
        paths += [(f"representations/{name}/data/{f.path}", f) for f in files]
        add_aggregation(
            aggregations,
            ident=f"kallelser-{body.slug}-{year}",
            level="Kallelser",
            title=f"Kallelser {body.name} {year}",
            created=meetings[0].notice_sent_at,
            records=[
                (f"kallelse-{m.pk}", f"Kallelse {m.local_start:%Y-%m-%d}")
                for m in meetings
            ],
        )
    if not representations:
        raise NotArchivable(f"{body.name} har inget att leverera för {year}.")

    agents.setdefault(SOFTWARE_AGENT.ident, SOFTWARE_AGENT)
    events = sorted([*events, creation_event(created)], key=lambda e: e.at)
    return Package(
        package_id=package_id,
        label=f"{body.name} {year}",
        content_type="Årsleverans",
        created=created,
        agents=archival_agents(body.name),
        submission_agreement=settings.EARKIV_SUBMISSION_AGREEMENT,
        descriptive=[PackageFile("erms.xml", serialise(root), "application/xml")],
        preservation=[
            PackageFile(
                "premis.xml",
                premis_document(paths, events, list(agents.values())),
                "application/xml",
            )
        ],
        documentation=[readme(paths)],
        representations=representations,
    )
