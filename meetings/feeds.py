"""Atom feed of published protokoll: /flode/protokoll.xml."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from meetings.documents.protocol import meeting_when
from meetings.models import Protocol

FEED_SIZE = 50


class PublishedProtocolsFeed(Feed):
    feed_type = Atom1Feed
    title = "Protokoll – Samverkansportalen"
    subtitle = "Justerade protokoll som har publicerats, och rättelser av dem."
    link = reverse_lazy("meetings:protocol_list")
    feed_url = reverse_lazy("meetings:protocol_feed")
    language = "sv"

    def items(self):
        return (
            Protocol.objects.public()
            .filter(published_at__isnull=False)
            .select_related("meeting__body")
            .order_by("-published_at")[:FEED_SIZE]
        )

    def item_title(self, item: Protocol) -> str:
        day = timezone.localtime(item.meeting.starts_at).date().isoformat()
        title = f"Protokoll {item.meeting.body.short_name} {day}"
        return (
            f"{title}, rättelse (version {item.version})" if item.version > 1 else title
        )

    def item_description(self, item: Protocol) -> str:
        text = f"{item.meeting.body.name}. {meeting_when(item.meeting)}."
        if item.corrects_id:
            text += f" Rättelse: {item.correction_reason}"
        return text

    def item_link(self, item: Protocol) -> str:
        return reverse("meetings:protocol_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Protocol):
        return item.published_at

    def item_updateddate(self, item: Protocol):
        return item.published_at

    def item_author_name(self, item: Protocol) -> str:
        return item.meeting.body.name
