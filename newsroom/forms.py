"""Model forms that refuse a save based on a version of the row someone else has changed since."""

import datetime
import hashlib
import json

import reversion
from django import forms
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Version

# How far back the history is searched for who made the current version.
HISTORY_SEARCHED = 100


def _digest(value):
    """A short digest of a value as django-reversion stores it (JSON, datetimes to the millisecond,
    here in UTC), so that a row, a version of it and a form's cleaned value compare alike."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = value.astimezone(datetime.UTC)
    if isinstance(value, File):  # a file field's value, by the name stored
        value = value.name
    return hashlib.sha256(json.dumps(value, cls=DjangoJSONEncoder).encode()).hexdigest()[:10]


def _keys(objects):
    return sorted(str(getattr(obj, "pk", obj)) for obj in objects or [])


class LockedChoicesForm(forms.ModelForm):
    """A model form locking each row newly picked in its `locked_choices` (foreign keys, or many-to-many
    fields: the rows added to them) until the save commits, as an update of the row's other columns would
    (rows pointing at it may still be added meanwhile): a deletion of it then waits, and finds what now
    points at it (ListAdmin locks what it deletes before looking), instead of this save failing at commit
    on the foreign key. A row deleted meanwhile is the field's error, as if it had never been offered."""

    locked_choices = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.locked_choices:
            picked = cleaned.get(name)
            if picked is None or name not in self.changed_data:
                continue
            field = self.fields[name]
            if isinstance(field, forms.ModelMultipleChoiceField):
                had = {str(pk) for pk in field.prepare_value(self.initial.get(name) or [])}
                keys = {row.pk for row in picked if str(row.pk) not in had}
            else:
                keys = {picked.pk}
            model = field.queryset.model
            found = set(
                model._base_manager.select_for_update(no_key=True).filter(pk__in=keys).values_list("pk", flat=True)
            )
            if gone := sorted(keys - found):
                params = {"value": gone[0]}
                error = forms.ValidationError(
                    field.error_messages["invalid_choice"], code="invalid_choice", params=params
                )
                self.add_error(name, error)
        return cleaned


