"""Hand-written demo products, one module per centre, keyed by the centre's slug.

Plausible pieces of each village's craft, described in a sentence or two in
our own words, with demo prices in whole đồng. They claim no awards; the few
OCOP ratings are demo data whose certificate numbers start with "DEMO-".
"""

from __future__ import annotations

from demo.catalogue_data import Item
from demo.items import (
    bat_trang,
    chuyen_my,
    ha_thai,
    kim_lan,
    phu_vinh,
    son_dong,
    thiet_ung,
    trach_xa,
    tranh_khuc,
    van_phuc,
)

ITEMS_BY_CENTRE: dict[str, list[Item]] = {
    "bat-trang": bat_trang.ITEMS,
    "ha-thai": ha_thai.ITEMS,
    "chuyen-my": chuyen_my.ITEMS,
    "phu-vinh": phu_vinh.ITEMS,
    "tranh-khuc": tranh_khuc.ITEMS,
    "son-dong": son_dong.ITEMS,
    "thiet-ung": thiet_ung.ITEMS,
    "trach-xa": trach_xa.ITEMS,
    "van-phuc": van_phuc.ITEMS,
    "kim-lan": kim_lan.ITEMS,
}
