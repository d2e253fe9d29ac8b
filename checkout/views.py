"""Oscar's checkout steps, customised: delivery per centre, a choice of ways to pay.

Steps: e-mail (guest or account) → address → delivery for each centre's parcel
(with measurements for made-to-measure items) → way to pay → preview → order.
A card order is placed (its stock held) before the buyer goes to Stripe's page,
and becomes paid when Stripe's webhook says so; cash on delivery and VietQR
orders are confirmed at once and paid later, as staff record.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django import forms, http
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from oscar.apps.checkout import views
from oscar.apps.payment.exceptions import PaymentError
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from checkout import limits, order_links
from checkout.gateway import GatewayForm
from checkout.mixins import OrderAlreadyPlaced
from checkout.session import available_payment_methods
from checkout.step_forms import DeliveryChoiceForm, MeasurementsForm, PaymentMethodForm
from order.presentation import order_presentation
from order.statuses import OrderStatus, PaymentMethod
from payment import cards
from payment.vietqr import order_transfer
from shipping.methods import PerCentreDelivery

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")
CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")


class IndexView(views.IndexView):
    form_class = GatewayForm

    def get_form_kwargs(self):
        """The sign-in form gets the request, so sign-in limits apply here too."""
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs


class ShippingAddressView(views.ShippingAddressView):
    """Oscar's address step; a chosen address must be one of the buyer's own.

    Oscar looks up the posted ``address_id`` without checking it, so another
    buyer's address, an empty or a non-numeric id was a server error.
    """

    def post(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and "address_id" in request.POST):
            return super().post(request, *args, **kwargs)
        address = self.chosen_address(request.POST)
        if address is None or request.POST.get("action") != "ship_to":
            messages.error(
                request, _("Choose one of your saved addresses, or give a new one.")
            )
            return redirect("checkout:shipping-address")
        self.checkout_session.ship_to_user_address(address)
        return redirect(self.get_success_url())

    def chosen_address(self, data):
        """The buyer's own address the form names, if it may be delivered to."""
        field = forms.ModelChoiceField(queryset=self.get_available_addresses())
        try:
            return field.clean(data.get("address_id"))
        except ValidationError:
            return None


class ShippingMethodView(CheckoutSessionMixin, generic.TemplateView):
    """Delivery for each centre's parcel, and measurements for made-to-measure items."""

    template_name = "oscar/checkout/shipping_methods.html"
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
    ]

    def get(self, request, *args, **kwargs):
        if not self.checkout_session.is_shipping_address_set():
            messages.error(request, _("Please give a delivery address first."))
            return redirect("checkout:shipping-address")
        return self.render_step(*self.build_forms())

    def post(self, request, *args, **kwargs):
        if not self.checkout_session.is_shipping_address_set():
            return redirect("checkout:shipping-address")
        delivery_form, measurement_forms, parcels = self.build_forms(request.POST)
        if delivery_form.is_valid() and all(f.is_valid() for f in measurement_forms):
            self.checkout_session.set_parcel_choices(delivery_form.choices())
            self.checkout_session.set_measurements(
                {
                    str(form.line.pk): {k: v for k, v in form.cleaned_data.items() if v}
                    for form in measurement_forms
                }
            )
            self.checkout_session.use_shipping_method(PerCentreDelivery.code)
            return redirect("checkout:payment-method")
        return self.render_step(delivery_form, measurement_forms, parcels)

    def build_forms(self, data=None):
        parcels = self.get_parcels()
        basket_currency = self.request.basket.currency
        delivery_form = DeliveryChoiceForm(
            data,
            parcels=parcels,
            format_money=lambda amount: currency(amount, basket_currency),
        )
        saved = self.checkout_session.measurements()
        measurement_forms = [
            MeasurementsForm(data, line=line, initial=saved.get(str(line.pk)))
            for parcel in parcels
            for line in parcel.made_to_measure_lines
        ]
        return delivery_form, measurement_forms, parcels

    def render_step(self, delivery_form, measurement_forms, parcels):
        by_line = {form.line.pk: form for form in measurement_forms}
        groups = [
            {
                "parcel": parcel,
                "field": delivery_form.bound_field_for(parcel),
                "measurement_forms": [
                    by_line[line.pk] for line in parcel.made_to_measure_lines
                ],
            }
            for parcel in parcels
        ]
        context = self.get_context_data(
            delivery_form=delivery_form, groups=groups, parcels=parcels
        )
        return self.render_to_response(context)


class PaymentMethodView(CheckoutSessionMixin, generic.FormView):
    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["methods"] = available_payment_methods(self.get_parcels())
        kwargs["initial"] = {"method": self.checkout_session.payment_method()}
        return kwargs

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentDetailsView(views.PaymentDetailsView):
    """The preview and the placing of the order; no card form on our pages."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def handle_payment_details_submission(self, request):
        return redirect("checkout:preview")

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        """Place the order, then send a card buyer to Stripe's payment page."""
        placement = {
            "order_number": order_number,
            "user": user,
            "basket": basket,
            "shipping_address": shipping_address,
            "shipping_method": shipping_method,
            "shipping_charge": shipping_charge,
            "billing_address": billing_address,
            "order_total": order_total,
            "surcharges": surcharges,
            **kwargs,
        }
        try:
            if self.checkout_session.payment_method() != PaymentMethod.CARD:
                return super().handle_order_placement(**placement)
            order = self.place_order(**placement)
        except OrderAlreadyPlaced as placed:
            return self.show_placed_order(placed.order)
        except limits.PlacementRefused as refused:
            # A limit said no: the buyer reads why; no error for the logs.
            logger.info("Order #%s refused: %s", order_number, refused)
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=str(refused))
        try:
            session = cards.start_checkout(
                order,
                success_url=self.absolute(thank_you_url(order)),
                cancel_url=self.absolute(card_cancelled_url(order)),
            )
        except PaymentError:
            logger.exception("Order #%s: could not open a Stripe session", order.number)
            EventHandler().cancel_unpaid(
                order, reason="Stripe could not be reached: order cancelled."
            )
            self.restore_frozen_basket()
            return self.render_preview(
                self.request,
                error=_(
                    "Card payments cannot be taken right now. Nothing was charged "
                    "and your basket is as it was: try again in a moment or choose "
                    "another way to pay."
                ),
            )
        basket.submit()
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.pk
        return http.HttpResponseRedirect(session.url)

    def show_placed_order(self, order):
        """A second "place order" for the same basket shows the first one's result."""
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.pk
        return redirect(thank_you_url(order))

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


