"""Inviting centre staff from the dashboard (wired in ``dashboard.apps``)."""

from django.urls import path

from users.dashboard_views import InviteStaffView, StaffListView

urlpatterns: list = [
    path("", StaffListView.as_view(), name="staff-invitations"),
    path("invite/", InviteStaffView.as_view(), name="staff-invite"),
]
