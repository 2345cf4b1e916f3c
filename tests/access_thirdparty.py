"""Matrix rows for the URLs of django-allauth and of the Django admin site."""

from tests.matrix import LOGIN, REDIRECT, Expect

R = REDIRECT

ACCESS = {
    # Entrance pages: visitors see them, logged-in people are sent on.
    "account_login": Expect.of(200, R, R, R, R, R),
    "account_signup": Expect.of(200, R, R, R, R, R),
    "account_logout": Expect.of(R, 200, 200, 200, 200, 200),
    "account_inactive": Expect.public(),
    "account_email_verification_sent": Expect.public(),
    "account_confirm_email": Expect.public(kwargs=lambda d: {"key": "not-a-real-key"}),
    "account_reset_password": Expect.public(),
    "account_reset_password_done": Expect.public(),
    "account_reset_password_from_key": Expect.public(
        kwargs=lambda d: {"uidb36": "1", "key": "not-a-real-key"}
    ),
    "account_reset_password_from_key_done": Expect.public(),
    # Login-by-code is not enabled: the confirmation steps have nothing to confirm.
    "account_confirm_login_code": Expect.of(LOGIN, R, R, R, R, R),
    "account_confirm_reauthentication_code": Expect.of(LOGIN, R, R, R, R, R),
    # Account management: one's own account only.
    "account_email": Expect.authenticated(),
    "account_change_password": Expect.authenticated(),
    "account_set_password": Expect.of(LOGIN, R, R, R, R, R),  # they already have one
    "account_reauthenticate": Expect.authenticated(),
    "account_request_reauthentication_code": Expect.authenticated(),
    "mfa_index": Expect.authenticated(),
    # Enrolment asks for a recent login first.
    "mfa_activate_totp": Expect.of(LOGIN, R, R, R, R, R),
    "mfa_authenticate": Expect.of(LOGIN, R, R, R, R, R),
    # Staff and administrators have TOTP (reauthentication first); others have nothing to remove.
    "mfa_deactivate_totp": Expect.of(LOGIN, 404, 404, 404, R, R),
    "mfa_reauthenticate": Expect.of(LOGIN, R, R, R, 200, 200),
    "mfa_generate_recovery_codes": Expect.of(LOGIN, R, R, R, R, R),
    # No recovery codes were generated for the sample accounts.
    "mfa_view_recovery_codes": Expect.of(LOGIN, 404, 404, 404, 404, 404),
    "mfa_download_recovery_codes": Expect.of(LOGIN, 404, 404, 404, 404, 404),
}


def _admin_rows() -> dict[str, Expect]:
    """Every page of the admin site is for administrators only; the others are refused."""
    from django.contrib import admin

    from tests.matrix import ANY_STATUS, walk_urls

    rows: dict[str, Expect] = {}

    for name, _route, pattern in walk_urls(admin.site.get_urls(), "admin", "administration/"):
        keys = set(pattern.pattern.regex.groupindex)
        sample = {"app_label": "core", "object_id": "1", "id": "1", "content_type_id": "1"}
        kwargs = {key: sample[key] for key in keys if key in sample}
        rows[name] = Expect.of(LOGIN, 403, 403, 403, 403, ANY_STATUS, kwargs=lambda d, k=kwargs: k)
    rows["admin:index"] = Expect.admin()
    rows["admin:login"] = Expect.of(LOGIN, 403, 403, 403, 403, REDIRECT)
    # Logging out of the admin is POST only; a GET from anyone else just goes to its index.
    rows["admin:logout"] = Expect.of(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, 405)
    return rows


ACCESS.update(_admin_rows())
