"""The planning app's reads, one module per subject, already filtered to what a viewer may see:
plans, objectives, actions, strategies, dashboards."""
