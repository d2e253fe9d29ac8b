"""Oscar's "new wish list with this product", for a product that is not there.

Oscar's view sends the visitor back to a URL name without its namespace
(``wishlists-create``), so an unknown product id was a server error; here it
goes to the plain "new wish list" page with Oscar's message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
WishListCreateView = get_class("customer.wishlists.views", "WishListCreateView")


class WishListWithProductCreateView(WishListCreateView):
    def dispatch(self, request, *args, **kwargs):
        if not Product.objects.filter(pk=kwargs["product_pk"]).exists():
            messages.error(request, _("The requested product no longer exists"))
            return redirect("customer:wishlists-create")
        return super().dispatch(request, *args, **kwargs)


wishlist_with_product = login_required(WishListWithProductCreateView.as_view())
