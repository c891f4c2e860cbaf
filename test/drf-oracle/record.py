"""
Sends every case of cases.py to the DRF oracle (Django's test client, no network) on a fresh copy of the
demo fixture and writes the answers to golden/*.json, which the tap suite replays against scanstub.
Run through record.sh (Debian's python3 with python3-djangorestframework and python3-django).
"""
import base64
import json
import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'probely_oracle.settings')

import django  # noqa: E402

django.setup()
logging.disable(logging.CRITICAL)  # 4xx/5xx log lines are the answers we record, not news

import rest_framework  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.dateparse import parse_datetime  # noqa: E402

from probely_oracle import dateparse42  # noqa: E402

dateparse42.install()

from cases import cases  # noqa: E402
from normalise import normalise  # noqa: E402
from probely_oracle.models import ScanProfile, ScheduledScan, Target  # noqa: E402

FIXTURE = json.loads((HERE.parent.parent / 'fixtures' / 'demo.json').read_text())['probely']


def load_fixture():
    for i, p in enumerate(FIXTURE['scanProfiles']):
        ScanProfile.objects.create(id=p['id'], seq=i, data=p)
    for i, t in enumerate(FIXTURE['targets']):
        Target.objects.create(id=t['id'], seq=i, data=t)
    for i, s in enumerate(FIXTURE['scheduledScans']):
        fields = {k: v for k, v in s.items() if k not in ('id', 'target', 'date_time', 'changed', 'scan_profile')}
        ScheduledScan.objects.create(id=s['id'], seq=i, target_id=s['target'], scan_profile_id=s['scan_profile'],
                                     date_time=parse_datetime(s['date_time']), changed=parse_datetime(s['changed']), **fields)


class Rollback(Exception):
    pass


def send(client, step):
    headers = {'Authorization': 'JWT oracle', **step['headers']}
    extra = {}
    content_type = None
    for name, value in headers.items():
        if value is None:
            continue
        if name.lower() == 'content-type':
            content_type = value
        else:
            extra['HTTP_' + name.upper().replace('-', '_')] = value
    if 'bodyRepeat' in step:
        prefix, unit, count, suffix = step['bodyRepeat']
        body = (prefix + unit * count + suffix).encode()
    elif 'bodyBase64' in step:
        body = base64.b64decode(step['bodyBase64'])
    else:
        body = step.get('body', '').encode('utf-8', 'surrogatepass')
    path, _, query = step['path'].partition('?')
    extra['QUERY_STRING'] = query
    if content_type is not None:
        extra['CONTENT_TYPE'] = content_type
    response = client.generic(step['method'], path, data=body, content_type=content_type or '', **extra)
    text = response.content.decode('utf-8', 'replace')
    try:
        parsed = json.loads(text) if text else None
        kind = 'json'
    except ValueError:
        parsed, kind = text, 'text'
    return {
        'status': response.status_code,
        'contentType': response.get('Content-Type'),
        'allow': response.get('Allow'),
        'bodyKind': kind,
        'body': normalise(parsed) if kind == 'json' else parsed,
    }


def main():
    call_command('migrate', run_syncdb=True, verbosity=0)
    client = Client(raise_request_exception=False)
    groups = {}
    for case in cases:
        answers = []
        try:
            with transaction.atomic():
                load_fixture()
                for step in case['steps']:
                    answers.append(send(client, step))
                raise Rollback()
        except Rollback:
            pass
        group = case['id'].split('-')[0]
        groups.setdefault(group, []).append({**case, 'answers': answers})
    out = HERE / 'golden'
    out.mkdir(exist_ok=True)
    for old in out.glob('*.json'):
        old.unlink()
    meta = {'oracle': f'Django {django.get_version()}, Django REST framework {rest_framework.VERSION}, Python {sys.version.split()[0]}',
            'parse_datetime': "Django 4.2's (fromisoformat, then the regex)"}
    for group, entries in groups.items():
        (out / f'{group}.json').write_text(json.dumps({'recordedWith': meta, 'cases': entries}, indent=1) + '\n')
    print(f'{len(cases)} cases in {len(groups)} golden files ({meta["oracle"]})')


if __name__ == '__main__':
    main()
