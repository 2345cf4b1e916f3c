"""Signals the core sends, so apps above it can react without the core knowing them."""

from django.dispatch import Signal

# Sent by `services.user_set_role` once the new role is saved (inside its transaction), with
# `user`, `previous` (the former role) and `role`. The public site keeps its editors group in step.
role_changed = Signal()

# Sent by `services.platform_invitation_accept` inside its transaction, with `invitation` and
# `user` (the account that accepted it). The network links the invited person to the account.
platform_invitation_accepted = Signal()
