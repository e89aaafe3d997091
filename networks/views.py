"""Public network pages: /natverk/ and /natverk/<slug>/."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from council.selectors import memberships_by_role
from networks import selectors
from networks.models import NetworkProfile


def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "networks/network_list.html",
        {"networks": selectors.networks_public()},
    )


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        network = selectors.network_for_slug(slug=slug)
    except NetworkProfile.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "body": network.body,
            "page_body": network.body,
            "members_by_role": memberships_by_role(body=network.body),
        },
    )
