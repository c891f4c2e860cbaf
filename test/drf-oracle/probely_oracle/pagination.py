"""Probely's pagination: PageNumberPagination with `length`, default 10, and its own keys."""
from collections import OrderedDict

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class ProbelyPagination(PageNumberPagination):
    page_size = 10
    page_size_query_param = 'length'
    max_page_size = 10000

    def get_paginated_response(self, data):
        return Response(OrderedDict([
            ('count', self.page.paginator.count),
            ('page_total', self.page.paginator.num_pages),
            ('page', self.page.number),
            ('length', self.page.paginator.per_page),
            ('results', data),
        ]))
