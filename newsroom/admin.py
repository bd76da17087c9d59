"""Admin pieces shared by the apps: inlines whose size doesn't change the query count."""

import json
import uuid
from collections import defaultdict
from itertools import chain

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR, ChangeList, ChangeListSearchForm
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, connection, models, transaction
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive, _get_options
from reversion_compare.admin import CompareVersionAdmin

from . import twofactor

# A URL typed without a scheme is taken as https (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# The longest search the admin runs, in characters: a quote pasted whole fits. A longer one (an
# article pasted into the search box) answered 503 on SQLite (a LIKE pattern past its 50,000 bytes,
# or a condition per word past its expression depth); on PostgreSQL 30,000 words answered 503 on the
# article, quote and people lists (people after 20 s of planning) and took 5-10 s on outlets and topics.
SEARCH_MAX_LENGTH = 1000


FILTER_DROPPED = (
    "The list couldn’t be filtered as its address asked (a filter it doesn’t have, or a value it can’t "
    "read): here it is whole. Choose the filters again in the sidebar."
)

SELECTION_REFUSED = (
    "Nothing was done: the selection holds something that isn’t an item of this list. Select the items again."
)


class SearchLengthValidator(MaxLengthValidator):
    """MaxLengthValidator whose message writes its numbers as the pages do (intcomma: "1,000")."""

    message = (
        "A search is at most %(limit_value)s characters (this one has %(show_value)s): "
        "search for a few distinctive words."
    )

    def __call__(self, value):
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            params = {"limit_value": intcomma(self.limit_value), "show_value": intcomma(length), "value": value}
            raise ValidationError(self.message, code=self.code, params=params)


