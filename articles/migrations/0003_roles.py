from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ["add", "change", "delete", "view"]
ARTICLE_MODELS = ["article", "byline", "quote", "correction", "outlet", "topic"]
PEOPLE_MODELS = ["person", "position", "state", "author"]


def perms(actions, models, app):
    return [(app, f"{action}_{model}") for action in actions for model in models]


ROLES = {
    # Everything, including publishing, retracting and deleting.
    "Editors": perms(CRUD, ARTICLE_MODELS, "articles")
    + perms(CRUD, PEOPLE_MODELS, "people")
    + [("articles", "publish_article"), ("articles", "retract_article")],
    # Their own drafts (enforced per object in the admin), submitted for review.
    "Reporters": perms(CRUD, ["article", "byline", "quote"], "articles")
    + perms(["view"], ["correction", "outlet", "topic"], "articles")
    + perms(["view"], PEOPLE_MODELS, "people"),
    # The directory of people, positions, states and authors; articles read-only.
    "Researchers": perms(CRUD, PEOPLE_MODELS, "people") + perms(["view"], ARTICLE_MODELS, "articles"),
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        found = [
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
        ]
        # Added, not set: another app's roles migration may have run first (media/0002_roles).
        group.permissions.add(*found)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("people", "0002_states"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
