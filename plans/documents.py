"""The plan as a document: its PDF with the council's letterhead.

The public page's PDF and the e-archive's year package both take it from
here, so the archive keeps exactly what the portal publishes.
"""

from __future__ import annotations

from collections import Counter

from council.pdf_store import StoredPdf, stored_pdf
from meetings.models import Protocol
from plans import selectors
from plans.models import Activity, AnnualPlan


def paragraph_urls(plan: AnnualPlan, *, show_unpublished: bool) -> None:
    """Give each paragraph its public link, hiding unpublished ones from outsiders."""
    for activity in plan.activities.all():
        shown = []
        for paragraph in activity.paragraphs.all():
            paragraph.public_url = selectors.paragraph_public_url(paragraph)
            paragraph.is_published = (
                paragraph.protocol.state == Protocol.State.PUBLISHED
            )
            if paragraph.is_published or show_unpublished:
                shown.append(paragraph)
        activity.shown_paragraphs = shown
    paragraph = plan.adopted_in_paragraph
    if paragraph is not None:
        paragraph.public_url = selectors.paragraph_public_url(paragraph)


def status_summary(activities: list[Activity]) -> list[tuple[str, int]]:
    counts = Counter(a.status for a in activities)
    return [
        (label, counts[value])
        for value, label in Activity.Status.choices
        if counts[value]
    ]


def plan_pdf_document(plan: AnnualPlan, previous: AnnualPlan | None) -> StoredPdf:
    """The plan's PDF, with the previous year's follow-up when `previous` is
    given; rendered once per version of its content (council/pdf_store.py)."""
    paragraph_urls(plan, show_unpublished=False)
    activities = list(plan.activities.all())
    return stored_pdf(
        kind="plan",
        subject=f"{plan.pk}-{previous.pk if previous else 0}",
        template_name="plans/pdf/plan.html",
        context={
            "body": plan.body,
            "plan": plan,
            "previous": previous,
            "activities": activities,
            "status_summary": status_summary(activities),
            "done_count": sum(a.status == Activity.Status.DONE for a in activities),
            "carried_ids": {a.carried_from_id for a in activities},
        },
        title=str(plan),
        draft=plan.state != AnnualPlan.State.PUBLISHED,
    )
