"""What each role (articles/migrations/0003_roles.py) may do in the media library: editors
everything; reporters and researchers upload and pick pictures, but only an editor changes or
deletes one, which may be on a published page."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": ["add_image", "change_image", "delete_image", "view_image"],
    "Reporters": ["add_image", "view_image"],
    "Researchers": ["add_image", "view_image"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("media")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="media", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="media"))


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
