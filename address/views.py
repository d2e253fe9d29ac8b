"""The wards of one province as JSON, for the address form's type-ahead.

A page never carries all 3,321 wards: the type-ahead asks for the chosen
province's (38 to 168 names, a few kilobytes). The list changes only with the
``vietnam-provinces`` package, so the answer is built once per process and
may be cached by browsers and proxies for a day.
"""

from __future__ import annotations

import json
from functools import cache

import vietnam_provinces
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from address.units import province_by_code, wards_of

DATA_VERSION = f"{vietnam_provinces.__version__}-{vietnam_provinces.__data_version__}"


@cache
def _wards_json(province_code: str) -> bytes:
    wards = [[ward.code, ward.name] for ward in wards_of(province_code)]
    return json.dumps(
        {"province": province_code, "wards": wards},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _etag(request) -> str:
    return f"{DATA_VERSION}-{request.GET.get('province', '')}"


@require_GET
@cache_control(public=True, max_age=86400)
@condition(etag_func=_etag)
def province_wards(request):
    """``{"province": "01", "wards": [["00070", "Phường Hoàn Kiếm"], …]}``."""
    province = province_by_code(request.GET.get("province", "")[:3])
    if province is None or not request.GET.get("province", "").isdigit():
        raise Http404
    return HttpResponse(
        _wards_json(province.code), content_type="application/json; charset=utf-8"
    )
