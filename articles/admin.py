from collections import Counter

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from newsroom.admin import (
    HTTPS_URL_FIELDS,
    GuardedVersionAdmin,
    LargeTableAdmin,
    OldAddressesAdmin,
    PreloadedAutocompleteSelect,
    PreloadedTabularInline,
)
from newsroom.forms import BoundedInlineFormSet, StaleEditForm
from people.models import Person, State

from . import editor, importer, richtext, search, text_facts
from .forms import (
    SPEAKER_GONE,
    ArticleAdminForm,
    BylineForm,
    BylineFormSet,
    CoverageForm,
    EvidenceFormSet,
    ImportForm,
    ProposalReviewForm,
    QuoteCorrectionForm,
    QuoteFormSet,
    QuoteVerificationForm,
    speaker_still_there,
)
from .models import Article, Byline, Correction, Evidence, Outlet, Quote, QuoteProposal, Topic
from .workflow import can_be_retracted, can_delete, can_edit, can_publish, can_retract, can_verify, editable

# A quote's history holds its evidence: a revision of the quote (or of its article, which follows
# its quotes) records the evidence with it, and restoring it restores them. Registered here, before
# the article admin registers Quote as its inline without them.
reversion.register(Evidence)
reversion.register(Quote, follow=["evidence"])


def in_sentence(sentences, start, end):
    """(before, words, after): `text[start:end]` within the sentences around it (a text_facts.Sentences),
    for an editor to read."""
    first, last = sentences.bounds(start, end)
    text = sentences.text
    return text[first:start], text[start:end], text[end:last]


def accept_everything(data, coverage):
    """The review form's data with every proposal accepted and every state and topic checked: the rows of
    as many forms as the formset builds (a forged count of 99,999,999 rows took 12 minutes here)."""
    data = data.copy()
    total = data.get("form-TOTAL_FORMS", "")
    for index in range(min(int(total), ProposalFormSet.absolute_max) if total.isascii() and total.isdigit() else 0):
        data[f"form-{index}-decision"] = "accepted"
    data.setlist("states", [str(obj.pk) for kind, obj, *_ in coverage if kind == "state"])
    data.setlist("topics", [str(obj.pk) for kind, obj, *_ in coverage if kind == "topic"])
    return data


def _proposal_key(form):
    """The proposal a review row was posted for, as an int; None if it names none."""
    value = form["proposal"].value()
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else value


def add_coverage(article, cleaned):
    """Add the checked states and topics to the article; their names, for the message. Each is locked until
    the save commits (one deleted meanwhile is left out, not a failure at commit)."""
    states = list(State.objects.select_for_update(no_key=True).filter(pk__in=cleaned["states"]))
    topics = list(Topic.objects.select_for_update(no_key=True).filter(pk__in=cleaned["topics"]))
    if states:
        article.states.add(*states)
    if topics:
        article.topics.add(*topics)
    return [str(obj) for obj in [*states, *topics]]


def save_with_revision(request, article, fields, comment):
    """Save only `fields` (an action mustn't overwrite a concurrent edit), recorded in the history."""
    with reversion.create_revision():
        article.save(update_fields=[*fields, "updated_at"])
        reversion.set_user(request.user)
        reversion.set_comment(comment)


# The revision comment of an article "retracted" before readers ever saw it.
UNPUBLISHED = "Unpublished: never public, so not retracted."

# The changelist's hidden field per article holding the version the editor saw (see change_each).
SEEN_PREFIX = "seen-"
# Proposed quotes on one review screen (six fields each, within DATA_UPLOAD_MAX_NUMBER_FIELDS).
REVIEW_BATCH = 50
# No more forms than a screen holds, whatever count a post says (Django's own limit is 2,000 forms).
ProposalFormSet = forms.formset_factory(ProposalReviewForm, extra=0, max_num=REVIEW_BATCH, absolute_max=REVIEW_BATCH)


