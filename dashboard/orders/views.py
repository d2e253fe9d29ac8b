"""Oscar's order dashboard for a shop of many centres.

Site staff (``is_staff``) see whole orders, with two money actions:

- "Mark paid": cash collected on delivery, or a VietQR transfer seen in the
  site's bank account, with its bank reference (the bank-statement webhook,
  ``payment.bank_transfers``, confirms most transfers by itself); the buyer
  gets the "payment received" e-mail. The order's payment alerts are listed.
- "Refund": a paid card order, whole or one centre's share, through Stripe.

Centre staff see the orders that hold their lines and, in them, only their
own lines, their share of the money and the delivery details they need to
send or hand over the parcel. They move their lines (confirmed, packed,
shipped with carrier and tracking number, ready for pickup, collected) and
record the cash for their share of a cash-on-delivery order (a transfer goes
to the site's account, which they never see). A cash-on-delivery order the
buyer has not confirmed from its e-mail waits until they phone the buyer and
press "Confirmed by phone" (site managers may too). Oscar's own line actions are
not offered: they would move lines without those checks and e-mails.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Q,
    Value,
    When,
)
from django.http import Http404, HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.dashboard.orders import views
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.core.loading import get_class, get_model

from centres.numbers import NOT_COUNTED_ORDER_STATUSES, lines_to_handle
from dashboard.csv_exports import InertCSVWriter
from dashboard.payments.views import unresolved_first
from order.centre_shares import (
    DELIVERY_LABELS,
    centre_shares,
    partners_of,
    with_centre_share,
)
from order.statuses import LineStatus, OrderStatus, PaymentMethod
from payment.bank_transfers import MAX_REFERENCE_LENGTH, clean_reference
from payment.models import BankTransfer
from payment.refunds import RefundError, refund_choices, refund_order

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
Parcel = get_model("order", "Parcel")
EventHandler = get_class("order.processing", "EventHandler")
LineMoveError = get_class("order.processing", "LineMoveError")
MONEY_STATUSES = get_class("order.processing", "MONEY_STATUSES")


#: What staff may move lines to; lines are cancelled only with their order.
MOVABLE_STATUSES = [
    (status, label)
    for status, label in LineStatus.LABELS.items()
    if status not in (LineStatus.NEW, LineStatus.CANCELLED)
]


def clean_text(value: str, limit: int) -> str:
    return value.replace("\x00", "").strip()[:limit]


class OrderDetailView(views.OrderDetailView):
    order_actions = views.OrderDetailView.order_actions + (
        "mark_paid",
        "refund",
        "move_lines",
        "mark_share_paid",
        "confirm_by_phone",
    )
    line_actions = ()
    CENTRE_ACTIONS = ("move_lines", "mark_share_paid", "confirm_by_phone")
    STAFF_ONLY_MESSAGE = gettext_lazy(
        "Only the site's staff change an order's status or payments."
    )

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["oscar/dashboard/orders/centre_order_detail.html"]

    def get_order_lines(self):
        lines = super().get_order_lines()
        if self.request.user.is_staff:
            return lines
        return lines.filter(partner__in=partners_of(self.request.user))

    def handle_order_action(self, request, order, action):
        if not request.user.is_staff and action not in self.CENTRE_ACTIONS:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        return super().handle_order_action(request, order, action)

    def _chosen_lines(self, request, order):
        ids = [
            value
            for value in request.POST.getlist("selected_line")
            if value.isdigit() and len(value) < 19
        ]
        if not ids:
            return None
        lines = list(self.get_order_lines().filter(pk__in=ids))
        if len(lines) != len(set(ids)):
            return None
        return lines

    def move_lines(self, request, order):
        lines = self._chosen_lines(request, order)
        if lines is None:
            return self.reload_page(error=_("Choose the lines to move."))
        status = request.POST.get("line_status", "")
        try:
            moved = EventHandler(request.user).move_lines(
                order,
                lines,
                status,
                carrier=clean_text(request.POST.get("carrier", ""), 100),
                tracking_number=clean_text(
                    request.POST.get("tracking_number", ""), 100
                ),
            )
        except LineMoveError as error:
            return self.reload_page(error=str(error))
        if not moved:
            return self.reload_page(error=_("Those lines already had that status."))
        from order.emails import LINE_STATUS_EMAILS, send_lines_moved

        moved_pks = [line.pk for line in moved]
        transaction.on_commit(lambda: send_lines_moved(order.pk, moved_pks, status))
        if status in LINE_STATUS_EMAILS:
            message = _(
                "%(count)d line(s) now “%(status)s”; the buyer is told by e-mail."
            )
        else:
            message = _("%(count)d line(s) now “%(status)s”.")
        messages.success(
            request,
            message % {"count": len(moved), "status": LineStatus.LABELS[status]},
        )
        return self.reload_page()

    def confirm_by_phone(self, request, order):
        """The buyer of a cash-on-delivery order confirmed it on the phone.

        Centre staff reach only orders holding their lines (Oscar's order
        lookup answers 404 for any other); site managers any order.
        """
        if order.payment_method != PaymentMethod.CASH_ON_DELIVERY:
            return self.reload_page(
                error=_("Only cash-on-delivery orders wait for a confirmation.")
            )
        outcome = EventHandler(request.user).confirm_cash_on_delivery(
            order, by=f"by phone, recorded by {request.user.email}"
        )
        if outcome == "already":
            return self.reload_page(error=_("This order was already confirmed."))
        if outcome == "closed":
            return self.reload_page(
                error=_(
                    "This order can no longer be confirmed: it was cancelled, or "
                    "its time to confirm has passed."
                )
            )
        messages.success(
            request, _("Order confirmed by phone: its lines can now be sent.")
        )
        return self.reload_page()

    def mark_share_paid(self, request, order):
        partners = self._acting_partners(request)
        partner_id = request.POST.get("partner", "")
        partner = next((p for p in partners if str(p.pk) == partner_id), None)
        if not partner_id and len(partners) == 1 and not request.user.is_staff:
            partner = partners[0]
        if partner is None:
            return self.reload_page(error=_("Choose whose payment to record."))
        reference = clean_text(request.POST.get("reference", ""), 128)
        try:
            outcome = EventHandler(request.user).mark_share_paid(
                order,
                partner,
                reference=reference or f"staff:{request.user.email}",
                note=f"{partner.name}: payment received, recorded by "
                f"{request.user.email}.",
            )
        except LineMoveError as error:
            return self.reload_page(error=str(error))
        if outcome == "already":
            return self.reload_page(error=_("This payment was already recorded."))
        if outcome == "order":
            from order.emails import send_payment_received

            transaction.on_commit(lambda: send_payment_received(order.pk))
            messages.success(
                request,
                _("Payment recorded. The whole order is now paid; the buyer is told."),
            )
        else:
            messages.success(request, _("Payment for your lines recorded."))
        return self.reload_page()

    def _acting_partners(self, request) -> list:
        """Partners whose share this user may act on in this order."""
        in_order = Partner.objects.filter(order_lines__order=self.object).distinct()
        if not request.user.is_staff:
            in_order = in_order.filter(users=request.user)
        return list(in_order)

    def change_order_status(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        new_status = request.POST.get("new_status", "")
        if new_status in MONEY_STATUSES:
            return self.reload_page(
                error=_(
                    "Paid and refunded follow the payments: use “mark paid” or "
                    "“refund” below."
                )
            )
        return super().change_order_status(request, order)

    def create_order_payment_event(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        return super().create_order_payment_event(request, order)

    def create_payment_event(self, request, order, lines, quantities):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        return super().create_payment_event(request, order, lines, quantities)

    def get_context_data(self, **kwargs):
        if not self.request.user.is_staff:
            return self.centre_context(**kwargs)
        context = super().get_context_data(**kwargs)
        order = self.object
        context["shares"] = centre_shares(order)
        context["order_parcels"] = [share.group for share in context["shares"]]
        context["line_status_choices"] = MOVABLE_STATUSES
        context["refunds"] = order.refunds.select_related("partner__centre")
        if self.request.user.is_staff:
            context["refund_choices"] = refund_choices(order)
            context["can_mark_paid"] = (
                order.payment_method
                in (PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.VIETQR)
                and not order.is_paid
                and order.status != OrderStatus.CANCELLED
            )
            context["payment_alerts"] = unresolved_first(
                order.payment_alerts.select_related("order", "resolved_by")
            )
        return context

    def centre_context(self, **kwargs):
        """Only what a centre needs: its lines, its share, where the parcel goes."""
        context = {"order": self.object, "view": self}
        context.update(kwargs)
        context["shares"] = centre_shares(
            self.object, partners=partners_of(self.request.user)
        )
        context["line_status_choices"] = MOVABLE_STATUSES
        return context

    def mark_paid(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=_("Only the site's staff record payments."))
        if order.payment_method not in (
            PaymentMethod.CASH_ON_DELIVERY,
            PaymentMethod.VIETQR,
        ):
            return self.reload_page(error=_("Card payments are recorded by Stripe."))
        if order.status == OrderStatus.CANCELLED:
            return self.reload_page(error=_("This order was cancelled."))
        if order.payment_method == PaymentMethod.VIETQR:
            reference, error = self._bank_reference(request, order)
            if error:
                return self.reload_page(error=error)
        else:
            reference = clean_text(request.POST.get("reference", ""), 128)
        recorded = EventHandler(request.user).mark_paid(
            order,
            reference=reference or f"staff:{request.user.email}",
            note=f"Payment received, recorded by {request.user.email}.",
        )
        if not recorded:
            return self.reload_page(error=_("This order was already paid."))
        from order.emails import send_payment_received

        transaction.on_commit(lambda: send_payment_received(order.pk))
        messages.success(request, _("Payment recorded; the buyer is told by e-mail."))
        return self.reload_page()

    @staticmethod
    def _bank_reference(request, order) -> tuple[str, str]:
        """The transfer's reference from the bank statement, and an error if it
        is missing, too long, or already paid another order."""
        reference = clean_reference(request.POST.get("reference", ""))
        if not reference:
            return "", _(
                "Give the transfer's reference from the bank statement: it is "
                "recorded with the payment."
            )
        if len(reference) > MAX_REFERENCE_LENGTH:
            return "", _("A bank reference has at most %(limit)d characters.") % {
                "limit": MAX_REFERENCE_LENGTH
            }
        paid_other = (
            BankTransfer.objects.filter(
                reference=reference, outcome=BankTransfer.Outcome.PAID
            )
            .exclude(order=order)
            .select_related("order")
            .first()
        )
        if paid_other is not None:
            return "", _(
                "The transfer %(reference)s already paid order %(number)s."
            ) % {
                "reference": reference,
                "number": paid_other.order.number if paid_other.order else "–",
            }
        return reference, ""

    def refund(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=_("Only the site's staff make refunds."))
        scope = request.POST.get("refund_scope", "")
        partner = None
        if scope != "all":
            partner = (
                Partner.objects.filter(pk=scope).first() if scope.isdigit() else None
            )
            if partner is None or not order.lines.filter(partner=partner).exists():
                return self.reload_page(error=_("Choose what to refund."))
        try:
            refund = refund_order(order, partner=partner, user=request.user)
        except RefundError as error:
            return self.reload_page(error=str(error))
        messages.success(
            request,
            _("Refunded %(amount)s đồng through Stripe (%(reference)s).")
            % {"amount": f"{refund.amount:,.0f}", "reference": refund.stripe_refund_id},
        )
        return self.reload_page()


class OrderListView(views.OrderListView):
    """Oscar's order list; centre staff see, for each order, only their share,
    the orders with lines still to handle (new, confirmed, packed, ready) first.

    Their share (items and delivery) is computed in the database, so the list
    costs the same queries for any number of orders. Their CSV export has the
    same columns as their page: nothing of another centre's lines.
    """

    CENTRE_CSV_COLUMNS = {
        "number": gettext_lazy("Order number"),
        "date": gettext_lazy("Date of purchase"),
        "num_items": gettext_lazy("Number of items"),
        "value": gettext_lazy("Your share"),
        "line_statuses": gettext_lazy("Line status"),
        "delivery": gettext_lazy("Delivery"),
        "payment": gettext_lazy("Payment"),
        "shipping_address_name": gettext_lazy("Deliver to name"),
    }

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["oscar/dashboard/orders/centre_order_list.html"]

    def get(self, request, *args, **kwargs):
        """Oscar looks up ``order_number`` unchecked to jump to that order; a
        number with a NUL byte was a database error. The search form's own
        check then says what is wrong with it."""
        if "\x00" in request.GET.get("order_number", ""):
            return super(views.OrderListView, self).get(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_staff:
            return queryset
        partners = partners_of(self.request.user)
        own_lines = Line.objects.filter(order=OuterRef("pk"), partner__in=partners)
        queryset = queryset.filter(self.own_line_search(own_lines))
        queryset = queryset.annotate(
            centre_to_handle=Case(
                When(
                    Q(Exists(own_lines.filter(lines_to_handle())))
                    & ~Q(status__in=NOT_COUNTED_ORDER_STATUSES),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        if "sort" not in self.request.GET:
            queryset = queryset.order_by("-centre_to_handle", "-date_placed", "-pk")
        return with_centre_share(queryset, partners)

    def own_line_search(self, own_lines) -> Q:
        """Oscar matches a product search against any line of an order; a
        centre's search must match one of its own lines, or it would tell
        what another centre sold in a shared order."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        searched = {
            "title__istartswith": data.get("product_title"),
            "upc": data.get("upc"),
            "partner_sku": data.get("partner_sku"),
        }
        searched = {field: value for field, value in searched.items() if value}
        return Exists(own_lines.filter(**searched)) if searched else Q()

    def download_selected_orders(self, request, orders):
        """Oscar's export, written with the inert CSV writer (a buyer's name
        such as ``=HYPERLINK(...)`` must not run in the spreadsheet)."""
        if not request.user.is_staff:
            self.CSV_COLUMNS = self.CENTRE_CSV_COLUMNS
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = (
            f"attachment; filename={self.get_download_filename(request)}"
        )
        writer = InertCSVWriter(open_file=response)
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            row_values = self.get_row_values(order)
            writer.writerow([row_values.get(column, "") for column in self.CSV_COLUMNS])
        return response

    def get_row_values(self, order):
        if self.request.user.is_staff:
            return super().get_row_values(order)
        statuses = sorted(
            {
                str(LineStatus.LABELS.get(line.status, line.status))
                for line in order.centre_lines
            }
        )
        return {
            "number": order.number,
            "date": date_format(order.date_placed, "DATETIME_FORMAT"),
            "num_items": order.centre_quantity,
            "value": order.centre_share,
            "line_statuses": ", ".join(statuses),
            "delivery": DELIVERY_LABELS.get(order.centre_delivery, ""),
            "payment": order.get_payment_method_display(),
            "shipping_address_name": order.shipping_address.name
            if order.shipping_address
            else "",
        }

    def change_order_status(self, request, order):
        """The bulk status change: site staff only, and a refused change is a
        message, not an error page."""
        if not request.user.is_staff:
            messages.error(request, OrderDetailView.STAFF_ONLY_MESSAGE)
            return None
        try:
            return super().change_order_status(request, order)
        except InvalidOrderStatus as error:
            messages.error(
                request,
                _("Order %(number)s: %(reason)s")
                % {"number": order.number, "reason": error},
            )
            return None


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        user = self.request.user
        if not user.is_staff and not line.partner.users.filter(pk=user.pk).exists():
            raise Http404
        return line
