"""Work that several app servers do at the same instant, played by threads.

``all_at_once(jobs)`` starts each job in its own thread, holds them all at a
barrier so they start together, and gives back what each returned, in order. A
job that raises gives ``("error", repr(error))`` instead, for the test's
assertion to show. Each thread closes its own database connections, so the
transactional test that ran them can empty the database afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from django.db import connections


def all_at_once(jobs: Sequence[Callable[[], object]], timeout: float = 60) -> list:
    """What each of ``jobs`` returned, run together in threads."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 (shown by the test's assertion)
            outcomes[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, job))
        for index, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * timeout)
    return outcomes
