#!/bin/sh
# Re-records test/drf-oracle/golden/*.json from real Django REST framework.
# Needs Debian's python3 with: apt-get install -y python3-djangorestframework python3-django
set -eu
cd "$(dirname "$0")"
exec /usr/bin/python3 record.py "$@"