class StaleEditForm(LockedChoicesForm):
    """A model form refusing a save based on a version someone else has changed since.

    The hidden `loaded_at` carries the version the editor's page was built from: a digest of each
    of the row's fields on the form (and its `updated_at`, if it has one). A token computed from
    the values needs no column (nor a migration of the million-row quote table) and sees a change
    made by any path, `update()` and scripts included. If the row has moved on, the save is
    refused, saying which fields changed and who saved them (from the revision history); the form
    keeps what the editor typed, and the fields they left alone show the current values. Saving
    again after reading that replaces the other version, deliberately. On a whole page or on one
    row of an inline (the message is then on the row).
    """

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # What changed when none of the form's fields did (only the row's `updated_at`).
    changed_elsewhere = "something not on this form"
    # Set when the save is refused as based on an older version: other checks of what the editor
    # changed would compare their page with a version they haven't seen.
    stale = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Before a formset adds its own fields (the key, the parent): the page's token and the
        # save's are computed over the same fields.
        opts = self._meta.model._meta
        own = {field.name: field for field in [*opts.concrete_fields, *opts.many_to_many]}
        self.watched = {name: own[name] for name in self.fields if name in own}
        if self.instance.pk:
            # Many-to-many values as the form shows them, without querying them again.
            values = {name: self.initial.get(name) for name, field in self.watched.items() if field.many_to_many}
            self.initial["loaded_at"] = self._token(self.instance, values)

    def clean(self):
        cleaned = super().clean()
        # An unchanged row of an inline isn't written; an unchanged page rewrites the values just read.
        if self.instance.pk and self.has_changed():
            self._refuse_if_stale(cleaned.get("loaded_at") or "")
        return cleaned

    def lock_current(self):
        """The row as committed, locked until this save commits: two saves can't both pass the check."""
        return self._meta.model._base_manager.select_for_update().filter(pk=self.instance.pk).first()

    def _digests(self, values):
        """Each watched field's digest; `values` maps names to model values (related rows by key)."""
        return [
            _digest(_keys(values.get(name)) if field.many_to_many else values.get(name))
            for name, field in self.watched.items()
        ]

    def _token(self, row, values=None):
        values = values or {}
        for name, field in self.watched.items():
            if name not in values:
                values[name] = field.value_from_object(row) if field.many_to_many else getattr(row, field.attname)
        stamps = [getattr(row, f.attname).isoformat() for f in row._meta.concrete_fields if getattr(f, "auto_now", 0)]
        return "@".join([".".join(self._digests(values)), *stamps])

    def _refuse_if_stale(self, loaded):
        current = self.lock_current()
        if current is None:
            return  # deleted meanwhile: the admin says so itself
        token = self._token(current)
        if token == loaded:
            return
        self.stale = True
        names = list(self.watched)
        was, now = loaded.split("@")[0].split("."), token.split("@")[0].split(".")
        if len(was) != len(now):
            was = [None] * len(now)  # a page from before the form changed: nothing can be told apart
        self.data = self.data.copy()
        self._show_current_where_untouched(current, dict(zip(names, was, strict=True)))
        # Saving again after reading this is a deliberate choice to replace their version.
        self.data[self.add_prefix("loaded_at")] = token
        changed = [str(self.fields[name].label) for name, a, b in zip(names, was, now, strict=True) if a and a != b]
        parts = [f"changed: {', '.join(changed) or self.changed_elsewhere}"] if any(was) else []
        if (saved := self._saved_by(current, was, now)) is not None:
            who = f" by {saved.revision.user.get_username()}" if saved.revision.user else ""
            parts.append(f"saved {_moment(saved.revision.date_created)}{who}")
        elif updated_at := getattr(current, "updated_at", None):
            parts.append(f"saved {_moment(updated_at)}")
        details = f" ({'; '.join(parts)})" if parts else ""
        history = " (the history shows both versions)" if reversion.is_registered(type(current)) else ""
        self.add_error(
            None,
            f"This {self._meta.model._meta.verbose_name} was changed after you opened it{details}. "
            "Your version is below, unsaved; the fields you left alone show the new values. "
            f"Check the fields named here{history}, then save again to keep yours.",
        )

    def _saved_by(self, current, was, now):
        """The version that made the current values: the earliest of the newest versions holding them
        (saving an article records each of its quotes, changed or not). None if the history doesn't
        hold it (a change made outside the admin, or to an article's quotes only) or keeps none (pictures, states)."""
        if was == now or not reversion.is_registered(type(current)):
            return None
        found = None
        versions = Version.objects.get_for_object(current).select_related("revision__user")
        for version in versions[:HISTORY_SEARCHED]:
            try:
                values = {name: version.field_dict.get(field.attname) for name, field in self.watched.items()}
            except RevertError:  # saved by an older shape of the model
                break
            if self._digests(values) != now:
                break
            found = version
        return found

    def _show_current_where_untouched(self, current, loaded):
        """Replace what was posted by the current value in each field the editor left as they loaded it."""
        for name, field in self.watched.items():
            if name not in self.cleaned_data or _digest(self._model_value(field, name)) != loaded[name]:
                continue  # the editor's own change (or a value that isn't valid): kept as typed
            bound = self[name]
            widget = bound.field.widget
            widget = getattr(widget, "widget", widget)  # inside the admin's RelatedFieldWidgetWrapper
            if field.many_to_many:
                self.data.setlist(bound.html_name, _keys(field.value_from_object(current)))
            elif isinstance(widget, forms.MultiWidget):
                parts = widget.decompress(getattr(current, field.attname))
                for suffix, part in zip(widget.widgets_names, parts, strict=True):
                    self.data[bound.html_name + suffix] = part
            else:
                self.data[bound.html_name] = getattr(current, field.attname)

    def _model_value(self, field, name):
        """What was posted in a watched field, as the row would store it."""
        value = self.cleaned_data[name]
        if field.many_to_many:
            return _keys(value)
        return getattr(value, "pk", value) if field.is_relation else value


def _moment(when):
    """A moment as the newsroom's clock tells it, day and zone included: a save may be yesterday's."""
    return f"{timezone.localtime(when):%b %d at %H:%M:%S %Z}"


class BoundedInlineFormSet(forms.BaseInlineFormSet):
    """An inline formset that builds at most `new_rows` forms beyond the rows it edits, whatever a post says.

    Django builds as many forms as the posted TOTAL_FORMS asks, up to 2,000: a reporter's forged count on
    their draft, which had no quotes, took 50 s to validate and render again (2,000 empty rows, each with
    its errors). A larger count is refused with the formset's error, as Django refuses one past 2,000.
    """

    new_rows = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # The rows it edits: the query its forms read anyway, evaluated once and kept by the formset.
            self.absolute_max = min(self.absolute_max, len(self.get_queryset()) + self.new_rows)
            message = f"At most {self.new_rows} rows can be added in one save: save these, then add the others."
            self.error_messages = {**self.error_messages, "too_many_forms": message}
