"""sitemap.xml: every public page, and nothing that is not public."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from council.models import Body
from meetings.models import Protocol
from meetings.selectors.meeting import meetings_public
from plans.selectors import plans_public_by_body


class StaticPages(Sitemap):
    def items(self) -> list[str]:
        return [
            "council:home",
            "meetings:meeting_list",
            "plans:index",
            "networks:network_list",
            "council:accessibility",
            "meetings:protocol_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class Bodies(Sitemap):
    def items(self):
        return Body.objects.filter(is_active=True).order_by("slug")


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


class Plans(Sitemap):
    def items(self):
        return [plan for _body, plans in plans_public_by_body() for plan in plans]


SITEMAPS = {
    "sidor": StaticPages,
    "organ": Bodies,
    "moten": Meetings,
    "protokoll": Protocols,
    "planer": Plans,
}
