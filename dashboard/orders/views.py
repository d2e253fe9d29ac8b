"""Oscar's order dashboard for a shop of many centres, one view per role.

Each URL is served by the view of the user's role (``ByRole``): the site's
staff (``is_staff``) get the manager's view, everyone else (centre staff,
let in by Oscar's permissions) the centre's.

Site staff see whole orders, with two money actions:

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

Who may record or refund which payment is decided once, in
``order.processing`` (``check_payment``, ``check_refund``).
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
from django.views.generic import View
from oscar.apps.dashboard.orders import views
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.core.loading import get_class, get_model

from dashboard.centre_numbers.numbers import NOT_COUNTED_ORDER_STATUSES, lines_to_handle
from dashboard.csv_exports import InertCSVWriter
from dashboard.payments.views import unresolved_first
from order.centre_shares import (
    DELIVERY_LABELS,
    CentreShare,
    with_centre_share,
)
from order.emails import LINE_STATUS_EMAILS, send_lines_moved, send_payment_received
from order.processing import (
    MONEY_STATUSES,
    LineMoveError,
    PaymentRefused,
    Recorder,
    check_payment,
    may_record_payment,
)
from order.statuses import LineStatus, PaymentMethod
from payment.bank_transfers import MAX_REFERENCE_LENGTH, clean_reference
from payment.models import BankTransfer
from payment.refunds import refund_choices, refund_order

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
EventHandler = get_class("order.processing", "EventHandler")

#: What staff may move lines to; lines are cancelled only with their order.
MOVABLE_STATUSES = [
    (status, status.label)
    for status in LineStatus
    if status not in (LineStatus.NEW, LineStatus.CANCELLED)
]

STAFF_ONLY_MESSAGE = gettext_lazy(
    "Only the site's staff change an order's status or payments."
)


def clean_text(value: str, limit: int) -> str:
    return value.replace("\x00", "").strip()[:limit]


class ByRole(View):
    """One URL, served by the view of the user's role: the site's staff get
    ``manager_view_class``, centre staff ``centre_view_class``."""

    manager_view_class: type[View]
    centre_view_class: type[View]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_staff:
            view_class = self.manager_view_class
        else:
            view_class = self.centre_view_class
        return view_class.as_view()(request, *args, **kwargs)


class BaseOrderDetailView(views.OrderDetailView):
    """What both roles do on an order's page: move lines, confirm a
    cash-on-delivery order by phone, record the cash of a centre's share."""

    line_actions = ()

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
            with transaction.atomic():
                moved = EventHandler(request.user).move_lines(
                    order,
                    lines,
                    status,
                    carrier=clean_text(request.POST.get("carrier", ""), 100),
                    tracking_number=clean_text(
                        request.POST.get("tracking_number", ""), 100
                    ),
                )
                if moved:
                    send_lines_moved(order.pk, [line.pk for line in moved], status)
        except LineMoveError as error:
            return self.reload_page(error=str(error))
        if not moved:
            return self.reload_page(error=_("Those lines already had that status."))
        if status in LINE_STATUS_EMAILS:
            message = _(
                "%(count)d line(s) now “%(status)s”; the buyer is told by e-mail."
            )
        else:
            message = _("%(count)d line(s) now “%(status)s”.")
        messages.success(
            request,
            message % {"count": len(moved), "status": LineStatus(status).label},
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

    def partners_in_order(self):
        """Partners whose share this user may act on in this order."""
        return Partner.objects.filter(order_lines__order=self.object).distinct()

    def share_partner(self, request):
        """The partner whose share the form names, among ``partners_in_order``."""
        wanted = request.POST.get("partner", "")
        return next((p for p in self.partners_in_order() if str(p.pk) == wanted), None)

    def mark_share_paid(self, request, order):
        partner = self.share_partner(request)
        if partner is None:
            return self.reload_page(error=_("Choose whose payment to record."))
        reference = clean_text(request.POST.get("reference", ""), 128)
        try:
            with transaction.atomic():
                outcome = EventHandler(request.user).mark_share_paid(
                    order,
                    partner,
                    reference=reference or f"staff:{request.user.email}",
                    note=f"{partner.name}: payment received, recorded by "
                    f"{request.user.email}.",
                )
                if outcome == "order":
                    send_payment_received(order.pk)
        except PaymentRefused as error:
            return self.reload_page(error=str(error))
        if outcome == "already":
            return self.reload_page(error=_("This payment was already recorded."))
        if outcome == "order":
            messages.success(
                request,
                _("Payment recorded. The whole order is now paid; the buyer is told."),
            )
        else:
            messages.success(request, _("Payment for your lines recorded."))
        return self.reload_page()


class ManagerOrderDetailView(BaseOrderDetailView):
    """The whole order, every centre's share, and the money actions."""

    order_actions = views.OrderDetailView.order_actions + (
        "mark_paid",
        "refund",
        "move_lines",
        "mark_share_paid",
        "confirm_by_phone",
    )

    def change_order_status(self, request, order):
        new_status = request.POST.get("new_status", "")
        if new_status in MONEY_STATUSES:
            return self.reload_page(
                error=_(
                    "Paid and refunded follow the payments: use “mark paid” or "
                    "“refund” below."
                )
            )
        return super().change_order_status(request, order)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context["shares"] = CentreShare.all_of(order)
        context["order_parcels"] = [share.group for share in context["shares"]]
        context["line_status_choices"] = MOVABLE_STATUSES
        context["refunds"] = order.refunds.select_related("partner__centre")
        context["refund_choices"] = refund_choices(order)
        context["can_mark_paid"] = not order.is_paid and may_record_payment(
            order, Recorder.SITE_STAFF
        )
        context["payment_alerts"] = unresolved_first(
            order.payment_alerts.select_related("order", "resolved_by")
        )
        return context

    def mark_paid(self, request, order):
        try:
            check_payment(order, Recorder.SITE_STAFF)
        except PaymentRefused as error:
            return self.reload_page(error=str(error))
        if order.payment_method == PaymentMethod.VIETQR:
            reference, error = self._bank_reference(request, order)
            if error:
                return self.reload_page(error=error)
        else:
            reference = clean_text(request.POST.get("reference", ""), 128)
        with transaction.atomic():
            recorded = EventHandler(request.user).mark_paid(
                order,
                reference=reference or f"staff:{request.user.email}",
                note=f"Payment received, recorded by {request.user.email}.",
            )
            if recorded:
                send_payment_received(order.pk)
        if not recorded:
            return self.reload_page(error=_("This order was already paid."))
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
        except PaymentRefused as error:
            return self.reload_page(error=str(error))
        messages.success(
            request,
            _("Refunded %(amount)s đồng through Stripe (%(reference)s).")
            % {"amount": f"{refund.amount:,.0f}", "reference": refund.stripe_refund_id},
        )
        return self.reload_page()


class CentreOrderDetailView(BaseOrderDetailView):
    """Only what a centre needs: its lines, its share, where the parcel goes."""

    order_actions = ("move_lines", "mark_share_paid", "confirm_by_phone")

    def get_template_names(self):
        return ["oscar/dashboard/orders/centre_order_detail.html"]

    def get_order_lines(self):
        own = self.request.user.partners.all()
        return super().get_order_lines().filter(partner__in=own)

    def handle_order_action(self, request, order, action):
        if action not in self.order_actions:
            return self.reload_page(error=STAFF_ONLY_MESSAGE)
        return super().handle_order_action(request, order, action)

    def get_context_data(self, **kwargs):
        context = {"order": self.object, "view": self}
        context.update(kwargs)
        context["shares"] = CentreShare.all_of(
            self.object, partners=self.request.user.partners.all()
        )
        context["line_status_choices"] = MOVABLE_STATUSES
        return context

    def partners_in_order(self):
        return super().partners_in_order().filter(users=self.request.user)

    def share_partner(self, request):
        """A centre member of one partner in the order need not name it."""
        if request.POST.get("partner", ""):
            return super().share_partner(request)
        partners = list(self.partners_in_order())
        return partners[0] if len(partners) == 1 else None


class OrderDetailView(ByRole):
    manager_view_class = ManagerOrderDetailView
    centre_view_class = CentreOrderDetailView


class BaseOrderListView(views.OrderListView):
    def get(self, request, *args, **kwargs):
        """Oscar looks up ``order_number`` unchecked to jump to that order; a
        number with a NUL byte was a database error. The search form's own
        check then says what is wrong with it."""
        if "\x00" in request.GET.get("order_number", ""):
            return super(views.OrderListView, self).get(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def download_selected_orders(self, request, orders):
        """Oscar's export, written with the inert CSV writer (a buyer's name
        such as ``=HYPERLINK(...)`` must not run in the spreadsheet)."""
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


class ManagerOrderListView(BaseOrderListView):
    def change_order_status(self, request, order):
        """The bulk status change: a refused change is a message, not an error
        page."""
        try:
            return super().change_order_status(request, order)
        except InvalidOrderStatus as error:
            messages.error(
                request,
                _("Order %(number)s: %(reason)s")
                % {"number": order.number, "reason": error},
            )
            return None


class CentreOrderListView(BaseOrderListView):
    """Oscar's order list; centre staff see, for each order, only their share,
    the orders with lines still to handle (new, confirmed, packed, ready) first.

    Their share (items and delivery) is computed in the database, so the list
    costs the same queries for any number of orders. Their CSV export has the
    same columns as their page: nothing of another centre's lines.
    """

    CSV_COLUMNS = {
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
        return ["oscar/dashboard/orders/centre_order_list.html"]

    def get_queryset(self):
        queryset = super().get_queryset()
        partners = self.request.user.partners.all()
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

    def get_row_values(self, order):
        statuses = sorted(
            {LineStatus.label_of(line.status) for line in order.centre_lines}
        )
        return {
            "number": order.number,
            "date": date_format(order.date_placed, "DATETIME_FORMAT"),
            "num_items": order.centre_quantity,
            "value": order.centre_share_total,
            "line_statuses": ", ".join(statuses),
            "delivery": DELIVERY_LABELS.get(order.centre_delivery, ""),
            "payment": order.get_payment_method_display(),
            "shipping_address_name": order.shipping_address.name
            if order.shipping_address
            else "",
        }

    def change_order_status(self, request, order):
        """The bulk status change is for the site's staff."""
        messages.error(request, STAFF_ONLY_MESSAGE)
        return None


class OrderListView(ByRole):
    manager_view_class = ManagerOrderListView
    centre_view_class = CentreOrderListView


class CentreLineDetailView(views.LineDetailView):
    """A line of one of the centre's own partners only."""

    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        if not line.partner.users.filter(pk=self.request.user.pk).exists():
            raise Http404
        return line


class LineDetailView(ByRole):
    manager_view_class = views.LineDetailView
    centre_view_class = CentreLineDetailView
