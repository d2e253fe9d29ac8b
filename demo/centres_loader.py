"""Load the ten centres, each with its Oscar partner, and one fictional maker each.

Rows are created once and then left alone: a second run never overwrites what
an editor or a centre's staff has since entered (a star level, an address).
"""

from __future__ import annotations

from oscar.core.loading import get_model

from centres.models import DesignCentre, Maker
from demo.centres_data import (
    CENTRES,
    MAKER_BIOGRAPHY,
    MAKER_BIOGRAPHY_EN,
    RECOGNITION_DATE,
    RECOGNITION_DECISION,
    CentreData,
)
from demo.tally import Tally

Partner = get_model("partner", "Partner")


def _centre_fields(data: CentreData, sort_order: int) -> dict[str, object]:
    return {
        "name": data.name,
        "name_en": data.name_en,
        "official_name": data.official_name,
        "village": data.village,
        "craft": data.craft,
        "craft_en": data.craft_en,
        "craft_code": data.craft_code,
        "historical_commune": data.historical_commune,
        "historical_district": data.historical_district,
        "historical_address_detail": data.historical_address_detail,
        "recognition_decision": RECOGNITION_DECISION,
        "recognition_date": RECOGNITION_DATE,
        "star_level": data.star_level,
        "star_level_source": data.star_level_source,
        "star_level_source_en": data.star_level_source_en,
        "description": data.description,
        "description_en": data.description_en,
        "sort_order": sort_order,
    }


def load_centres() -> tuple[list[DesignCentre], dict[str, Maker], list[Tally]]:
    """Return the centres in table order, their demo makers by centre slug, tallies."""
    partners = Tally("partners")
    centres_tally = Tally("centres")
    makers_tally = Tally("makers (fictional)")
    centres: list[DesignCentre] = []
    makers: dict[str, Maker] = {}
    for sort_order, data in enumerate(CENTRES, start=1):
        partner, created = Partner.objects.get_or_create(
            code=data.slug, defaults={"name": data.name}
        )
        partners.count(created)
        centre, created = DesignCentre.objects.get_or_create(
            slug=data.slug,
            defaults={"partner": partner, **_centre_fields(data, sort_order)},
        )
        centres_tally.count(created)
        centres.append(centre)
        maker, created = Maker.objects.get_or_create(
            centre=centre,
            name=data.maker_name,
            defaults={
                "is_fictional": True,
                "biography": MAKER_BIOGRAPHY.format(village=data.village),
                "biography_en": MAKER_BIOGRAPHY_EN.format(village=data.village),
            },
        )
        makers_tally.count(created)
        makers[data.slug] = maker
    return centres, makers, [partners, centres_tally, makers_tally]
