"""Signing staff in for a test as they sign in for real: password, then the second step.

Editors and superusers must pass two-factor sign-in (newsroom/twofactor.py) before the admin
or a preview; `client.force_login(user)` alone leaves them at the second step.
"""

from base64 import b32decode

from django.test import RequestFactory
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """The user's confirmed authenticator app (TOTP device), created if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device):
    """The six digits the device's app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def code_from_secret(secret):
    """The six digits an authenticator app shows now for a secret typed in (base32, spaces allowed)."""
    return f"{totp(b32decode(''.join(secret.split()))):06d}"


def force_login_verified(client, user):
    """client.force_login(user), then the session marked verified by a real TOTP device, as
    django-otp's own login() does after a correct code. Returns the client."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    otp_login(request, authenticator(user))
    request.session.save()
    return client
