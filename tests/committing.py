"""A test client whose every request ends as a request ends on the site: with
its transaction committed, so what the request left for after the commit (an
e-mail or another task, ``background.enqueue``) runs before the test reads
the outcome. Tests run inside a transaction that is never committed; without
this, on-commit work would never run in them."""

from __future__ import annotations

from django.test import Client, TestCase


class CommittingClient(Client):
    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
