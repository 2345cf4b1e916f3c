"""Signals of the network, for apps above it that keep their own records in step."""

from django.dispatch import Signal

# Sent by `services.seat_end` inside its transaction, with `seat` and `actor`.
seat_ended = Signal()