class ArticleInlineMixin:
    """Bylines, quotes and corrections are editable exactly when their article is."""

    def _article_editable(self, request, obj):
        return obj is None or can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class BylineInline(ArticleInlineMixin, PreloadedTabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    preload = ["author"]
    select_related = ["article"]
    fields = ["author", "position"]


class QuoteInline(ArticleInlineMixin, PreloadedTabularInline):
    """One table row per quote, so an article with many quotes stays one screen tall."""

    model = Quote
    form = QuoteCorrectionForm
    formset = QuoteFormSet
    extra = 1
    autocomplete_fields = ["speaker"]
    preload = ["speaker"]
    fields = [
        "speaker",
        "kind",
        "text",
        "context",
        "said_on",
        "said_on_precision",
        "position",
        "correction",
        "loaded_at",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"text": forms.Textarea(attrs={"rows": 2})}
        return super().get_formset(request, obj, **kwargs)


class CorrectionInline(ArticleInlineMixin, admin.TabularInline):
    model = Correction
    formset = BoundedInlineFormSet
    extra = 0
    fields = ["date", "text"]


@admin.register(Article)
class ArticleAdmin(OldAddressesAdmin, LargeTableAdmin, GuardedVersionAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status_badge", "outlet", "published_at", "quote_count", "public_link"]
    list_filter = ["status", "outlet", "states", "topics", "published_at"]
    list_select_related = ["outlet"]
    search_fields = ["headline", "dek", "slug"]
    search_help_text = "Words in the headline, dek or body, or the exact slug."
    # Newest first, undated drafts at the top (on PostgreSQL), read off article_published_at_idx;
    # other columns would sort 100,000 rows on every page.
    ordering = ["-published_at", "-pk"]
    sortable_by = ["published_at"]
    formfield_overrides = HTTPS_URL_FIELDS
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["outlet", "topics", "lead_image"]
    filter_horizontal = ["states"]
    inlines = [BylineInline, QuoteInline, CorrectionInline]
    actions = ["publish_now", "retract", "submit_drafts"]

    readonly_fields = ["proposals_link", "quote_marks"]

    @admin.display(description="Quotes marked in the body")
    def quote_marks(self, article):
        """Where the body's marked words and the quotes' texts disagree (one query: the quotes)."""
        quotes = dict(article.quotes.order_by("position", "pk").values_list("pk", "text"))
        marked = richtext.marks(article.body)
        unmarked = [pk for pk in quotes if pk not in marked]
        differ = richtext.disagreements(article.body, quotes)
        if not differ and not unmarked:
            return f"All {len(quotes)} marked; each reads as its quote." if quotes else "No quotes."
        wrong = format_html_join(
            "",
            '<li class="errornote">Quote {} reads “{}”, but the body marks “{}”: correct the body or the quote.</li>',
            differ,
        )
        numbers = ", ".join(map(str, unmarked))
        rest = format_html("<li>Not marked in the body (set off where their words first appear): {}</li>", numbers)
        return format_html("<ul>{}{}</ul>", wrong, rest if unmarked else "")

    @admin.display(description="Proposed quotes")
    def proposals_link(self, article):
        pending = article.proposals.filter(decision=QuoteProposal.Decision.PENDING).count()
        url = reverse("admin:articles_article_proposals", args=[article.pk])
        return format_html('<a href="{}">Review {} proposed quote(s)</a>', url, pending) if pending else "None waiting"

    def get_fieldsets(self, request, obj=None):
        content = (None, {"fields": ["headline", "slug", "dek", "lead_image", "body", "loaded_at"]})
        if obj is not None:  # its own fieldsets: OldAddressesAdmin's placing is overridden
            content[1]["fields"].insert(2, "old_addresses")
            content[1]["fields"].insert(6, "quote_marks")  # after the body
        if obj is not None and obj.proposals.exists():
            content[1]["fields"].insert(0, "proposals_link")
        coverage = ("Coverage", {"fields": ["topics", "states"]})
        if can_publish(request.user):
            publication = ["status", "published_at", "outlet", "original_url"]
            if obj is not None and obj.status == Article.Status.RETRACTED:
                publication.append("retraction_note")
            return [content, ("Publication", {"fields": publication}), coverage]
        # Reporters: no status, no publication date; they submit drafts for review.
        return [
            content,
            ("Source", {"fields": ["outlet", "original_url"]}),
            coverage,
            ("Review", {"fields": ["submit_for_review"]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The body's editor needs its import map and Tiptap's style, allowed by their hashes on
        # this form only (its revisions and recoveries included); every other page keeps the
        # site's policy (newsroom.middleware.content_security_policy).
        response = super().changeform_view(request, object_id, form_url, extra_context)
        response.headers["Content-Security-Policy"] = editor.content_security_policy()
        return response

    def get_queryset(self, request):
        # A correlated count, computed for the rows of the page only (no GROUP BY over the table).
        quotes = Quote.objects.filter(article=OuterRef("pk")).order_by().values("article")
        return (
            super()
            .get_queryset(request)
            .annotate(quote_total=Coalesce(Subquery(quotes.annotate(n=Count("pk")).values("n")), 0))
        )

    def get_search_results(self, request, queryset, search_term):
        if request.resolver_match.url_name == "autocomplete":
            # The quote form's article: offered as that form's field offers it (QuoteAdmin).
            queryset = editable(request.user, queryset)
        term = search_term.strip()
        if not term:
            return queryset, False
        fields = ["headline", "dek", "slug"]
        return search.admin_search(queryset, term, search.ARTICLE_DOCUMENT, fields, Q(slug=term)), False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_delete(request.user, obj)

    def can_restore(self, request, obj=None):
        # Restoring can un-retract or roll back published work: an editor's decision.
        return can_publish(request.user) and super().can_restore(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_retract_permission(self, request):
        return can_retract(request.user)

    def has_review_permission(self, request):
        return request.user.has_perm("articles.change_article") and not can_publish(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_publish(request.user):
            # The bulk delete checks model permissions only; reporters delete one draft at a time.
            actions.pop("delete_selected", None)
        return actions

    def delete_queryset(self, request, queryset):
        if not all(can_delete(request.user, article) for article in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not can_publish(request.user):
            # Enforced here, not only by the missing field: a reporter's article stays unpublished.
            if change and not can_edit(request.user, Article.objects.get(pk=obj.pk)):
                raise PermissionDenied
            submitted = form.cleaned_data.get("submit_for_review")
            obj.status = Article.Status.IN_REVIEW if submitted else Article.Status.DRAFT
        super().save_model(request, obj, form, change)
        if getattr(form, "unpublished_instead", False):
            message = "Readers never saw this article, so it was unpublished (back to draft) rather than retracted."
            self.message_user(request, message, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.mark_quotes(form.instance)

    def mark_quotes(self, article):
        """Mark each of the article's quotes whose words appear unmarked in its body (richtext.mark_all),
        as the importer does for the proposals it accepts: an editor types the words in the body and
        the quote in the inline, and the body's words become the quote's. The words don't change, nor
        the plain text: one UPDATE of the body alone (none when nothing is marked), and the article's
        version in this save's history holds the marked body. One query for the quotes."""
        quotes = article.quotes.order_by("position", "pk").values_list("pk", "text")
        marked = richtext.mark_all(article.body, quotes)
        if marked != article.body:
            Article.objects.filter(pk=article.pk).update(body=marked)
            article.body = marked
            if reversion.is_active():
                reversion.add_to_revision(article)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Quote:
            for quote_form in formset.forms:
                if quote_form.cleaned_data and not quote_form.cleaned_data.get("DELETE"):
                    quote_form.record_correction()

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, article):
        return article.quote_total

    @admin.display(description="status", ordering="status")
    def status_badge(self, article):
        state = "scheduled" if article.is_scheduled else article.status
        label = "Scheduled" if article.is_scheduled else article.get_status_display()
        # The version the editor sees, posted with a bulk action: a row changed since is left alone.
        return format_html(
            '<span class="status-badge status-{}">{}</span><input type="hidden" name="{}" value="{}">',
            state,
            label,
            f"{SEEN_PREFIX}{article.pk}",
            article.updated_at.isoformat(),
        )

    @admin.display(description="on the site")
    def public_link(self, article):
        label = "View" if article.is_public else "Preview"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), label)

    class Media:
        css = {"all": ["css/admin.css"]}

    # -- Import from text, and the review of proposed quotes ------------------------------------

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="articles_article_import"),
            path(
                "<int:pk>/proposals/",
                self.admin_site.admin_view(self.proposals_view),
                name="articles_article_proposals",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        existing = None
        if request.method == "POST" and form.is_valid():
            try:
                with reversion.create_revision():
                    copy = form.cleaned_data["copy"]
                    article = importer.import_article(form.cleaned_data["parsed"], user=request.user, copy=copy)
                    reversion.add_to_revision(article)
                    reversion.set_user(request.user)
                    reversion.set_comment("Imported from text as a new copy." if copy else "Imported from text.")
            except importer.AlreadyImported as error:
                existing = error.article  # shown with a link by the template, and the copy box to tick
            except importer.ImportRefused as error:
                form.add_error(None, str(error))
            else:
                count = article.proposals.count()
                self.message_user(request, f"Imported “{article.headline}” as a draft with {count} proposed quotes.")
                return redirect("admin:articles_article_proposals", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "existing": existing,
        }
        context["title"] = "Import article from text"
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def proposals_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        pending = article.proposals.filter(decision=QuoteProposal.Decision.PENDING)
        waiting = pending.count()
        # One screen holds a batch: a long import is reviewed in turns, each page quick to render and post.
        matched = pending.select_related("person__state").prefetch_related("person__positions")
        proposals = {proposal.pk: proposal for proposal in matched[:REVIEW_BATCH]}
        initial = [
            {
                "proposal": p.pk,
                "decision": "accepted",
                "text": p.text,
                "kind": p.kind,
                "context": p.context,
                "said_on": p.said_on,
                "said_on_precision": p.said_on_precision,
                "person": p.person,
                "speaker_name": "" if p.person else p.speaker_name,
                "title": p.title,
                "organization": p.organization,
                "state": p.state_id or "",
                "party": p.party,
            }
            for p in proposals.values()
        ]
        # The states and topics are proposed once, with the first batch: until a quote is decided.
        first_review = not article.proposals.exclude(decision=QuoteProposal.Decision.PENDING).exists()
        data = request.POST if request.method == "POST" else None
        coverage = importer.coverage_proposals(article) if first_review else []
        if data is not None and "accept_all" in data:
            data = accept_everything(data, coverage)
        coverage_form = CoverageForm(data, proposals=coverage)
        states = list(State.objects.values_list("code", "name"))
        may_add_people = request.user.has_perm("people.add_person")
        formset = ProposalFormSet(
            data, initial=initial, form_kwargs={"states": states, "may_add_people": may_add_people}
        )
        for form in formset:
            # Speakers are picked by autocomplete; the matched person labels it without a query.
            field = form.fields["person"]
            field.widget = PreloadedAutocompleteSelect(Quote._meta.get_field("speaker"), self.admin_site)
            field.widget.choices = field.choices
            matched = form.initial.get("person")
            field.widget.preloaded = [(matched.pk, str(matched))] if matched else []
        # A row whose proposal was decided meanwhile (in another tab) is neither shown again nor applied:
        # its errors can't be seen or corrected, so they don't hold back the rows that are.
        decided = [form for form in formset if _proposal_key(form) not in proposals] if data is not None else []
        if decided:
            were = "quote on this page was" if len(decided) == 1 else "quotes on this page were"
            message = f"{len(decided)} proposed {were} decided meanwhile (in another tab): left as decided there."
            self.message_user(request, message, messages.WARNING)
        reviewed = [form for form in formset if form not in decided]
        valid = not formset.non_form_errors() and all(form.is_valid() for form in reviewed)
        if request.method == "POST" and valid and coverage_form.is_valid():
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment("Reviewed proposed quotes.")
                # Locked until the decisions are written: two submissions can't both apply.
                locked = {p.pk: p for p in article.proposals.select_for_update().filter(pk__in=proposals)}
                accepted = rejected = 0
                for form in reviewed:
                    data = form.cleaned_data
                    proposal = locked.get(data.get("proposal"))
                    if proposal is None or proposal.decision != QuoteProposal.Decision.PENDING:
                        continue  # decided meanwhile, in another tab, or not this article's
                    if data["decision"] == "accepted":
                        speaker = data["person"]
                        if speaker is not None and not speaker_still_there(speaker):
                            form.add_error("person", SPEAKER_GONE)
                            transaction.set_rollback(True)
                            break
                        # The same new speaker met earlier in this article is that person, not another.
                        speaker = speaker or importer.speaker_in_article(article, data["speaker_name"])
                        speaker = speaker or importer.new_person(
                            data["speaker_name"],
                            title=data["title"],
                            organization=data["organization"],
                            state=State.objects.get(pk=data["state"]),
                            party=data["party"],
                        )
                        quote = importer.accept(
                            proposal,
                            text=data["text"],
                            kind=data["kind"],
                            person=speaker,
                            context=data["context"],
                            said_on=data["said_on"],
                            said_on_precision=data["said_on_precision"],
                        )
                        reversion.add_to_revision(quote)
                        accepted += 1
                    elif data["decision"] == "rejected":
                        importer.reject(proposal)
                        rejected += 1
                else:
                    added = add_coverage(article, coverage_form.cleaned_data)
                    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
                    message = f"{accepted} quotes accepted, {rejected} rejected."
                    if added:
                        message += f" Added to the article: {', '.join(added)}."
                    self.message_user(request, message, messages.SUCCESS)
                    if accepted + rejected and pending.exists():
                        return redirect("admin:articles_article_proposals", article.pk)  # the next batch
                    return redirect("admin:articles_article_change", article.pk)
        rows, body = [], text_facts.Sentences(article.body_text)
        for form in formset:
            proposal = proposals.get(_proposal_key(form))
            if proposal is not None:
                # Tall enough to read a long quote whole without scrolling inside the box.
                form.fields["text"].widget.attrs["rows"] = min(12, max(2, len(proposal.text) // 90 + 1))
                rows.append((proposal, form, in_sentence(body, proposal.start, proposal.end)))
        checkboxes = {(name, box.data["value"]): box for name in ("states", "topics") for box in coverage_form[name]}
        text = text_facts.Sentences(coverage[0][3]) if coverage else None
        coverage_rows = [
            (kind, obj, reason, checkboxes[(f"{kind}s", str(obj.pk))], in_sentence(text, start, end))
            for kind, obj, reason, _, start, end in coverage
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review proposed quotes: {article.headline}",
            "article": article,
            "rows": rows,
            "coverage_rows": coverage_rows,
            "coverage_form": coverage_form,
            "waiting": waiting,
            "formset": formset,
            "media": self.media + formset.media + forms.Media(js=["js/review.js"]),
        }
        return TemplateResponse(request, "admin/articles/article/proposals.html", context)

    def change_each(self, request, queryset, change):
        """Apply `change` to each selected article, each in its own transaction, on the row re-read under a lock.

        The selection may be minutes old and other editors keep working while a long action runs:
        `change(article)` decides on the row as it is at write time, and returns the revision comment and
        the fields it set, or None to leave the article alone. Returns ({comment: count}, changed meanwhile,
        left alone). One transaction per article: an editor's save waits for one row, not for the batch.
        """
        selected = dict(queryset.order_by("pk").values_list("pk", "updated_at"))
        done, meanwhile, left = Counter(), 0, 0
        for pk, read in selected.items():
            # The version on the editor's page (status_badge); rows selected across pages, as read now.
            seen = request.POST.get(f"{SEEN_PREFIX}{pk}") or read.isoformat()
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(pk=pk).first()
                changed = article is None or article.updated_at.isoformat() != seen
                outcome = change(article) if not changed else None
                if outcome is None:
                    if changed:
                        meanwhile += 1
                    else:
                        left += 1
                    continue
                comment, fields = outcome
                save_with_revision(request, article, fields, comment)
                done[comment] += 1
        return done, meanwhile, left

    def report(self, request, done, meanwhile, left, left_reason):
        message = [done]
        if meanwhile:
            message.append(f"{meanwhile} skipped: changed by someone else meanwhile.")
        if left:
            message.append(f"{left} left as they were: {left_reason}.")
        self.message_user(request, " ".join(message), messages.WARNING if meanwhile else messages.SUCCESS)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        refused = []

        def publish(article):
            # Drafts, articles in review, and scheduled ones; never a retracted article.
            if article.status not in {Article.Status.DRAFT, Article.Status.IN_REVIEW} and not article.is_scheduled:
                return None
            # Nor one whose pictures a published page may not show (missing, or without alt text).
            if problems := article.image_problems():
                refused.append(f"“{article.headline}” was not published: {' '.join(problems)}")
                return None
            now = timezone.now()
            article.status = Article.Status.PUBLISHED
            article.published_at = (
                article.published_at if article.published_at and article.published_at <= now else now
            )
            return "Published.", ["status", "published_at"]

        done, meanwhile, left = self.change_each(request, queryset, publish)
        for message in refused:
            self.message_user(request, message, messages.ERROR)
        self.report(
            request,
            f"Published {done['Published.']} article(s).",
            meanwhile,
            left - len(refused),
            "already public or retracted",
        )

    @admin.action(description="Retract selected articles", permissions=["retract"])
    def retract(self, request, queryset):
        def retract(article):
            if article.status != Article.Status.PUBLISHED:
                return None
            if not can_be_retracted(article):
                article.status = Article.Status.DRAFT
                return UNPUBLISHED, ["status"]
            article.status = Article.Status.RETRACTED
            article.retraction_note = article.retraction_note or "This article has been retracted by the editors."
            return "Retracted.", ["status", "retraction_note", "retracted_at"]

        done, meanwhile, left = self.change_each(request, queryset, retract)
        text = f"Retracted {done['Retracted.']} article(s)."
        if done[UNPUBLISHED]:
            text += f" {done[UNPUBLISHED]} never public: unpublished instead, back to draft."
        self.report(request, text, meanwhile, left, "not published")

    @admin.action(description="Submit selected drafts for review", permissions=["review"])
    def submit_drafts(self, request, queryset):
        def submit(article):
            if article.status != Article.Status.DRAFT or not can_edit(request.user, article):
                return None
            article.status = Article.Status.IN_REVIEW
            return "Submitted for review.", ["status"]

        done, meanwhile, left = self.change_each(request, queryset, submit)
        text = f"Submitted {done['Submitted for review.']} draft(s) for review."
        self.report(request, text, meanwhile, left, "not your drafts")


def posted_correction(request, quote, version):
    """The correction note posted for `quote` with a revert to `version` ("" before posting), or None if the
    revert form has no field for it: only the quote's own form has one, and its row in its article's form."""
    model, object_id = version.content_type.model_class(), version.object_id
    if model is Quote and object_id == str(quote.pk):
        return request.POST.get("correction", "")
    if model is Article and object_id == str(quote.article_id):
        # The article form's quote rows are prefixed "quotes-<n>-"; "quotes-<n>-id" names the quote.
        rows = [
            key.removesuffix("id")
            for key, value in request.POST.items()
            if key.startswith("quotes-") and key.endswith("-id") and value == str(quote.pk)
        ]
        return request.POST.get(f"{rows[0]}correction", "") if rows else ""
    return None


class SpeakerFilter(admin.SimpleListFilter):
    """Filter by one speaker, reached from the person admin's "Quotes" link.

    A sidebar listing every person would hold thousands of names; the search box
    finds speakers by name.
    """

    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not (value.isascii() and value.isdigit()):
            return []
        return [(str(p.pk), p.name) for p in Person.objects.filter(pk=value)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit():
            return queryset.filter(speaker_id=value)
        return queryset


class EvidenceInline(admin.TabularInline):
    """What a quote was checked against: kept by editors (as corrections are: `can_verify`)."""

    model = Evidence
    form = StaleEditForm
    formset = EvidenceFormSet
    extra = 1
    fields = ["kind", "title", "url", "offset", "note", "position", "loaded_at"]
    formfield_overrides = HTTPS_URL_FIELDS

    def _article_editable(self, request, quote):
        return can_verify(request.user, quote and quote.article)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


@admin.register(Quote)
class QuoteAdmin(LargeTableAdmin, GuardedVersionAdmin):
    form = QuoteVerificationForm
    inlines = [EvidenceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "speaker",
                    "kind",
                    "text",
                    "context",
                    "said_on",
                    "said_on_precision",
                    "position",
                    "correction",
                    "loaded_at",
                ]
            },
        ),
        (
            "Verification",
            {
                "fields": ["verification", "verification_note", "verified_by", "verified_at", "rating", "rated_at"],
                "description": "Checked against a recording, transcript or document, listed under Evidence below: "
                "a verified quote needs at least one. Readers see the status, the note and the evidence.",
            },
        ),
        ("The same statement in other articles", {"fields": ["same_statement"]}),
    ]
    readonly_fields = ["verified_by", "verified_at", "rated_at", "same_statement"]
    # Set by editors only (workflow.can_verify); shown to the others who may edit the quote.
    VERIFYING = ["verification", "verification_note", "rating"]
    list_display = ["__str__", "speaker", "kind", "verification", "article", "said_on"]
    list_filter = ["kind", "verification", "said_on", "speaker__state", SpeakerFilter]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name"]
    search_help_text = "Words in the quote, or part of the speaker’s name."
    autocomplete_fields = ["speaker", "article"]
    # Newest first off quote_said_on_idx; sorting a million quotes by another column can't be fast.
    ordering = ["-said_on", "-pk"]
    sortable_by = ["said_on"]
    actions = ["split_from_statement", "match_again"]

    @admin.display(description="Same words elsewhere")
    def same_statement(self, quote):
        if quote.pk is None:
            return "Found when the quote is saved."
        if quote.statement_split:
            return "Split off by an editor: not matched with other articles’ quotes."
        statement = quote.statement
        if statement is None:
            return "None: too short to match."
        others = statement.quotes.exclude(pk=quote.pk).count()
        published = f"{statement.public_count} published appearance(s)"
        if statement.public_count:
            return format_html(
                '{} of {}: <a href="{}">{}</a>.', others + 1, "these words", statement.get_absolute_url(), published
            )
        return f"{others + 1} quote(s), none published yet."

    @admin.action(description="Split selected quotes from their statements (keep them apart)", permissions=["change"])
    def split_from_statement(self, request, queryset):
        done = self.set_apart(
            request, queryset, True, "Split from its statement: kept apart from the same words elsewhere."
        )
        self.message_user(
            request, f"Split {done} quote(s) from their statements; they stay apart until matched again."
        )

    @admin.action(description="Match selected quotes with the same words elsewhere again", permissions=["change"])
    def match_again(self, request, queryset):
        done = self.set_apart(request, queryset, False, "Matched again with the same words elsewhere.")
        self.message_user(request, f"Matched {done} quote(s) again.")

    def set_apart(self, request, queryset, apart, comment):
        """Set `statement_split` on the selected quotes the user may edit, each saved with a version
        and a history entry; how many changed. The save finds or leaves the statement (articles/statements.py)."""
        done = 0
        for pk in queryset.filter(statement_split=not apart).values_list("pk", flat=True):
            with transaction.atomic(), reversion.create_revision():
                quote = Quote.objects.select_for_update().select_related("article").filter(pk=pk).first()
                if quote is None or quote.statement_split == apart or not can_edit(request.user, quote.article):
                    continue
                quote.statement_split = apart
                quote.save()
                reversion.set_user(request.user)
                reversion.set_comment(comment)
                self.log_change(request, quote, comment)
                done += 1
        return done

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        # The speakers named first (a few, by the trigram index), so the quotes' side is
        # two index lookups ORed together rather than a join over a million rows.
        speakers = list(Person.objects.filter(name__icontains=term).values_list("pk", flat=True)[:100])
        also = Q(speaker__in=speakers) if speakers else None
        return search.admin_search(queryset, term, search.QUOTE_DOCUMENT, ["text"], also), False

    def can_restore(self, request, obj=None):
        return can_publish(request.user) and super().can_restore(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            # Only articles the user may edit (a reporter's own drafts): another one was offered, and
            # choosing it answered 403 once the form was filled in (save_model); now it isn't a choice.
            kwargs["queryset"] = editable(request.user, Article.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if can_verify(request.user, obj and obj.article) else [*readonly, *self.VERIFYING]

    def revert_refusal(self, request, current, restored, version):
        # As in the quote form: published words or a published speaker change only with a correction note.
        refusal = super().revert_refusal(request, current, restored, version)
        if refusal or current is None or restored is None:
            return refusal
        if (current.text, current.speaker_id) == (restored.text, restored.speaker_id):
            return None
        if current.article.status != Article.Status.PUBLISHED:
            return None
        note = posted_correction(request, current, version)
        if note is None:
            return (
                f"The quote {current} has been published: restoring its earlier words or speaker needs a "
                "correction note. Restore it from the quote’s or its article’s history and give one there, "
                "or correct it in the quote’s form."
            )
        if request.method == "POST" and not note.strip():
            return f"The quote {current} has been published: give a correction note for it, for readers to see."
        if request.method != "POST":
            messages.warning(request, f"The quote {current} has been published: give a correction note for it below.")
        return None

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj.article))

    def save_model(self, request, obj, form, change):
        if not can_edit(request.user, obj.article):
            raise PermissionDenied
        # Who set the status and when, and when the rating was given: whoever saves a change to them.
        if "verification" in form.changed_data:
            obj.verified_by, obj.verified_at = request.user, timezone.now()
        if "rating" in form.changed_data:
            obj.rated_at = timezone.now()
        super().save_model(request, obj, form, change)  # Quote.save() clears them for "unverified"
        form.record_correction()


@admin.register(Outlet)
class OutletAdmin(OldAddressesAdmin, GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "slug", "homepage_url"]
    autocomplete_fields = ["logo"]
    formfield_overrides = HTTPS_URL_FIELDS
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(OldAddressesAdmin, GuardedVersionAdmin):
    form = StaleEditForm
    list_display = ["name", "slug"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