class SearchForm(ChangeListSearchForm):
    """The changelist's search box, bounded: a longer search is a message, and the list unsearched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[SEARCH_VAR] = forms.CharField(
            required=False, strip=False, validators=[SearchLengthValidator(SEARCH_MAX_LENGTH)]
        )


class SearchChangeList(ChangeList):
    search_form_class = SearchForm


class ListAdmin(admin.ModelAdmin):
    """A model admin whose list answers junk in its address in plain words: a search longer than
    SEARCH_MAX_LENGTH characters, a filter it can't apply; whose form answers a unique value taken
    while it was saved as a field's error; and whose deletions lock their rows first."""

    def get_deleted_objects(self, objs, request):
        # Locked before what refers to them is looked for, in the delete's transaction: a save that picked one
        # meanwhile (its form locks what it picks: StaleEditForm.locked_choices) is waited for and its rows
        # found, protecting the row or deleted with it, instead of this delete failing at commit.
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            model = self.model._base_manager
            list(model.select_for_update().filter(pk__in=[obj.pk for obj in objs]).values_list("pk"))
        return super().get_deleted_objects(objs, request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            if request.method != "POST":
                raise
            # Two editors giving one slug (or name) at the same moment both passed the form's check, and the
            # second write failed on the constraint (a 500). Its transaction rolled back, the form checks
            # again, sees the other row now, and says so on the field. Once: a second failure is another bug.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return SearchChangeList

    def response_action(self, request, queryset):
        # Django filters by the posted keys as they come: "abc", "" or a number past the column's range
        # raised there (500). A browser posts only the list's own keys.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(map(self._is_key, selected)):
            self.message_user(request, SELECTION_REFUSED, messages.WARNING)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def _is_key(self, value):
        """Whether `value` is a key the table could hold (its field's type and the column's range)."""
        field = self.opts.pk
        try:
            field.run_validators(field.to_python(value))
        except ValidationError:
            return False
        return True

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Django drops a filter it can't apply (?published_at__gte=zzz, ?outlet__id__exact=abc) by
        # redirecting to the whole list with ?e=1, and says nothing: the editor would take it as filtered.
        if ERROR_FLAG in request.GET and isinstance(response, TemplateResponse):
            self.message_user(request, FILTER_DROPPED, messages.WARNING)
        return response


def https_formfield(db_field, **kwargs):
    """A ModelForm `formfield_callback` applying HTTPS_URL_FIELDS outside the admin."""
    return db_field.formfield(**{**HTTPS_URL_FIELDS.get(type(db_field), {}), **kwargs})


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose selected option may be handed in, instead of queried.

    The stock widget runs one query per form to label the selected value; in an
    inline with fifty quotes that is fifty queries.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        if self.preloaded is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        for index, (pk, label) in enumerate(self.preloaded, start=len(default[1])):
            default[1].append(self.create_option(name, pk, label, True, index))
        return [default]


class PreloadedInlineMixin:
    """For an inline: relations in `preload` are selected with the rows and label their widgets.

    Each listed field must be in `autocomplete_fields`. Plain selects named in
    `shared_choices` build their options once per request, not once per form;
    `select_related` names what each row's `__str__` reads.
    """

    preload = ()
    shared_choices = ()
    select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.preload, *self.select_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.preload and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.shared_choices and field is not None:
            cache = request.__dict__.setdefault("_shared_choices", {})
            key = (db_field.model, db_field.name)
            if key not in cache:
                cache[key] = list(field.choices)
            field.choices = cache[key]
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        preload = self.preload

        class Formset(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in preload:
                    widget = form.fields[name].widget
                    widget = getattr(widget, "widget", widget)  # inside RelatedFieldWidgetWrapper
                    related = getattr(form.instance, name, None) if form.instance.pk else None
                    if isinstance(widget, PreloadedAutocompleteSelect) and related is not None and not form.is_bound:
                        widget.preloaded = [(related.pk, str(related))]
                return form

        return Formset


class PreloadedTabularInline(PreloadedInlineMixin, admin.TabularInline):
    pass


class PreloadedStackedInline(PreloadedInlineMixin, admin.StackedInline):
    pass


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete results labelled by the model admin's `autocomplete_label`, if it has one; none for
    a term longer than a search may be."""

    def get_queryset(self):
        if len(self.term) > SEARCH_MAX_LENGTH:
            return self.model_admin.get_queryset(self.request).none()  # as the changelist's search box
        return super().get_queryset()

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


class LoginForm(AdminAuthenticationForm):
    """The admin login, refusing a username longer than any account's before trying it.

    Django sets the field's max_length after creating it, so no validator checks it; an
    overlong name then reached the login throttle's table (varchar 255) and failed there.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Editors’ desk"
    login_form = LoginForm

    def has_permission(self, request):
        # Signed in by password is not enough for those who must pass the second step.
        return super().has_permission(request) and twofactor.passed(request.user)

    def login(self, request, extra_context=None):
        """The password step; then, for those who must, the second step (newsroom/twofactor.py)."""
        if request.method == "GET" and twofactor.pending(request.user):
            return twofactor.redirect_to_step(request)
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302 and twofactor.pending(request.user):
            return twofactor.redirect_to_step(request)
        return response

    def get_urls(self):
        return [
            path("two-factor/", twofactor.step_view, name="two_factor"),
            path("two-factor/setup/", twofactor.setup_view, name="two_factor_setup"),
            *super().get_urls(),
        ]

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


class EstimatedCountPaginator(Paginator):
    """A changelist paginator that doesn't COUNT a large table, nor a large search result.

    On PostgreSQL it asks the planner first: unfiltered, the table's row estimate
    (pg_class.reltuples, kept by ANALYZE and autovacuum); filtered or searched, the
    estimated rows of the query's plan. Past EXACT_BELOW rows the estimate is the count
    (counting 400,000 matches of a common word takes seconds); below it, and on other
    databases, rows are counted exactly.
    """

    EXACT_BELOW = 50_000

    @cached_property
    def count(self):
        queryset = self.object_list
        # An empty queryset (`.none()`) has no plan to read: EXPLAIN gives nothing, and counting reads nothing.
        if connection.vendor == "postgresql" and hasattr(queryset, "query") and not queryset.query.is_empty():
            if queryset.query.where:
                plan = json.loads(queryset.order_by().explain(format="json"))
                estimate = plan[0]["Plan"]["Plan Rows"]
            else:
                with connection.cursor() as cursor:
                    table = queryset.model._meta.db_table
                    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
                    estimate = cursor.fetchone()[0]
            if estimate >= self.EXACT_BELOW:
                return int(estimate)
        return super().count


class LargeTableAdmin(ListAdmin):
    """For tables of a million rows: no unfiltered COUNT(*), estimated page counts."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False


class OldAddressesAdmin(ListAdmin):
    """For models that keep old addresses (newsroom/addresses.py): the object's old slugs, read-only
    under its slug, newest first, each with the date it stopped being the address. One query."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "old_addresses"] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        placed = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"] if field != "old_addresses"]
            if "slug" in fields:
                fields.insert(fields.index("slug") + 1, "old_addresses")
            placed.append((name, options | {"fields": fields}))
        return placed

    @admin.display(description="Old addresses")
    def old_addresses(self, obj):
        olds = [(redirect.old_slug, date_format(localtime(redirect.created_at))) for redirect in obj.redirects.all()]
        if not olds:
            return "None: the slug hasn’t changed."
        return format_html_join(", ", "{} (until {})", olds)


