"""Admin widgets and fields that look up a posted value only when it can be a key.

Django's autocomplete widgets look up the posted values to show them again when
the form has errors, and a multiple choice field looks all of them up at once; a
value that is not a number, or one past what the database holds, makes that
lookup raise instead of the form showing its error. Likewise a date hierarchy's
year past what a date holds.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from council.forms import KeysModelMultipleChoiceField, is_key


class _KeysOnly:
    field: Any

    def optgroups(self, name: str, value: list[Any], attr: Any = None) -> Any:
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        keys = [item for item in value if is_key(target, item)]
        return super().optgroups(name, keys, attr)  # type: ignore[misc]


class KeysOnlyAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


class KeysOnlyAutocompleteMixin:
    """For a ModelAdmin or an inline: its autocomplete widgets and many-to-many
    fields check that the posted values can be keys."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = KeysOnlyAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KeysModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class KeysOnlyChangeList(ChangeList):
    """A changelist whose date hierarchy refuses a year no date holds the way it
    refuses any other wrong filter: back to the list, with a notice."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc
