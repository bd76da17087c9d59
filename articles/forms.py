import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html

from newsroom.admin import https_formfield
from newsroom.forms import BoundedInlineFormSet, LockedChoicesForm, StaleEditForm
from people.models import DatePrecision, Party, Person

from . import editor, importer
from .models import Article, Byline, Correction, Quote, rating_scale
from .workflow import can_be_retracted, can_retract

# The article's own fields on its form, in form order.
WATCHED = [
    "headline",
    "slug",
    "dek",
    "lead_image",
    "body",
    "status",
    "published_at",
    "outlet",
    "original_url",
    "retraction_note",
]


class ArticleAdminForm(StaleEditForm):
    """The article form, refusing a save based on a version someone else has changed since
    (its `updated_at` also moves when its quotes, bylines or corrections change)."""

    changed_elsewhere = "its quotes, bylines or corrections"
    locked_choices = ("outlet", "lead_image", "topics", "states")
    submit_for_review = forms.BooleanField(
        required=False, label="Submit for review", help_text="An editor will review and publish it."
    )

    class Meta:
        model = Article
        fields = [*WATCHED, "topics", "states"]
        formfield_callback = https_formfield
        widgets = {"body": editor.BodyEditor}
        help_texts = {
            # The admin shows help text as HTML: the markup named in it is escaped.
            "body": format_html(
                "Paragraphs, links (http, https, mailto), bold, italic, subheads, lists, block quotes and line "
                "breaks. A quote: select its words and press the quote button (one of the quotes below, or a new "
                "one), or give it below in the same words as here: it is marked on save. A picture: the picture "
                "button, or its line ({}) in the HTML view. Anything else is removed on save.",
                '<figure data-image="ID"></figure>',
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not editor.editable(self.instance.body):
            # The rich-text editor would drop what it doesn't know: this body is edited as HTML.
            self.fields["body"].widget = forms.Textarea(attrs={"rows": 20})
            self.fields["body"].help_text = (
                "This body holds markup the editor doesn't keep, so it is edited as HTML: "
                + escape(Article._meta.get_field("body").help_text)
            )

    def clean_published_at(self):
        value = self.cleaned_data["published_at"]
        try:
            value and value.astimezone(datetime.UTC)  # as the database stores it
        except OverflowError:
            raise ValidationError("A date and time this late can’t be stored: give an earlier one.") from None
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.RETRACTED and self.instance.status != Article.Status.RETRACTED:
            if not can_retract(self.user):
                self.add_error("status", "Only editors may retract an article.")
            elif not can_be_retracted(self.instance):
                # Decided on the row as saved (locked by the stale check), not on this form's new date.
                cleaned["status"] = Article.Status.DRAFT
                self.unpublished_instead = True
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            self.add_error("published_at", "A published article needs a publication date and time.")
        if cleaned.get("status") == Article.Status.PUBLISHED and "body" in cleaned:
            # A published page shows no picture that is missing or undescribed (Article.image_problems).
            lead = cleaned.get("lead_image")
            for problem in self.instance.image_problems(lead.pk if lead else None, cleaned["body"]):
                self.add_error("lead_image" if problem.startswith("The lead image") else "body", problem)
        return cleaned


# A speaker picked from the directory who is no longer in it.
SPEAKER_GONE = "This person was deleted meanwhile; choose another."


def speaker_still_there(person):
    """Whether `person` is still in the directory, locked until this save commits so that a deletion
    waits for it (and then finds their new quote) instead of this save failing at commit. Locked as
    an update of the row's other columns would: adding quotes of the same person doesn't wait."""
    return Person.objects.select_for_update(no_key=True).filter(pk=person.pk).exists()


class QuoteCorrectionForm(StaleEditForm):
    """A quote form that asks for a correction when published words or speakers change."""

    correction = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Correction note",
        help_text="Required when changing the words or the speaker of a quote in a published article; "
        "shown to readers at the end of the article.",
    )

    class Meta:
        model = Quote
        fields = ["article", "speaker", "kind", "text", "context", "said_on", "said_on_precision", "position"]
        error_messages = {"speaker": {"invalid_choice": SPEAKER_GONE}}

    def lock_current(self):
        # The article first, as a quote's save touches it and the article form locks it first: no deadlock.
        Article.objects.select_for_update(no_key=True).filter(pk=self.instance.article_id).exists()
        return super().lock_current()

    def clean(self):
        cleaned = super().clean()
        speaker = cleaned.get("speaker")
        if speaker is not None and "speaker" in self.changed_data and not speaker_still_there(speaker):
            self.add_error("speaker", SPEAKER_GONE)
        changed = {"text", "speaker"} & set(self.changed_data)
        if self.instance.pk and changed and not self.stale and not (cleaned.get("correction") or "").strip():
            was_published = Article.objects.filter(
                pk=self.instance.article_id, status=Article.Status.PUBLISHED
            ).exists()
            if was_published:
                self.add_error(
                    "correction", "This quote has been published: say what was corrected, for readers to see."
                )
        return cleaned

    def record_correction(self):
        """Record the correction note, if any, once the quote is saved."""
        note = (self.cleaned_data.get("correction") or "").strip()
        if note:
            Correction.objects.create(article_id=self.instance.article_id, text=note)


class QuoteVerificationForm(QuoteCorrectionForm):
    """The quote's own admin form: its words, and what checking them found (issue 18). Who set the
    status and when are set by the admin on save (QuoteAdmin.save_model), never typed."""

    class Meta(QuoteCorrectionForm.Meta):
        fields = [*QuoteCorrectionForm.Meta.fields, "verification", "verification_note", "rating"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rating" not in self.fields:  # read-only for this user
            return
        # The scale is configuration (settings.NEWSROOM_RATING_SCALE): offered as it is now. A rating
        # on a value since taken off the scale stays offered for this quote until changed.
        choices = [("", "Not rated"), *rating_scale()]
        if self.instance.rating and self.instance.rating not in dict(choices):
            choices.append((self.instance.rating, f"{self.instance.rating} (no longer on the scale)"))
        self.fields["rating"] = forms.ChoiceField(
            choices=choices,
            required=False,
            label="Our rating",
            help_text="The newsroom’s rating of the statement, published as a fact check (ClaimReview).",
        )


class EvidenceFormSet(BoundedInlineFormSet):
    """A quote's evidence: a verified quote keeps at least one source."""

    def clean(self):
        super().clean()
        if self.instance.verification != Quote.Verification.VERIFIED:
            return
        kept = [
            form for form in self.forms if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(
                "A verified quote needs at least one piece of evidence: the recording, transcript or document "
                "it was checked against."
            )


class ImportForm(forms.Form):
    """Paste or upload an article; metadata here overrides what the text says."""

    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 14}), label="Paste the article", max_length=1_000_000
    )
    file = forms.FileField(
        required=False, label="…or upload a text file", help_text="Plain text, UTF-8, at most 1 MB."
    )
    headline = forms.CharField(required=False, max_length=300, help_text="Needed when the text is only the body.")
    outlet = forms.CharField(required=False, max_length=200)
    author = forms.CharField(required=False, max_length=300, label="Byline", help_text="Names, separated by commas.")
    date = forms.DateField(required=False, label="Publication date", widget=forms.DateInput(attrs={"type": "date"}))
    original_url = forms.CharField(
        required=False, max_length=500, label="Original URL", help_text="Where the story was first published."
    )
    copy = forms.BooleanField(
        required=False,
        label="Import as a new copy",
        help_text="Only for a story already in the archive that you want a second copy of.",
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload and text.strip():
            raise ValidationError("Paste the text or upload a file, not both.")
        try:
            if upload:
                if upload.size > importer.MAX_BYTES:
                    raise importer.ImportRefused(f"The file is {upload.size:,} bytes; the limit is 1 MB.")
                text = importer.decode(upload.read())
            cleaned["parsed"] = importer.parse(
                text,
                headline=cleaned.get("headline") or "",
                outlet=cleaned.get("outlet") or "",
                author=cleaned.get("author") or "",
                date=cleaned.get("date") or "",
                original_url=cleaned.get("original_url") or "",
            )
        except importer.ImportRefused as error:
            raise ValidationError(str(error)) from error
        return cleaned


class ProposalReviewForm(forms.Form):
    """One proposed quote on the review screen: accept (as corrected), reject, or leave for later.

    `states` (a list of (code, name) choices) is given by the view, once for every form."""

    proposal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[("accepted", "Accept"), ("rejected", "Reject"), ("pending", "Later")], widget=forms.RadioSelect
    )
    text = forms.CharField(
        max_length=Quote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "class": "proposal-text"}),
    )
    kind = forms.ChoiceField(choices=Quote.Kind.choices)
    context = forms.CharField(
        max_length=500, required=False, help_text="Where or to whom it was said, e.g. “in a letter to …”."
    )
    said_on = forms.DateField(
        required=False,
        label="Said on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the article’s date.",
    )
    said_on_precision = forms.ChoiceField(
        choices=DatePrecision.choices, label="Date known to the", initial=DatePrecision.DAY, required=False
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        label="Speaker",
        help_text="Empty: create the new person described below.",
        error_messages={"invalid_choice": SPEAKER_GONE},
    )
    speaker_name = forms.CharField(max_length=200, required=False, label="New person’s name")
    title = forms.CharField(max_length=200, required=False, label="New person’s title", help_text="e.g. Sheriff")
    organization = forms.CharField(max_length=200, required=False, help_text="e.g. Cook County")
    state = forms.ChoiceField(required=False, label="New person’s state")
    party = forms.ChoiceField(choices=[("", "---------"), *Party.choices], required=False)

    # The fields describing a new person (shown together on the review screen).
    NEW_PERSON = ("speaker_name", "title", "organization", "state", "party")

    def __init__(self, *args, states=(), may_add_people=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "---------"), *states]
        self.may_add_people = may_add_people

    def clean_said_on_precision(self):
        return self.cleaned_data["said_on_precision"] or DatePrecision.DAY

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "accepted" and not cleaned.get("person") and "person" not in self.errors:
            if not self.may_add_people:
                self.add_error(
                    "person", "Choose a speaker from the directory: only researchers and editors add people."
                )
                return cleaned
            # Nobody is added with only a name: a title and a state tell them from their namesakes.
            for name, label in [("speaker_name", "name"), ("title", "title"), ("state", "state")]:
                if not cleaned.get(name):
                    self.add_error(name, f"Give the new person’s {label}, or choose someone known as the speaker.")
        return cleaned

    def new_person_fields(self):
        return [self[name] for name in self.NEW_PERSON]

    def quote_fields(self):
        return [self[name] for name in ("text", "kind", "context", "said_on", "said_on_precision", "person")]


