"""Atom feed of published annual plans: /flode/planer.xml."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from plans.models import AnnualPlan

FEED_SIZE = 50


class PublishedPlansFeed(Feed):
    feed_type = Atom1Feed
    title = "Verksamhetsplaner – Samverkansportalen"
    subtitle = "Nya och ändrade verksamhetsplaner som har publicerats."
    link = reverse_lazy("plans:index")
    feed_url = reverse_lazy("plans:feed")
    language = "sv"

    def items(self):
        return (
            AnnualPlan.objects.public()
            .filter(published_at__isnull=False)
            .select_related("body")
            .order_by("-published_at")[:FEED_SIZE]
        )

    def item_title(self, item: AnnualPlan) -> str:
        return str(item)

    def item_description(self, item: AnnualPlan) -> str:
        text = f"{item.body.name}, verksamhetsplan för {item.year}."
        if item.corrects_id:
            text += f" Version {item.version}: {item.change_reason}"
        return text

    def item_link(self, item: AnnualPlan) -> str:
        if item.version > 1:
            return reverse(
                "plans:version",
                kwargs={
                    "slug": item.body.slug,
                    "year": item.year,
                    "version": item.version,
                },
            )
        return item.get_absolute_url()

    def item_guid(self, item: AnnualPlan) -> str:
        return (
            f"tag:samverkansportalen,plan:{item.body.slug}:{item.year}:{item.version}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item: AnnualPlan):
        return item.published_at

    def item_updateddate(self, item: AnnualPlan):
        return item.published_at

    def item_author_name(self, item: AnnualPlan) -> str:
        return item.body.name
