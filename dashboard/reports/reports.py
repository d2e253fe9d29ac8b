"""Every report's CSV formatter (orders, products, users, baskets, offers,
vouchers, an offer's discounts) derives from this one."""

from __future__ import annotations

from oscar.apps.dashboard.reports import reports

from dashboard.csv_exports import InertCSVWriter


class ReportCSVFormatter(reports.ReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return InertCSVWriter(open_file=file_handle, **kwargs)
