"""Counting what a loading step found and created, for the command's progress lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tally:
    """How many rows of one kind the demo has, and how many this run created."""

    label: str
    total: int = 0
    created: int = 0

    def count(self, created: bool) -> None:
        self.total += 1
        if created:
            self.created += 1

    def line(self) -> str:
        return f"{self.label}: {self.total} (created {self.created})"