def revert_changes(revision):
    """What reverting to `revision` would write: (current, restored) pairs, objects it saves unchanged left out.

    Mirrors reversion's Revision.revert(delete=True), which restores every version in the revision,
    whatever model it belongs to (`current` is None for an object it re-creates), and deletes the
    objects now reached through the registered `follow` relations of those that aren't in it
    (`restored` is None). Restored objects point at each other: a quote re-created with its article
    reads that article. Each restored object keeps the many-to-many keys the revert sets, by field name,
    as `links`. One query per version and per relation followed; may raise RevertError.
    In a transaction, the rows it would save stay as read until the revert is written.
    """
    changes, existing, restored = [], [], {}
    for version in revision.version_set.all():
        model = version.content_type.model_class()
        lookup = {_get_options(model).object_id_field: version.object_id}
        current = model._default_manager.using(version.db).select_for_update().filter(**lookup).first()
        obj = restored[model, version.object_id] = version._object_version.object
        obj.links = version._object_version.m2m_data
        if current is not None:
            existing.append(current)
        if current is None or _stored_fields(current, version) != _stored_fields(None, version):
            changes.append((current, obj))
    for obj in restored.values():
        for field in obj._meta.concrete_fields:
            target = field.is_relation and restored.get((field.related_model, str(field.value_from_object(obj))))
            if target:
                field.set_cached_value(obj, target)
    deleted = set(chain.from_iterable(_follow_relations_recursive(obj) for obj in existing)) - set(existing)
    return changes + [(obj, None) for obj in sorted(deleted, key=lambda obj: (obj._meta.label, obj.pk))]


def _stored_fields(obj, version):
    """The fields of `version`, or of `obj` stored as reversion would store it there; related ids in any order."""
    if obj is not None:
        options = _get_options(type(obj))
        data = serializers.serialize(
            version.format, [obj], fields=options.fields, use_natural_foreign_keys=options.use_natural_foreign_keys
        )
        version = Version(content_type_id=version.content_type_id, format=version.format, serialized_data=data)
    many = {field.attname for field in version.content_type.model_class()._meta.many_to_many}
    return {
        name: sorted(map(str, value)) if name in many else value for name, value in version._local_field_dict.items()
    }


