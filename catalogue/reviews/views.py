"""Oscar's review views, with the buyer-only rule and verified-purchase marks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views

from catalogue.reviews.eligibility import review_refusal, with_verified_purchase


class CreateProductReview(views.CreateProductReview):
    """The review form, for a buyer who received the product and has not yet
    reviewed it; anyone else is told why, and a visitor is asked to sign in."""

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(
            self.product_model, pk=kwargs["product_pk"], is_public=True
        )
        refusal = review_refusal(request.user, self.product)
        if refusal:
            messages.warning(request, refusal)
            if not request.user.is_authenticated:
                return redirect_to_login(
                    request.get_full_path(), login_url=reverse("customer:login")
                )
            return redirect(self.product.get_absolute_url())
        return CreateView.dispatch(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["centre"] = self.product.selling_centre
        return context

    def form_valid(self, form):
        """A second review sent at the same moment meets the database's one
        review per buyer and product, and is turned away like any second one."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            messages.warning(self.request, _("You have already reviewed this product."))
            return redirect(self.product.get_absolute_url())

    def get_success_url(self):
        messages.success(
            self.request,
            _(
                "Thank you for your review. It will appear once our team has "
                "checked it."
            ),
        )
        return self.product.get_absolute_url()


class ProductReviewList(views.ProductReviewList):
    def get_queryset(self):
        return with_verified_purchase(super().get_queryset()).select_related("user")


class ProductReviewDetail(views.ProductReviewDetail):
    """One review's page: only approved reviews of the product in the address."""

    def get_queryset(self):
        reviews = self.model.objects.approved()
        reviews = reviews.filter(product=self.kwargs["product_pk"])
        return with_verified_purchase(reviews).select_related("user")
