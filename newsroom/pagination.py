"""The API's pages: REST framework's page numbers, each page's rows found as keys first."""

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination


class KeysFirstPaginator(Paginator):
    """A page's rows found as keys first: the OFFSET walks only the index of the list's order, and
    just this page's rows are read in full with what they join (the reader lists' pages do the
    same, newsroom.filters.RememberedCountPaginator). Read as whole joined rows, page 20,000 of
    the API's million quotes took 3.9 s."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not bottom:  # the first page: nothing to walk past
            return super().page(number)
        top = min(bottom + self.per_page, self.count)
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


class KeysFirstPagination(PageNumberPagination):
    django_paginator_class = KeysFirstPaginator
