"""sitemap.xml: the public meetings and the published protokoll."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.models import Protocol
from meetings.selectors.meeting import meetings_public


class Meetings(Sitemap):
    def items(self):
        return meetings_public().order_by("-starts_at")


class Protocols(Sitemap):
    def items(self):
        return Protocol.objects.filter(
            state=Protocol.State.PUBLISHED, meeting__body__is_active=True
        ).order_by("-published_at")

    def location(self, item: Protocol) -> str:
        return reverse("meetings:protocol_detail", kwargs={"pk": item.pk})

    def lastmod(self, item: Protocol):
        return item.published_at