def _references_gone(changes):
    """(restored, field, key) for each reference of an object the revert writes to a row deleted since, which
    the revert doesn't re-create either (`field` many-to-many for a link): saved as it is, it failed at the
    commit (a 500) or, for a quote whose speaker is gone, on the form's first read of it. One query per
    model referred to."""
    recreated = {(type(obj), obj.pk) for current, obj in changes if current is None}
    references, wanted = [], defaultdict(set)
    for _current, restored in changes:
        if restored is None:
            continue
        keys = [
            (field, field.value_from_object(restored)) for field in restored._meta.concrete_fields if field.is_relation
        ]
        for name, linked in getattr(restored, "links", {}).items():
            keys += [(restored._meta.get_field(name), key) for key in linked]
        for field, key in keys:
            if key is not None and (field.related_model, key) not in recreated:
                references.append((restored, field, key))
                wanted[field.related_model, field.target_field.attname].add(key)
    found = {
        (model, key)
        for (model, attname), keys in wanted.items()
        for key in model._base_manager.filter(**{f"{attname}__in": keys}).values_list(attname, flat=True)
    }
    return [(restored, field, key) for restored, field, key in references if (field.related_model, key) not in found]


def _cleared_by_deleting(field):
    """Whether deleting the row `field` refers to clears the reference (SET_NULL, a many-to-many link)."""
    return field.many_to_many or field.remote_field.on_delete is models.SET_NULL


def _gone_refusals(gone):
    """Why the revert can't write its objects back (`gone`: `_references_gone`'s list): a reference that must
    stay (a quote's speaker, a byline's author, an article's outlet: a deletion they allowed only once
    nothing referred to them). A reference deleting cleared (an account deleted since, a topic's link) is
    cleared by the revert too (`_clear_gone`)."""
    return [
        f"This version refers to something deleted since ({restored._meta.verbose_name} {restored.pk}’s "
        f"{field.verbose_name}, {field.related_model._meta.verbose_name} {key}): it can’t be restored."
        for restored, field, key in gone
        if not _cleared_by_deleting(field)
    ]


def _clear_gone(gone):
    """Clear the references to rows deleted since that deleting them clears, on the rows the revert wrote: a
    row it didn't write keeps its own. One query per reference."""
    for restored, field, key in gone:
        if field.many_to_many:
            through = field.remote_field.through._base_manager
            through.filter(**{field.m2m_field_name(): restored.pk, field.m2m_reverse_field_name(): key}).delete()
        else:
            rows = type(restored)._base_manager.filter(pk=restored.pk, **{field.attname: key})
            rows.update(**{field.attname: None})


def _held(changes):
    """(restored, field, holder, rewritten) for each unique value (a slug) a restored object takes that
    another row holds now; `rewritten` when the revert gives that row another value or deletes it (two
    objects of the revision that swapped slugs since). One query per unique field of each restored object."""
    after = {(type(current), current.pk): restored for current, restored in changes if current is not None}
    for _current, restored in changes:
        if restored is None:
            continue
        model = type(restored)
        for field in model._meta.concrete_fields:
            value = field.value_from_object(restored)
            if not field.unique or field.primary_key or value is None:
                continue
            for holder in model._base_manager.filter(**{field.attname: value}).exclude(pk=restored.pk):
                then = after.get((model, holder.pk), holder)
                yield restored, field, holder, then is None or field.value_from_object(then) != value


def named(obj):
    """An object as a refusal names it: its kind, then its name in quotation marks, unless the name
    holds its own (a quote's: `Mary Beth Heffernan: “…”`)."""
    name = str(obj)
    return f"{obj._meta.verbose_name} {name if '“' in name else f'“{name}”'}"


def _taken(held):
    """Why the revert can't write its objects back (`held`: `_held`'s list): a unique value of one (a
    slug) that a different object would still hold once it is written. The revert failed on the
    constraint, and django-reversion said "missing dependency"."""
    reasons = []
    for restored, field, holder, rewritten in held:
        if not rewritten:
            error = restored.unique_error_message(type(restored), [field.name])
            reasons.append(
                f"The {named(restored)} can’t be restored as it was: {' '.join(error.messages)} “{holder}” has it now."
            )
    return reasons


