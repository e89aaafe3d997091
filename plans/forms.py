"""Forms of the plans app: they parse what people type; services save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms import KeysModelMultipleChoiceField, NoPersonnummerMixin
from council.models import Body
from meetings.models import Meeting, Paragraph
from plans.models import Activity, StrategyArea, Styrdokument

TEXT_HELP = _("Markdown: stycken, listor, fetstil, länkar.")


class PlanForm(NoPersonnummerMixin, forms.Form):
    personnummer_fields = ("introduction", "follow_up_summary")

    introduction = forms.CharField(
        label=_("Inledning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=TEXT_HELP,
    )
    follow_up_summary = forms.CharField(
        label=_("Sammanfattande uppföljning av föregående år"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    styrdokument = KeysModelMultipleChoiceField(
        label=_("Styrdokument som planen tjänar"),
        queryset=Styrdokument.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AssignmentForm(NoPersonnummerMixin, forms.Form):
    personnummer_fields = ("title", "text")

    title = forms.CharField(label=_("Rubrik"), max_length=300)
    text = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=TEXT_HELP,
    )


class VisionItemForm(NoPersonnummerMixin, forms.Form):
    personnummer_fields = ("title", "text")

    title = forms.CharField(label=_("Rubrik"), max_length=300)
    text = forms.CharField(
        label=_("Strategisk inriktning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    styrdokument = KeysModelMultipleChoiceField(
        label=_("Styrdokument"),
        queryset=Styrdokument.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    strategy_areas = KeysModelMultipleChoiceField(
        label=_("Strategiområden"),
        queryset=StrategyArea.objects.select_related("styrdokument").order_by(
            "styrdokument__title", "code"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ParagraphChoiceField(KeysModelMultipleChoiceField):
    def label_from_instance(self, obj: Paragraph) -> str:
        return paragraph_label(obj)


def paragraph_label(paragraph: Paragraph) -> str:
    meeting = paragraph.protocol.meeting
    return f"{meeting.body.short_name} {meeting.local_start:%Y-%m-%d}, {paragraph}"


class ActivityForm(NoPersonnummerMixin, forms.Form):
    personnummer_fields = ("title", "description", "owner_text", "follow_up")

    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TEXT_HELP,
    )
    owner = forms.ChoiceField(label=_("Ansvarig"), choices=Activity.Owner.choices)
    owner_body = forms.ModelChoiceField(
        label=_("Ansvarigt organ eller nätverk"),
        queryset=Body.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        empty_label=_("– inget –"),
    )
    owner_text = forms.CharField(
        label=_("Extern part"),
        max_length=200,
        required=False,
        help_text=_("T.ex. Örebro universitet."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    follow_up = forms.CharField(
        label=_("Uppföljning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    paragraphs = ParagraphChoiceField(
        label=_("Behandlad i protokollsparagrafer"),
        queryset=Paragraph.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )

    def __init__(self, *args: Any, paragraphs=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if paragraphs is not None:
            self.fields["paragraphs"].queryset = paragraphs


class FollowUpForm(NoPersonnummerMixin, forms.Form):
    """Status and follow-up text of one activity; prefixed by its id."""

    personnummer_fields = ("follow_up",)

    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    follow_up = forms.CharField(
        label=_("Uppföljning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ParagraphChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Paragraph) -> str:
        return paragraph_label(obj)


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.local_start:%Y-%m-%d} {obj.title or _('Sammanträde')}"


class AdoptForm(forms.Form):
    paragraph = ParagraphChoice(
        label=_("Paragraf i protokollet"),
        queryset=Paragraph.objects.none(),
        required=False,
        empty_label=_("– välj paragraf –"),
    )
    meeting = MeetingChoice(
        label=_("Möte (om protokollet ännu saknas)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("– välj möte –"),
    )
    adopted_on = forms.DateField(
        label=_("Fastställd den"),
        required=False,
        help_text=_("ÅÅÅÅ-MM-DD. Lämna tomt för mötets datum."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, paragraphs=None, meetings=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if paragraphs is not None:
            self.fields["paragraph"].queryset = paragraphs
        if meetings is not None:
            self.fields["meeting"].queryset = meetings

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("paragraph") and not data.get("meeting"):
            raise forms.ValidationError(
                _("Välj paragrafen (eller mötet) där rådet fastställde planen.")
            )
        return data


class NewVersionForm(NoPersonnummerMixin, forms.Form):
    personnummer_fields = ("reason",)

    reason = forms.CharField(
        label=_("Skäl till ny version"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Ange varför planen behöver ändras.")},
    )


class NewPlanForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Ange ett år."),
            "invalid": _("Ange ett år med fyra siffror."),
            "min_value": _("Ange ett år mellan 2000 och 2100."),
            "max_value": _("Ange ett år mellan 2000 och 2100."),
        },
    )
