"""Oscar's checkout session mixin, knowing about parcels and ways to pay."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions, session

from basket.on_sale import lines_not_on_sale, remove_to_go_on
from order.models import DeliveryKind
from order.statuses import OrderStatus, PaymentMethod
from payment.cards import cards_enabled
from shipping.parcels import parcels_for_request
from sitewide.language import current_language


def vietqr_enabled() -> bool:
    return bool(settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER)


def available_payment_methods(parcels) -> list[str]:
    """Cards and transfers for every order; cash only where no parcel goes abroad."""
    methods = []
    if cards_enabled():
        methods.append(PaymentMethod.CARD)
    if vietqr_enabled():
        methods.append(PaymentMethod.VIETQR)
    if all(
        parcel.chosen and parcel.chosen.kind != DeliveryKind.INTERNATIONAL
        for parcel in parcels
    ):
        methods.append(PaymentMethod.CASH_ON_DELIVERY)
    return methods


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def get_parcels(self):
        """The basket's parcels for the session's address and choices, shared with
        the shipping repository: built once per request (``parcels_for_request``)."""
        basket = self.request.basket
        return parcels_for_request(
            self.request,
            basket,
            self.get_shipping_address(basket),
            self.checkout_session.parcel_choices(),
        )

    def check_basket_is_valid(self, request):
        """Oscar's check (nothing sold out since it was added), after this shop's:
        nothing taken off sale since; each such line is named, with what to do."""
        off_sale = lines_not_on_sale(request.basket)
        if off_sale:
            raise exceptions.FailedPreCondition(
                url=reverse("basket:summary"),
                messages=[remove_to_go_on(line) for line in off_sale],
            )
        super().check_basket_is_valid(request)

    def check_payment_data_is_captured(self, request):
        method = self.checkout_session.payment_method()
        parcels = self.get_parcels()
        if method not in available_payment_methods(parcels):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Choose a way to pay."),
            )

    def check_a_valid_shipping_method_is_captured(self):
        super().check_a_valid_shipping_method_is_captured()
        needed = {
            str(line.pk)
            for parcel in self.get_parcels()
            for line in parcel.made_to_measure_lines
        }
        if not needed <= set(self.checkout_session.measurements()):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:shipping-method"),
                message=_("Give your measurements for the made-to-measure items."),
            )

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        method = self.checkout_session.payment_method()
        if method:
            submission["order_kwargs"].update(
                payment_method=method,
                language=current_language(),
                status=OrderStatus.initial_for(method),
            )
        return submission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        basket = self.request.basket
        if "parcels" not in context and self.checkout_session.is_shipping_address_set():
            if not basket.is_empty:
                context["parcels"] = self.get_parcels()
        context["payment_method_label"] = dict(PaymentMethod.choices).get(
            self.checkout_session.payment_method(), ""
        )
        return context