def _free_for_revert(held):
    """Give each row the revert rewrites that holds a unique value one of its objects takes a placeholder
    first: django-reversion writes the objects one at a time, and of two that swapped slugs neither could
    be written while the other held its slug. The placeholders given, by model and field."""
    placeholders = defaultdict(list)
    for _restored, field, holder, _rewritten in held:
        placeholder = f"restoring-{uuid.uuid4().hex}"  # no slug, name or key of an editor's looks like it
        type(holder)._base_manager.filter(pk=holder.pk).update(**{field.attname: placeholder})
        placeholders[type(holder), field].append(placeholder)
    return placeholders


def _placeholders_written_over(placeholders):
    """Whether the revert wrote every row given a placeholder; if so, forget the placeholders as old
    addresses (the revert's save recorded each as the row's previous slug). One query per field."""
    for (model, field), values in placeholders.items():
        if model._base_manager.filter(**{f"{field.attname}__in": values}).exists():
            return False
    for (model, field), values in placeholders.items():
        if field.name == "slug" and hasattr(model, "redirects"):
            model.redirects.rel.related_model._base_manager.filter(old_slug__in=values).delete()
    return True


def _unwritable(revision, changes):
    """Why the revert can't be written, found by writing it and rolling it back: the database refused a
    row (a quote's words by its speaker already in its article, a person's Wikidata ID another has now:
    constraints of several fields or with a condition, which `_held` doesn't read), and django-reversion
    said "missing dependency". Each constraint an object breaks is named by `validate_constraints`. One
    write per object of the revision; after a failure, one query per constraint of each object."""
    before = transaction.savepoint()
    try:
        revision.revert(delete=True)
        failed = False
    except RevertError:
        failed = True
    except models.ProtectedError:
        failed = False  # a row the revert deletes is protected: django-reversion's view says so itself
    transaction.savepoint_rollback(before)
    if not failed:
        return []
    reasons = []
    for current, restored in changes:
        if restored is None:
            continue
        restored._state.adding = current is None  # its own row holds its values: no conflict
        try:
            restored.validate_constraints()
        except ValidationError as error:
            reasons += [f"The {named(restored)} can’t be restored as it was: {message}" for message in error.messages]
    return reasons or ["This version can’t be written back as it was: the database refused a row of it."]


def _may_not(current, restored):
    verb = "re-create" if current is None else "delete" if restored is None else "change"
    obj = restored or current
    return f"You may not {verb} the {named(obj)}."


