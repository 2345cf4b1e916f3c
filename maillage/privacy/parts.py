"""The parts of the platform an assessment may cover: the project's apps, by their titles."""

from __future__ import annotations

from django.apps import apps


def platform_parts() -> list[tuple[str, str]]:
    """(label, title) of every app of the project, in the order of the layers."""
    return [
        (config.label, str(config.verbose_name))
        for config in apps.get_app_configs()
        if config.name.startswith("maillage.")
    ]


def part_titles(labels: list[str]) -> list[str]:
    """The titles of `labels`, in the layers' order; a label no app has any more is shown as is."""
    titles = dict(platform_parts())
    known = [titles[label] for label in titles if label in labels]
    return known + [label for label in labels if label not in titles]
