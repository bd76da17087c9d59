"""Two-factor sign-in for staff, on django-otp: who must pass it, the second step, enrolment.

The admin's login form checks the password (throttled by django-axes). A staff user who must
pass a second step (a superuser, or a member of settings.NEWSROOM_TWO_FACTOR_GROUPS) or who has
enrolled is then signed in but not *verified*: the admin and previews refuse them
(NewsroomAdminSite.has_permission, articles.views.can_preview) until they enter a code from their
authenticator app (TOTP) or one of their single-use recovery codes here. Someone who must but has
no device yet enrols first: a secret (as a QR code and as text) and ten recovery codes, confirmed
by a first code. `manage.py reset_two_factor USERNAME` removes a user's devices.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import device_classes, user_has_device
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def required(user):
    """Whether this user must pass the second step because of who they are (one query)."""
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.NEWSROOM_TWO_FACTOR_GROUPS).exists()


def must_verify(user):
    """Whether this signed-in user must pass the second step: required, or enrolled.

    One query, remembered on the user object (so once per request).
    """
    if not hasattr(user, "_must_verify"):
        if user.is_superuser:
            user._must_verify = True
        else:
            memberships = get_user_model().groups.through.objects.filter(
                user=OuterRef("pk"), group__name__in=settings.NEWSROOM_TWO_FACTOR_GROUPS
            )
            condition = Exists(memberships)
            for model in device_classes():
                condition |= Exists(model.objects.filter(user=OuterRef("pk"), confirmed=True))
            user._must_verify = get_user_model().objects.filter(condition, pk=user.pk).exists()
    return user._must_verify


def verified(user):
    """Whether this session passed the second step (django-otp's OTPMiddleware says)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def passed(user):
    """Whether a signed-in user has done all their account asks: verified, or not asked."""
    return verified(user) or not must_verify(user)


def pending(user):
    """Signed in to the admin by password, with the second step still to do."""
    return user.is_authenticated and user.is_active and user.is_staff and not passed(user)


def admitted_staff(user):
    """Active staff through every step of signing in (editors, reporters, researchers)."""
    return user.is_authenticated and user.is_active and user.is_staff and passed(user)


def safe_next(request):
    """The ?next= (or posted next) address, if it is on this site; else the admin's index."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def redirect_to_step(request):
    """To the second step, or to enrolment for someone who has no device yet, keeping ?next=."""
    name = "admin:two_factor" if user_has_device(request.user) else "admin:two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': safe_next(request)})}")


def complete(request, device):
    """Mark this session verified by `device`, under a new session key (a privilege change)."""
    request.session.cycle_key()
    otp_login(request, device)


class CodeForm(OTPTokenForm):
    """One field for either kind of code: six digits from the app, or a recovery code.

    django-otp verifies the code against the one device it names (and throttles failures
    per device); the device is chosen here by the code's shape.
    """

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The six digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )
    otp_error_messages = {
        **OTPTokenForm.otp_error_messages,
        "invalid_token": "That code is not right (or was used already). Try the code your app shows now.",
        "device_required": "Enter the code from your authenticator app, or one of your recovery codes.",
        "token_required": "Enter the code from your authenticator app, or one of your recovery codes.",
    }

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split()).replace("-", "").lower()

    def clean(self):
        token = self.cleaned_data.get("otp_token", "")
        model = TOTPDevice if token.isdigit() else StaticDevice
        device = model.objects.devices_for_user(self.user).first()
        self.cleaned_data["otp_device"] = device.persistent_id if device is not None else ""
        return super().clean()


class EnrolmentForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from the app",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many wrong codes: wait a minute and try the code your app shows then.")
        if not self.device.verify_token(token):
            raise forms.ValidationError("That code is not right: check the phone's clock; enter the code shown now.")
        return token


def step_context(request, title, **context):
    return {
        "title": title,
        "site_header": "Newsroom",
        "site_title": "Newsroom admin",
        "next": safe_next(request),
        **context,
    }


def leave(request):
    """Sign out instead of completing the second step."""
    auth_logout(request)
    return redirect("admin:login")


@never_cache
def step_view(request):
    """The second step: a code from the authenticator app, or a recovery code."""
    user = request.user
    if not pending(user):
        return redirect(safe_next(request) if admitted_staff(user) else reverse("admin:login"))
    if not user_has_device(user):
        return redirect_to_step(request)
    if request.method == "POST" and "cancel" in request.POST:
        return leave(request)
    form = CodeForm(user, request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        complete(request, user.otp_device)
        return redirect(safe_next(request))
    return render(request, "admin/two_factor.html", step_context(request, "Two-factor sign-in", form=form))


# The devices this session's setup page shows, until they are confirmed.
SETUP_SESSION_KEY = "two_factor_setup"


@never_cache
def setup_view(request):
    """Enrolment: a new authenticator app (TOTP) and ten recovery codes, confirmed by a first code.

    Until confirmed, the devices are kept unconfirmed (django-otp ignores them) for this session
    only: reloading shows the same secret and codes, while another session (someone else holding
    the password) starts over with new ones, so what one was shown is void once the other confirms.
    """
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect("admin:login")
    if user_has_device(user):
        # Enrolled already: a new device only after the reset command, never with a password alone.
        return redirect(safe_next(request) if passed(user) else reverse("admin:two_factor"))
    if request.method == "POST" and "cancel" in request.POST:
        return leave(request)
    with transaction.atomic():
        app_pk, recovery_pk = request.session.get(SETUP_SESSION_KEY, (None, None))
        app = TOTPDevice.objects.filter(user=user, confirmed=False, pk=app_pk).first()
        recovery = StaticDevice.objects.filter(user=user, confirmed=False, pk=recovery_pk).first()
        if app is None or recovery is None:
            # A new setup: whatever another session was shown is void.
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            StaticDevice.objects.filter(user=user, confirmed=False).delete()
            app = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
            recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=False)
            StaticToken.objects.bulk_create(
                StaticToken(device=recovery, token=StaticToken.random_token()) for _ in range(RECOVERY_CODES)
            )
            request.session[SETUP_SESSION_KEY] = (app.pk, recovery.pk)
    form = EnrolmentForm(app, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(pk=app.pk).update(confirmed=True)
            StaticDevice.objects.filter(pk=recovery.pk).update(confirmed=True)
            request.session.pop(SETUP_SESSION_KEY, None)
        app.confirmed = True
        complete(request, app)
        return redirect(safe_next(request))
    context = step_context(
        request,
        "Set up two-factor sign-in",
        form=form,
        required=required(user),
        qr_code=qr_svg(app.config_url),
        secret=secret_text(app),
        codes=[token.token for token in recovery.token_set.order_by("pk")],
    )
    return render(request, "admin/two_factor_setup.html", context)


def qr_svg(url):
    """The otpauth: address as an inline SVG QR code (no script, no style: the CSP allows it),
    dark on light whatever the admin's colour scheme, as scanners need."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title="QR code of the secret, for an authenticator app"
    )
    return mark_safe(svg)  # noqa: S308 - segno writes only path data from the address's bits


def secret_text(device):
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
