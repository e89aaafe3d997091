"""What may change in a signed PDF after a signature without breaking it.

pyHanko's standard policy allows later signatures in their prepared fields,
validation data (DSS) and document timestamps. The portal adds one thing at
finalisation: the justeringsbevis, a PDF/A-3 associated file
(`/AFRelationship /Supplement`). This policy allows exactly that as well: new
file specifications appended to the catalog's /AF array and to the
/EmbeddedFiles name tree, with their embedded file streams, and nothing else in
/Names. Any other change (a page's content, an annotation, a script) still
counts against the earlier signatures.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable

from pyhanko.pdf_utils import generic
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    CatalogModificationRule,
    ModificationLevel,
    QualifiedWhitelistRule,
    ReferenceUpdate,
    StandardDiffPolicy,
    SuspiciousModification,
)
from pyhanko.sign.diff_analysis.commons import (
    compare_dicts,
    compare_key_refs,
    qualify_transforming,
)
from pyhanko.sign.diff_analysis.constants import ROOT_EXEMPT_STRICT_COMPARISON

# What a later revision may do to an earlier signature without breaking it.
ACCEPTED_CHANGES = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


def _raw(array) -> list:
    return [array.raw_get(index) for index in range(len(array))]


def _appended(old_array, new_array, what: str) -> list:
    """The entries `new_array` adds after the whole of `old_array`."""
    old_items = _raw(old_array) if old_array is not None else []
    new_items = _raw(new_array)
    if new_items[: len(old_items)] != old_items:
        raise SuspiciousModification(f"{what}: earlier entries changed")
    return new_items[len(old_items) :]


def _new_ref(old, value) -> generic.Reference:
    if not isinstance(value, generic.IndirectObject):
        raise SuspiciousModification("an associated file must be indirect")
    if not old.is_ref_unassignable(value.reference):
        raise SuspiciousModification(f"{value.reference} reuses an earlier object")
    return value.reference


class SupplementFilesRule(QualifiedWhitelistRule):
    """New supplementary associated files, and nothing else in /Names."""

    def apply_qualified(self, old, new) -> Iterable:
        yield from qualify_transforming(
            ModificationLevel.LTA_UPDATES,
            self._references(old, new),
            transform=ReferenceUpdate,
        )

    def _references(self, old, new) -> Generator[generic.Reference, None, None]:
        empty = generic.DictionaryObject()
        old_af, new_af = yield from compare_key_refs("/AF", old, old.root, new.root)
        specs = set()
        if new_af is not None:
            for entry in _appended(old_af, new_af, "/AF"):
                reference = _new_ref(old, entry)
                spec = entry.get_object()
                if spec.get("/AFRelationship") != "/Supplement":
                    raise SuspiciousModification(
                        "only supplementary files may be added"
                    )
                specs.add(reference)
                yield reference
                files = spec.get("/EF", empty)
                for key in ("/F", "/UF"):
                    if key in files:
                        yield _new_ref(old, files.raw_get(key))
        old_names, new_names = yield from compare_key_refs(
            "/Names", old, old.root, new.root
        )
        if new_names is None:
            return
        if old_names is not None:
            compare_dicts(old_names, new_names, {"/EmbeddedFiles"})
        old_tree, new_tree = yield from compare_key_refs(
            "/EmbeddedFiles", old, old_names or empty, new_names
        )
        if new_tree is None:
            return
        if "/Kids" in new_tree:
            raise SuspiciousModification("/EmbeddedFiles must stay a flat name tree")
        if old_tree is not None:
            compare_dicts(old_tree, new_tree, {"/Names"})
        old_array, new_array = yield from compare_key_refs(
            "/Names", old, old_tree or empty, new_tree
        )
        added = _appended(old_array, new_array, "/EmbeddedFiles")
        for value in added[1::2]:
            if not isinstance(value, generic.IndirectObject) or (
                value.reference not in specs
            ):
                raise SuspiciousModification("an embedded file without /AF entry")


PORTAL_DIFF_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(
            ignored_keys=ROOT_EXEMPT_STRICT_COMPARISON | {"/AF", "/Names"}
        ),
        SupplementFilesRule(),
        *DEFAULT_DIFF_POLICY.global_rules[1:],
    ],
    form_rule=DEFAULT_DIFF_POLICY.form_rule,
)
