from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from factory import post_generation

from maillage.core.models import User
from maillage.core.roles import Role

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_CA")
    last_name = factory.Faker("last_name", locale="fr_CA")
    role = Role.CITIZEN
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @post_generation
    def verified(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Accounts log in by a verified e-mail address, as allauth requires (`verified=False`
        gives an address still waiting for confirmation)."""
        if create:
            obj.save()
            EmailAddress.objects.create(
                user=obj, email=obj.email, verified=extracted is not False, primary=True
            )

    @post_generation
    def mfa(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Staff and administrators get a TOTP authenticator, as the platform requires."""
        wants = extracted if extracted is not None else obj.role in (Role.STAFF, Role.ADMIN)
        if create and wants:
            TOTP.activate(obj, generate_totp_secret())


def user_with_role(role: str, **kwargs: Any) -> User:
    extra: dict[str, Any] = {"role": role}
    if role == Role.ADMIN:
        extra.update(is_staff=True, is_superuser=True)
    extra.update(kwargs)
    return UserFactory(**extra)
