"""The voucher-set download, written with the dashboard's inert CSV writer."""

from __future__ import annotations

from django.http import HttpResponse
from oscar.apps.dashboard.vouchers import views
from oscar.core.utils import slugify

from dashboard.csv_exports import InertCSVWriter


class VoucherSetDownloadView(views.VoucherSetDownloadView):
    def get(self, request, *args, **kwargs):
        voucher_set = self.get_object()
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(voucher_set.name)}.csv"'
        )
        writer = InertCSVWriter(open_file=response)
        for code in voucher_set.vouchers.values_list("code", flat=True):
            writer.writerow([code])
        return response
