"""
Django 4.2's parse_datetime on the Django 3.2 that Debian packages: Python's `fromisoformat` first, then
Django's own regex (unchanged between 3.2 and 4.2). DRF imports the function by name, so it is patched there.
"""
import datetime

from django.utils import dateparse
from rest_framework import fields

_regex_parse = dateparse.parse_datetime


def parse_datetime(value):
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return _regex_parse(value)


def install():
    dateparse.parse_datetime = parse_datetime
    fields.parse_datetime = parse_datetime
