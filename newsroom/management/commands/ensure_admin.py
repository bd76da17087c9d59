import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure an admin account exists for local development. The first run creates one with a "
        "random password and prints it once; later runs only say how to reach the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"Admin: {url} (log in as “{existing.get_username()}”; forgot the password? "
                f".venv/bin/python manage.py changepassword {existing.get_username()})"
            )
            return
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called “{username}” exists but is not a superuser; choose --username.")
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created an admin account for local development: {url}"))
        self.stdout.write(f"  username: {username}\n  password: {password}")
        self.stdout.write("  (shown once; change it with: .venv/bin/python manage.py changepassword admin)")
        self.stdout.write("  The first sign-in sets up two-factor sign-in: have an authenticator app at hand.")
