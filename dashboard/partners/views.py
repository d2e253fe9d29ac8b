"""Deleting a partner that still sells something says why it cannot be done.

A centre's partner is protected by its stock records and by the lines of the
orders it sold (``on_delete=PROTECT``): Oscar's view let Django's
``ProtectedError`` through as a server error. The partner is kept and the site
manager is told what to remove first.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext
from oscar.apps.dashboard.partners import views


class PartnerDeleteView(views.PartnerDeleteView):
    def form_valid(self, form):
        # Oscar's success message is written by get_success_url: only after it worked.
        try:
            self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                gettext(
                    "“%(name)s” still has products in stock or orders, so it "
                    "cannot be deleted. Remove its stock records first; a partner "
                    "with orders is kept for the records."
                )
                % {"name": self.object.name},
            )
            return redirect("dashboard:partner-manage", pk=self.object.pk)
        return redirect(self.get_success_url())