def thank_you_url(order) -> str:
    query = urlencode({"order": order.number, "key": order.verification_hash()})
    return f"{reverse('checkout:thank-you')}?{query}"


def card_cancelled_url(order) -> str:
    query = urlencode({"order": order.number, "key": order.verification_hash()})
    return f"{reverse('checkout:card-cancelled')}?{query}"


ORDER_NUMBER = re.compile(r"^\d{1,20}(?:-\d{1,4})?$")


def order_from_link(request):
    """The order an ``order``/``key`` link names, when the key matches it."""
    number, key = request.GET.get("order", ""), request.GET.get("key", "")
    if not key or not ORDER_NUMBER.match(number):
        return None
    order = Order.objects.filter(number=number).first()
    if order is not None and order.check_verification_hash(key):
        return order
    return None


def open_payment_page(session) -> str:
    """Stripe's page for ``session`` while it can still be paid there, else ""."""
    closes = session.created + timedelta(minutes=settings.STRIPE_CHECKOUT_MINUTES)
    if session.status == "open" and session.url and timezone.now() < closes:
        return session.url
    return ""


class ThankYouView(views.ThankYouView):
    """The confirmation; for a card order, "payment being confirmed" until Stripe
    says it is paid (the page reloads itself meanwhile).

    It shows the buyer's name, address and phone, so only to whoever may see
    them (``checkout.order_links``); anyone else with the link is asked for the
    order's e-mail address first.
    """

    email_template_name = "oscar/checkout/order_link_email.html"

    def get_object(self, queryset=None):
        return order_from_link(self.request) or super().get_object(queryset)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return redirect(settings.OSCAR_HOMEPAGE)
        if not order_links.may_see_in_full(request, self.object):
            return self.ask_for_email(order_links.OrderEmailForm())
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        """The e-mail address asked for: right, the page; wrong, a message only."""
        order = self.object = self.get_object()
        if order is None:
            return redirect(settings.OSCAR_HOMEPAGE)
        if order_links.may_see_in_full(request, order):
            return redirect(request.get_full_path())
        form = order_links.OrderEmailForm(request.POST)
        if not form.is_valid():
            return self.ask_for_email(form)
        minutes = order_links.minutes_locked(order, request)
        if minutes:
            form.add_error(
                None,
                ngettext(
                    "Too many wrong tries: try again in %(minutes)d minute.",
                    "Too many wrong tries: try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return self.ask_for_email(form, status=429)
        if not order_links.email_matches(order, form.cleaned_data["email"]):
            order_links.record_wrong_guess(order, request)
            form.add_error(
                "email", _("This is not the e-mail address given for this order.")
            )
            return self.ask_for_email(form)
        order_links.remember_email_confirmed(request, order)
        return redirect(request.get_full_path())

    def ask_for_email(self, form, status: int = 200):
        context = {"order_number": self.object.number, "form": form}
        return render(
            request=self.request,
            template_name=self.email_template_name,
            context=context,
            status=status,
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(order_presentation(context["order"]))
        context["transfer"] = order_transfer(context["order"])
        context["confirming_card_payment"] = (
            context["order"].status == OrderStatus.AWAITING_CARD
        )
        return context


class CardPaymentCancelledView(generic.TemplateView):
    """Stripe's "back" link. Its page changes nothing: it offers the way back to
    Stripe's page while the session can still be paid, and a button to cancel the
    payment; that POST closes the session, cancels the order, frees its stock
    and puts the items back in the basket."""

    template_name = "oscar/checkout/card_cancelled.html"

    def dispatch(self, request, *args, **kwargs):
        self.order = order_from_link(request)
        if self.order is None:
            raise http.Http404
        self.session = self.order.stripe_sessions.last()
        if self.order.status != OrderStatus.AWAITING_CARD or self.session is None:
            return redirect(thank_you_url(self.order))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.order
        context["payment_page_url"] = open_payment_page(self.session)
        return context

    def post(self, request, *args, **kwargs):
        order = self.order
        try:
            expired = cards.expire_checkout(self.session)
        except PaymentError:
            expired = False
        if not expired:
            messages.info(
                request, _("Your card payment is still being confirmed by the bank.")
            )
            return redirect(thank_you_url(order))
        EventHandler().cancel_unpaid(
            order, reason="The buyer left Stripe's payment page: stock released."
        )
        self.refill_basket(request, order)
        messages.info(
            request,
            _(
                "Card payment cancelled; nothing was charged. Your items are back "
                "in your basket."
            ),
        )
        return redirect("basket:summary")

    def refill_basket(self, request, order) -> None:
        basket = request.basket
        if basket.id is None:
            basket.save()
        for line in order.lines.select_related("product", "stockrecord"):
            if line.product is None or line.stockrecord is None:
                continue
            if not basket.lines.filter(stockrecord=line.stockrecord).exists():
                basket.add_product(line.product, line.quantity)
