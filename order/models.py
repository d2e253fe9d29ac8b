"""Oscar's orders, forked for a marketplace of centres that each pack their own parcel.

An order remembers the buyer's language (its e-mails are written in it) and how
the buyer chose to pay. Its lines keep Oscar's shape; ``Parcel`` adds what Oscar
has no place for: one delivery per centre, with its own method and charge.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from address.abstract_models import AdministrativeUnitCodes
from address.places import country_label
from order.statuses import OrderStatus, PaymentMethod


class DeliveryKind(models.TextChoices):
    DOMESTIC = "domestic", _("Delivery in Vietnam")
    INTERNATIONAL = "international", _("International delivery")
    PICKUP = "pickup", _("Pick up at the centre")


class Order(AbstractOrder):
    language = models.CharField(_("buyer's language"), max_length=8, default="vi")
    payment_method = models.CharField(
        _("payment method"), max_length=16, choices=PaymentMethod.choices, blank=True
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_deadline = models.DateTimeField(
        _("pay or confirm by"),
        null=True,
        blank=True,
        help_text=_(
            "An order still unpaid (or, for cash on delivery, unconfirmed) at this "
            "time is cancelled and its stock put back on sale."
        ),
    )
    confirmed_at = models.DateTimeField(
        _("cash on delivery confirmed at"), null=True, blank=True
    )
    placed_from = models.GenericIPAddressField(
        _("placed from address"), null=True, blank=True
    )
    session_key = models.CharField(_("placed in session"), max_length=64, blank=True)

    @property
    def status_label(self) -> str:
        return OrderStatus.label_of(self.status)

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def is_awaiting_card_payment(self) -> bool:
        return self.status == OrderStatus.AWAITING_CARD

    @property
    def deadline_has_passed(self) -> bool:
        return self.payment_deadline is not None and (
            self.payment_deadline <= timezone.now()
        )


class Line(AbstractLine):
    @property
    def description(self) -> str:
        """Oscar's description, without the made-to-measure sizes: those belong to no
        product option and are shown apart, with their labels."""
        options = []
        for attribute in self.attributes.all():
            if attribute.option_id is None:
                continue
            value = attribute.value
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            options.append(f"{attribute.option.name} = '{value}'")
        if options:
            return f"{self.title} ({', '.join(options)})"
        return self.title


class ShippingAddress(AdministrativeUnitCodes, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        app_label = "order"

    def active_address_fields(self):
        """Oscar's address lines, with the country named in the reader's language."""
        values = super().active_address_fields()
        if self.country_id and values and values[-1] == self.country.printable_name:
            values[-1] = country_label(self.country)
        return values


class Parcel(models.Model):
    """One centre's share of an order: its lines travel (or wait) together.

    Each centre packs and sends its own parcel, so delivery is chosen and
    charged per centre. For a pickup the collection place and hours are copied
    from the centre when the order is placed, so the order keeps saying where
    to collect even if the centre's details change later.
    """

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="parcels"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="parcels"
    )
    kind = models.CharField(_("delivery"), max_length=16, choices=DeliveryKind.choices)
    rate_code = models.CharField(
        _("rate table"),
        max_length=128,
        blank=True,
        help_text=_("Code of the weight-based shipping method that priced it."),
    )
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    charge = models.DecimalField(
        _("shipping charge"), max_digits=12, decimal_places=2, default=0
    )
    items_total = models.DecimalField(
        _("centre's items"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("Its lines' prices; nothing once they are cancelled."),
    )
    share_total = models.DecimalField(
        _("centre's share"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_(
            "What the buyer owes this centre: its items and its delivery charge; "
            "nothing once its lines are cancelled."
        ),
    )
    pickup_place = models.TextField(_("where to collect"), blank=True)
    pickup_hours = models.TextField(_("when the centre is open"), blank=True)
    ready_from = models.DateField(_("ready to collect from"), null=True, blank=True)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    paid_at = models.DateTimeField(
        _("centre's share paid at"),
        null=True,
        blank=True,
        help_text=_("Cash or transfer for this centre's lines, recorded by staff."),
    )
    payment_reference = models.CharField(
        _("payment reference"), max_length=128, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="one_parcel_per_centre_per_order"
            )
        ]
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")

    def __str__(self) -> str:
        return f"{self.order.number} · {self.partner.name}"

    @property
    def is_pickup(self) -> bool:
        return self.kind == DeliveryKind.PICKUP

    def set_share(self, live_line_prices) -> None:
        """Store what the buyer owes this centre, from its lines still live.

        The one rule for a centre's share, read everywhere else (order lists,
        order pages, exports, numbers, payments, refunds): its lines' prices
        plus its delivery charge. A cancelled line counts nothing, and a parcel
        whose lines are all cancelled owes no delivery either: nothing is sent.
        Refunds do not change it: they are recorded beside it.
        """
        prices = list(live_line_prices)
        self.items_total = sum(prices, Decimal(0))
        self.share_total = self.items_total + self.charge if prices else Decimal(0)

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None or self.order.paid_at is not None


def store_shares(order) -> None:
    """Recompute and store every parcel's share of ``order`` (see ``Parcel.set_share``);
    run when the order is placed and whenever its lines are cancelled."""
    from order.statuses import LineStatus

    prices: dict[int, list] = {}
    for partner_id, price in (
        order.lines.exclude(status=LineStatus.CANCELLED)
        .values_list("partner_id", "line_price_incl_tax")
        .order_by()
    ):
        prices.setdefault(partner_id, []).append(price)
    parcels = list(Parcel.objects.filter(order=order))
    for parcel in parcels:
        parcel.set_share(prices.get(parcel.partner_id, []))
    Parcel.objects.bulk_update(parcels, ["items_total", "share_total"])


from oscar.apps.order.models import *  # noqa: E402,F403
