"""Oscar's dashboard home, for site managers only.

Oscar shows partner users statistics of whole orders, other centres' lines
included; centre staff are sent to their own centre's numbers instead.
"""

from __future__ import annotations

from django.shortcuts import redirect
from oscar.apps.dashboard import views


class IndexView(views.IndexView):
    def get(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return redirect("dashboard:centre-numbers")
        return super().get(request, *args, **kwargs)
