"""sitemap.xml: every public page, and nothing that is not public."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from council.models import Body
from meetings.selectors import meetings_public
from plans.selectors import plans_public_by_body


class StaticPages(Sitemap):
    def items(self) -> list[str]:
        return [
            "council:home",
            "meetings:meeting_list",
            "plans:index",
            "networks:network_list",
            "council:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class Bodies(Sitemap):
    def items(self):
        return Body.objects.filter(is_active=True).order_by("slug")


class Meetings(Sitemap):
    def items(self):
        return meetings_public().order_by("-starts_at")


class Plans(Sitemap):
    def items(self):
        return [plan for _body, plans in plans_public_by_body() for plan in plans]


SITEMAPS = {
    "sidor": StaticPages,
    "organ": Bodies,
    "moten": Meetings,
    "planer": Plans,
}
