"""services of the participation app, one module per subject."""

from maillage.participation.services.trail import (
    consultation_report_back,
    follow,
    input_move,
    input_route,
    unfollow,
)

__all__ = ["consultation_report_back", "follow", "input_move", "input_route", "unfollow"]
