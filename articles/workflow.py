"""Who may do what to an article: the rules the admin enforces on the server.

Editors hold `publish_article`, `retract_article` and `verify_quote`. Reporters hold neither:
they edit only drafts they created, submit them for review, and delete only
their own unpublished work. Researchers may only view articles.
"""

from .models import Article


def can_publish(user):
    return user.has_perm("articles.publish_article")


def can_retract(user):
    return user.has_perm("articles.retract_article")


def can_verify(user, article=None):
    """Setting a quote's verification status, evidence and rating: editors, as corrections are
    (`verify_quote`, granted to Editors by migration), on articles they may edit."""
    return user.has_perm("articles.verify_quote") and can_edit(user, article)


def can_edit(user, article=None):
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and article.status == Article.Status.DRAFT


def editable(user, articles):
    """Of the queryset `articles`, those `user` may edit (as can_edit decides for one), as a queryset."""
    if not user.has_perm("articles.change_article"):
        return articles.none()
    if can_publish(user):
        return articles
    return articles.filter(created_by=user, status=Article.Status.DRAFT)


def can_delete(user, article=None):
    if not user.has_perm("articles.delete_article"):
        return False
    if article is None or can_publish(user):
        return True
    unpublished = article.status in {Article.Status.DRAFT, Article.Status.IN_REVIEW}
    return article.created_by_id == user.pk and unpublished


def can_be_retracted(article):
    """Whether retracting `article`, as it is now, leaves a retraction notice: only if readers can see it.

    The notice shows the headline at the article's address (410), so an article readers never saw
    (a draft, one in review, a scheduled one) is unpublished instead, back to draft, and its address
    keeps answering 404. "Now" rather than "ever": it is the readers' own gate, checked on the locked
    row, and needs no history, which edits outside the admin and scheduled moments passing don't leave.
    """
    return article.is_public
