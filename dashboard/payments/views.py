"""Site managers' list of payment alerts, and marking one resolved."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from payment.models import PaymentAlert


def unresolved_first(alerts):
    """Alerts still to deal with first, newest first; then those resolved."""
    return alerts.order_by(F("resolved_at").desc(nulls_first=True), "-pk")


class PaymentAlertListView(ListView):
    template_name = "oscar/dashboard/payments/alert_list.html"
    context_object_name = "alerts"
    paginate_by = 50

    def get_queryset(self):
        return unresolved_first(
            PaymentAlert.objects.select_related("order", "resolved_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unresolved_count"] = PaymentAlert.objects.filter(
            resolved_at__isnull=True
        ).count()
        return context


class PaymentAlertResolveView(View):
    """Record who dealt with an alert, and when; once."""

    http_method_names = ["post"]

    def post(self, request, pk):
        alert = get_object_or_404(PaymentAlert, pk=pk)
        resolved = PaymentAlert.objects.filter(
            pk=alert.pk, resolved_at__isnull=True
        ).update(resolved_at=timezone.now(), resolved_by=request.user)
        if resolved:
            messages.success(request, _("Alert marked resolved."))
        else:
            messages.info(request, _("This alert was already resolved."))
        return redirect(self._next_url(request))

    @staticmethod
    def _next_url(request) -> str:
        wanted = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            wanted,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return wanted
        return "dashboard:payment-alert-list"
