"""A centre's own numbers in the dashboard (wired in ``dashboard.apps``)."""

from django.urls import path

from centres.dashboard_views import CentreNumbersView

urlpatterns: list = [
    path("", CentreNumbersView.as_view(), name="centre-numbers"),
    path("<int:partner_pk>/", CentreNumbersView.as_view(), name="centre-numbers-for"),
]
