"""The secretary's page for a body's agenda template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from council.models import AgendaTemplateItem, Body
from meetings import permissions
from meetings.forms.meeting import AgendaTemplateItemForm
from meetings.selectors import meeting as selectors
from meetings.services import agenda_template as template_services
from meetings.views._helpers import body_or_404, error_text, run


def _template_body(request: HttpRequest, slug: str) -> Body:
    body = body_or_404(slug)
    if not permissions.can_edit_agenda_template(request.user, body):
        raise PermissionDenied
    return body


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, slug: str) -> HttpResponse:
    body = _template_body(request, slug)
    form = AgendaTemplateItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template_services.agenda_template_item_create(
                body_id=body.pk, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Standardpunkten är tillagd.")
            return redirect("meetings:template_edit", slug=body.slug)
    return render(
        request,
        "meetings/agenda_template.html",
        {
            "body": body,
            "items": selectors.agenda_template(body=body),
            "form": form,
            "page_body": body,
        },
        status=400 if form.errors else 200,
    )


def _template_item_or_404(body: Body, item_pk: int) -> AgendaTemplateItem:
    item = AgendaTemplateItem.objects.filter(pk=item_pk, body=body).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def template_item_edit(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    body = _template_body(request, slug)
    item = _template_item_or_404(body, item_pk)
    form = AgendaTemplateItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            template_services.agenda_template_item_update(
                item_id=item.pk, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Standardpunkten är sparad.")
            return redirect("meetings:template_edit", slug=body.slug)
    return render(
        request,
        "meetings/agenda_template_item_form.html",
        {"body": body, "item": item, "form": form, "page_body": body},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def template_item_move(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    body = _template_body(request, slug)
    item = _template_item_or_404(body, item_pk)
    up = request.POST.get("direction") == "upp"
    run(
        request,
        lambda: template_services.agenda_template_item_move(
            item_id=item.pk, actor=request.user, up=up
        ),
        f"Standardpunkten ”{item.title}” är flyttad {'upp' if up else 'ned'}.",
    )
    return redirect("meetings:template_edit", slug=body.slug)


@login_required
@require_POST
def template_item_delete(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    """First a page that names the standard item and asks; then, with `confirm`,
    removal."""
    body = _template_body(request, slug)
    item = _template_item_or_404(body, item_pk)
    if "confirm" not in request.POST:
        return render(
            request,
            "meetings/agenda_template_item_delete_confirm.html",
            {
                "body": body,
                "item": item,
                "back_url": reverse("meetings:template_edit", kwargs={"slug": slug})
                + f"#mall-{item.pk}",
                "page_body": body,
            },
        )
    run(
        request,
        lambda: template_services.agenda_template_item_delete(
            item_id=item.pk, actor=request.user
        ),
        f"Standardpunkten ”{item.title}” är borttagen.",
    )
    return redirect("meetings:template_edit", slug=body.slug)
