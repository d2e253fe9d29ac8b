"""The codes of a Vietnamese address's two units, beside the names in its lines.

An address in Vietnam names its province or city in ``state`` and its ward or
commune in ``line3``, in full and in Vietnamese (what the order, its e-mails
and the centre console print). The official codes (``address.units``) say
which units those are, whatever the spelling: delivery rules read them.
Addresses saved before the codes existed, and addresses abroad, have none.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeUnitCodes(models.Model):
    province_code = models.CharField(
        _("province code"),
        max_length=2,
        blank=True,
        help_text=_("Official code of the province or city (since July 2025)."),
    )
    ward_code = models.CharField(
        _("ward or commune code"),
        max_length=5,
        blank=True,
        help_text=_("Official code of the ward or commune (since July 2025)."),
    )

    class Meta:
        abstract = True