class GuardedVersionAdmin(ListAdmin, CompareVersionAdmin):
    """django-reversion's history admin, restricted to this model's versions and to who may restore.

    The stock views fetch a version by id whatever model it belongs to and revert it
    before checking anything; here the version must be one of this model's, and the
    user must pass `can_restore` first. A revert restores the whole revision, which can
    hold other models' objects (an import saves an article with its authors): it goes
    ahead only if the user may make every change it makes, as each object's own admin
    says (`revert_refusal`), or it changes nothing.
    """

    def can_restore(self, request, obj=None):
        return self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)

    def revert_refusal(self, request, current, restored, version):
        """Why this user may not turn `current` into `restored` by reverting to `version`; None if they may.

        `current` is None for an object the revert re-creates, `restored` None for one it deletes. The
        rules are restoring's and the change form's; a model admin may add its own.
        """
        if restored is None:
            allowed = self.can_restore(request, current) and self.has_delete_permission(request, current)
        else:
            allowed = self.can_restore(request, current) and self.has_change_permission(request, restored)
        return None if allowed else _may_not(current, restored)

    def inline_revert_refusal(self, request, current, restored):
        """The rule for objects edited only inline (bylines, positions): the inline's permissions on its parent."""
        model = type(restored or current)
        for parent_admin in self.admin_site._registry.values():
            for inline_class in parent_admin.inlines:
                if inline_class.model is model:
                    inline = inline_class(parent_admin.model, self.admin_site)
                    parent = _get_foreign_key(parent_admin.model, model, fk_name=inline.fk_name).name
                    before, after = current and getattr(current, parent), restored and getattr(restored, parent)
                    if current is None:
                        allowed = inline.has_add_permission(request, after)
                    elif restored is None:
                        allowed = inline.has_delete_permission(request, before)
                    else:
                        allowed = inline.has_change_permission(request, before) and inline.has_change_permission(
                            request, after
                        )
                    return None if allowed else _may_not(current, restored)
        return f"{model._meta.verbose_name_plural.capitalize()} can’t be changed in the admin."

    def revert_refused(self, request, changes, held, version):
        """Why this user may not make every change of a revert (`revert_changes`), or why it can't be
        written (`held`: `_held`'s list for those changes); an empty list if neither."""
        reasons = []
        for current, restored in changes:
            model_admin = self.admin_site._registry.get(type(restored or current))
            if isinstance(model_admin, GuardedVersionAdmin):
                reason = model_admin.revert_refusal(request, current, restored, version)
            else:
                reason = self.inline_revert_refusal(request, current, restored)
            if reason and reason not in reasons:
                reasons.append(reason)
        return reasons + [reason for reason in _taken(held) if reason not in reasons]

    def revert_refused_page(self, request, version, reasons, back_url, back_label):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "This version can’t be restored",
            "version": version,
            "reasons": reasons,
            "back_url": back_url,
            "back_label": back_label,
        }
        return TemplateResponse(request, "admin/revert_refused.html", context, status=403)

    def guarded_revert(self, request, version, back_url, back_label, view):
        """`view` (reversion's, which reverts to `version`), if this user may make every change of it and it
        can be written; else the page refusing it, with the reasons (403)."""
        with transaction.atomic():
            try:
                changes = revert_changes(version.revision)
                gone = _references_gone(changes)
                # Before the other checks: they read the objects, and a speaker gone raised there.
                reasons = _gone_refusals(gone)
                held = list(_held(changes)) if not reasons else []  # read once: for the refusal and placeholders
                reasons = reasons or self.revert_refused(request, changes, held, version)
            except ObjectDoesNotExist as error:
                reasons = [f"This version refers to something deleted since ({error}): it can’t be restored."]
            except RevertError as error:
                reasons = [str(error)]
            if reasons:
                return self.revert_refused_page(request, version, reasons, back_url, back_label)
            before = transaction.savepoint()
            placeholders = _free_for_revert(held)
            reasons = _unwritable(version.revision, changes)
            if reasons:
                transaction.savepoint_rollback(before)
                return self.revert_refused_page(request, version, reasons, back_url, back_label)
            response = view()
            _clear_gone(gone)
            # Reversion's view writes the revert only on a valid POST: else the rows get their own values back.
            if placeholders and not _placeholders_written_over(placeholders):
                transaction.savepoint_rollback(before)
            return response

    def revision_view(self, request, object_id, version_id, extra_context=None):
        versions = Version.objects.get_for_model(self.model)
        version = get_object_or_404(versions, pk=version_id, object_id=unquote(object_id))
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.can_restore(request, obj):
            raise PermissionDenied
        history = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
        )
        return self.guarded_revert(
            request,
            version,
            history,
            "History",
            lambda: super(GuardedVersionAdmin, self).revision_view(request, object_id, version_id, extra_context),
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if not self.can_restore(request):
            raise PermissionDenied
        deleted = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_recoverlist")
        return self.guarded_revert(
            request,
            version,
            deleted,
            f"Deleted {self.opts.verbose_name_plural}",
            lambda: super(GuardedVersionAdmin, self).recover_view(request, version_id, extra_context),
        )

    def recoverlist_view(self, request, extra_context=None):
        if not self.can_restore(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj)
        for key in ("version_id1", "version_id2"):
            value = request.GET.get(key, "")
            if not value.isascii() or not value.isdigit() or not versions.filter(pk=value).exists():
                raise Http404("No such version of this object.")
        return super().compare_view(request, object_id, extra_context)
