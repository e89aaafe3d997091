"""sitemap.xml, the portal's part: the start page and the other fixed pages, the
bodies' pages and the people's. Each app lists its own pages in its sitemaps module; council/urls.py
puts them together."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from council.models import Body, Person
from council.selectors import people_with_public_seat


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


class People(Sitemap):
    def items(self):
        return people_with_public_seat().order_by("pk")

    def location(self, item: Person) -> str:
        return reverse("council:person_detail", kwargs={"pk": item.pk})
