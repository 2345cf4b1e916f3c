"""Reads of the planning app, one module per subject, already filtered to what a viewer may
see."""
