"""What a refused product save says at the top of the form: every field in error.

Oscar's product form spreads its fields over sections (details, stock and
pricing, photos, categories, upselling); a refused save marked only the
sections, with small icons, so on a phone nobody saw why. The summary names
each field (with its section when it is not a detail) and its message, and
links to the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy, pgettext

FORMSET_SECTIONS = {
    "stockrecord_formset": gettext_lazy("Stock and pricing"),
    "image_formset": gettext_lazy("Photos"),
    "category_formset": gettext_lazy("Categories"),
    "recommended_formset": gettext_lazy("Upselling"),
}
"""The product form's formsets (Oscar's context names), by the section they fill."""


@dataclass(frozen=True)
class FieldError:
    """One message of a refused save; ``field_id`` is "" for the whole form."""

    label: str
    message: str
    field_id: str = ""


def _form_errors(form, section: str = "") -> list[FieldError]:
    found = []
    for message in form.non_field_errors():
        found.append(FieldError(section, message))
    for name, messages in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        label = str(bound.label or name)
        if section:
            label = pgettext("section: field", "%(section)s: %(field)s") % {
                "section": section,
                "field": label,
            }
        for message in messages:
            found.append(FieldError(label, message, bound.id_for_label or ""))
    return found


def error_summary(form, formsets: dict) -> list[FieldError]:
    """Every error of ``form`` and of the bound ``formsets``, in page order."""
    if form is None or not form.is_bound:
        return []
    found = _form_errors(form)
    for name, section in FORMSET_SECTIONS.items():
        formset = formsets.get(name)
        if formset is None or not formset.is_bound:
            continue
        for message in formset.non_form_errors():
            found.append(FieldError(str(section), message))
        numbered = len(formset.forms) > 1
        for position, member in enumerate(formset.forms, start=1):
            if not member.errors:
                continue
            label = str(section)
            if numbered:
                label = gettext("%(section)s %(position)d") % {
                    "section": label,
                    "position": position,
                }
            found.extend(_form_errors(member, label))
    return found
