"""What the annual plans say about other records, for their templates.

The protokoll page shows, under each paragraph, the plan activities that concern
it. The link is kept by the plans (`Activity.paragraphs`), so the plans provide
it here and the meetings app never imports the plans: the dependency runs one
way only, plans → meetings.
"""

from __future__ import annotations

from typing import Any

from django import template

from plans import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def activities_by_paragraph(context: template.Context, paragraphs: Any) -> dict:
    """{paragraph id: [activities]} for `paragraphs` (paragraphs, or a protokoll
    document's entries), of the plans the viewer may see."""
    request = context.get("request")
    ids = [getattr(entry, "paragraph", entry).pk for entry in paragraphs]
    return selectors.activities_by_paragraph(
        paragraph_ids=ids, user=getattr(request, "user", None)
    )