class CoverageForm(forms.Form):
    """The states and topics the importer proposes for an article: each checked one is added."""

    states = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="States covered")
    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Topics")

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        for kind, field in [("state", "states"), ("topic", "topics")]:
            self.fields[field].choices = [(str(obj.pk), str(obj)) for k, obj, *_ in proposals if k == kind]
            self.initial[field] = [value for value, _ in self.fields[field].choices]


class BylineForm(LockedChoicesForm):
    locked_choices = ("author",)

    class Meta:
        model = Byline
        fields = ["author", "position"]


class BylineFormSet(BoundedInlineFormSet):
    """An article's bylines. Django writes the rows one at a time, so two bylines exchanging their authors (or
    one taking the author of a byline deleted below it) would break (article, author) uniqueness on the first
    UPDATE, the other row still holding the author: a byline whose author changes is deleted first and written
    anew (a byline is its article, author and position; nothing refers to its key)."""

    def save_existing_objects(self, commit=True):
        moving = [
            form
            for form in self.initial_forms
            if form.instance.pk and "author" in form.changed_data and not self._should_delete_form(form)
        ]
        if not commit or not moving:
            return super().save_existing_objects(commit)
        self.model._base_manager.filter(pk__in=[form.instance.pk for form in moving]).delete()
        for form in moving:
            form.instance.pk = None
        saved = super().save_existing_objects(commit)  # (rows without a key are passed over)
        for form in moving:
            saved.append(self.save_new(form))
            self.changed_objects.append((form.instance, form.changed_data))
        return saved


class QuoteFormSet(BoundedInlineFormSet):
    """An article's quotes as one form: the same words by the same speaker only once.

    Django writes the rows one at a time, so two quotes of one speaker exchanging their words (or a quote
    taking the words of one deleted below it) would break (article, speaker, text) uniqueness on the first
    UPDATE, the other row still holding the words. When more than one row changes its speaker or words or
    is deleted, those rows first give up their words for a placeholder of their own, replaced (or deleted)
    in the same transaction: a quote keeps its key, which its address holds."""

    def save_existing_objects(self, commit=True):
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk and (self._should_delete_form(form) or {"speaker", "text"} & set(form.changed_data))
        ]
        if commit and len(moving) > 1:
            for pk in moving:
                self.model._base_manager.filter(pk=pk).update(text=f"\ue000{pk}")
        return super().save_existing_objects(commit)

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("speaker") or not data.get("text"):
                continue
            key = (data["speaker"].pk, data["text"].strip())
            if key in seen:
                raise ValidationError(f"{data['speaker']} is quoted twice with the same words; keep one.")
            seen.add(key)
