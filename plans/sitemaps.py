"""sitemap.xml: the published plans."""

from django.contrib.sitemaps import Sitemap

from plans.selectors import plans_public_by_body


class Plans(Sitemap):
    def items(self):
        return [plan for _body, plans in plans_public_by_body() for plan in plans]
