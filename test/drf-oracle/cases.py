"""
The corpus: hand-written cases for every field, type, parser, method, header and pagination parameter,
then generated ones (seeded, so a re-record gives the same corpus). A case is one or more requests on a
fresh copy of the demo fixture; `tags` name the Probely-only rules a case reaches (excluded from the figure).
"""
import json
import random
from urllib.parse import quote

T = 'AxtkqTE1AbFd'
S = 'Dq7HkZ2vRtYp'
RULE_SCAN = 'Fs3JmNq8WxBc'  # runs on a day of week
DETAIL = f'/targets/{T}/scheduledscans/{S}/'
LIST = f'/targets/{T}/scheduledscans/'
VALID_TZ = {'UTC', 'Europe/Lisbon', 'America/New_York', 'Asia/Kolkata'}
PROFILES = {'normal', 'lightning'}
DT = '2031-03-04T05:06:07Z'

cases = []


def add(case_id, steps, tags=()):
    cases.append({'id': case_id, 'tags': sorted(set(tags)), 'steps': steps})


def req(method, path, body=None, content_type=None, headers=None, raw=None):
    """body: an object sent as JSON; raw: text or bytes sent as they are."""
    step = {'method': method, 'path': path, 'headers': dict(headers or {})}
    if body is not None:
        raw = json.dumps(body, ensure_ascii=False)
        content_type = content_type or 'application/json'
    if content_type is not None:
        step['headers']['Content-Type'] = content_type
    if isinstance(raw, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in raw):
        raw = raw.encode('utf-8', 'surrogatepass')  # as bytes, so both sides send the same ones
    if isinstance(raw, bytes):
        step['bodyBase64'] = __import__('base64').b64encode(raw).decode()
    elif raw is not None:
        step['body'] = raw
    return step


def field_tags(fields):
    """The Probely-only rules a body's fields may reach."""
    tags = set()
    tz = fields.get('timezone')
    if 'timezone' in fields and not (isinstance(tz, str) and tz.strip() in VALID_TZ):
        tags.add('probely:timezone')
    if 'run_on_day_of_week' in fields:
        tags.add('probely:run-on-day-of-week')
    sp = fields.get('scan_profile')
    if isinstance(sp, str) and sp not in PROFILES and sp != '':
        tags.add('probely:scan-profile')
    return tags


# ---- every field, every type, through PATCH, PUT and POST in JSON ----
FIELD_VALUES = {
    'date_time': [
        '2023-10-14T00:02:00Z', '2023-10-14T00:02:00.123456Z', '2023-10-14T00:02:00.123Z', '2023-10-14T00:02:00.1234567Z',
        '2023-10-14T01:02:00+01:00', '2023-10-14T01:02:00+0100', '2023-10-14T01:02:00+01', '2023-10-14T00:02:00-00:00',
        '2023-10-14T00:02:00+01:00:30', '2023-10-14T00:02:00+24:00', '2023-10-14T00:02:00 +01:00', '2023-10-14 00:02:00',
        '2023-10-14 00:02', '2023-10-14T00:02', '2023-10-14T00', '2023-10-14', '20231014', '20231014T000200Z',
        '2023-W41-6', '2023-10-14T00:02:00z', '2023-10-14t00:02:00Z', '1918-1-11', '1918-1-11T0:0Z', '2023-1-4T0:2:0Z',
        '2023-10-14Z', '2023-10-14T00:02:00Z ', ' 2023-10-14T00:02:00Z', '2023-10-14T00:02:00Z\n', '2023-10-14T00:02:00,5Z',
        '2023-10-14T00:02:00.Z', '2023-10-14T24:00:00Z', '2023-10-14T00:02:60Z', '2023-13-01T00:00:00Z', '2023-02-29T00:00:00Z',
        '2024-02-29T00:00:00Z', '0001-01-01T00:00:00+01:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59-01:00',
        '9999-12-31T23:59:59.999999Z', '0000-01-01T00:00:00Z', '\u0662\u0660\u0662\u0663-10-14T00:02:00Z',
        '2023-\u0661\u0660-14T00:02:00Z', '2023-10-14T00:02:00.000000001Z', 'yesterday', '', ' ', None, 20231014, 1.5, True, [], {},
        '2023-10-14T00:02:00+05:30', '2023-10-14T23:59:59-12:00', '2023-12-31T23:30:00-01:00'
    ],
    'recurrence': ['h', 'd', 'w', 'm', 'q', '', 'x', 'H', ' d', 'd ', 'daily', 1, None, True, [], {}],
    'timezone': ['UTC', 'Europe/Lisbon', ' UTC ', '', ' ', None, 'A' * 64, 'A' * 65, 123, 1.5, True, [], {}, 'utc',
                 'Mars/Olympus', 'UT\u0000C', 'UTC\ud800'],
    'run_on_day_of_week': [False, 'false', 'no', 0, 'maybe', None, 2, 'True', 'FALSE', '', [], True],
    'scheduled_day_of_week': [1, 2, 3, 4, 5, 6, 7, '3', '03', ' 3 ', 3.0, 1.5, True, False, 'abc', 0, 8, -1, '', None,
                              [], {}, '1', '\u0663', 2147483648],
    'week_index': ['first', 'second', 'third', 'fourth', 'last', '', None, 'fifth', 'First', ' first', 1, True, []],
    'partial_scan': [True, False, 'true', 'True', 'TRUE', 'yes', 'on', 'off', 'n', '1', '0', 1, 0, 2, 1.0, 'x', None, '', [], {}],
    'override_target_settings': [True, 'false', 'Y', 0.0, 'maybe'],
    'incremental': [True, 'f', 'No', -1],
    'reduced_scope': [True, 'OFF', 'yes please', []],
    'scan_profile': ['normal', 'lightning', '', None, True, False, ' normal', 'normal ', 'NORMAL', 'nope', 5, 1.5, [], {}, ['normal']],
    'id': ['other'], 'target': ['x'], 'changed': ['2000-01-01T00:00:00Z'], 'changed_by': [{}], 'blackout_period': [None],
    'unlimited': ['yes'], 'colour': ['red'],
}

for field, values in FIELD_VALUES.items():
    for i, value in enumerate(values):
        body = {field: value}
        tags = field_tags(body)
        add(f'patch-json-{field}-{i}', [req('PATCH', DETAIL, body), req('GET', DETAIL)], tags)
        full = {'date_time': DT, **body} if field != 'date_time' else body
        add(f'put-json-{field}-{i}', [req('PUT', DETAIL, full), req('GET', DETAIL)], tags)
        add(f'post-json-{field}-{i}', [req('POST', LIST, full)], tags)

# ---- forms: the same rules as text, urlencoded and multipart ----
FORM_VALUES = {
    'date_time': ['2023-10-14T00:02:00Z', '2023-10-14T01:02:00+01:00', '2023-1-4T0:2:0Z', '', 'x'],
    'recurrence': ['d', '', 'x'],
    'timezone': ['Europe/Lisbon', ''],
    'run_on_day_of_week': ['false', '', 'maybe'],
    'scheduled_day_of_week': ['3', '', '03', 'abc'],
    'week_index': ['first', '', 'fifth'],
    'partial_scan': ['on', 'off', '', 'yes', 'x'],
    'incremental': ['1', ''],
    'scan_profile': ['normal', '', ' normal'],
}


def multipart(fields, boundary='b0undaryXyZ'):
    body = ''
    for name, value in fields:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
    body += f'--{boundary}--\r\n'
    return body, f'multipart/form-data; boundary={boundary}'


FORM = 'application/x-www-form-urlencoded'
for field, values in FORM_VALUES.items():
    for i, value in enumerate(values):
        tags = field_tags({field: value})
        pairs = [(field, value)]
        full = pairs if field == 'date_time' else [('date_time', DT)] + pairs
        enc = lambda ps: '&'.join(f'{quote(k)}={quote(v)}' for k, v in ps)
        add(f'patch-form-{field}-{i}', [req('PATCH', DETAIL, raw=enc(pairs), content_type=FORM), req('GET', DETAIL)], tags)
        add(f'put-form-{field}-{i}', [req('PUT', DETAIL, raw=enc(full), content_type=FORM), req('GET', DETAIL)], tags)
        add(f'post-form-{field}-{i}', [req('POST', LIST, raw=enc(full), content_type=FORM)], tags)
        body, ctype = multipart(pairs)
        add(f'patch-multipart-{field}-{i}', [req('PATCH', DETAIL, raw=body, content_type=ctype), req('GET', DETAIL)], tags)
        body, ctype = multipart(full)
        add(f'put-multipart-{field}-{i}', [req('PUT', DETAIL, raw=body, content_type=ctype), req('GET', DETAIL)], tags)
        add(f'post-multipart-{field}-{i}', [req('POST', LIST, raw=body, content_type=ctype)], tags)

add('patch-form-repeated', [req('PATCH', DETAIL, raw='recurrence=d&recurrence=m&partial_scan=on', content_type=FORM)])
add('patch-form-plus-and-percent', [req('PATCH', DETAIL, raw='timezone=Europe%2FLisbon&date_time=2023-10-14+00%3A02', content_type=FORM)])
add('patch-multipart-repeated', [req('PATCH', DETAIL, *reversed(multipart([('recurrence', 'd'), ('recurrence', 'w')])))])
add('patch-multipart-no-boundary', [req('PATCH', DETAIL, raw='recurrence=d', content_type='multipart/form-data'), req('GET', DETAIL)])
add('patch-multipart-cut', [req('PATCH', DETAIL, raw='--b\r\nContent-Disposition: form-data; name="recurrence"\r\n\r\nd', content_type='multipart/form-data; boundary=b')])
add('patch-multipart-file', [req('PATCH', DETAIL, raw='--b\r\nContent-Disposition: form-data; name="attachment"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name="recurrence"\r\n\r\nh\r\n--b--\r\n', content_type='multipart/form-data; boundary=b')])
add('put-form-only-required', [req('PUT', DETAIL, raw=f'date_time={quote(DT)}', content_type=FORM), req('GET', DETAIL)])
add('put-form-rule-scan', [req('PUT', f'/targets/{T}/scheduledscans/{RULE_SCAN}/', raw=f'date_time={quote(DT)}', content_type=FORM)], ['probely:run-on-day-of-week'])

# ---- JSON parsing: Python's words ----
JSON_BODIES = {
    'unterminated-value': '{"recurrence": ', 'bare-key': '{recurrence: "d"}', 'missing-comma': '{"a": 1 "b": 2}',
    'missing-colon': '{"a" 1}', 'extra-data': '{"a": 1}}', 'unterminated-string': '{"a": "b', 'multiline': '{\n  "a": tru\n}',
    'nan': '{"recurrence": NaN}', 'infinity': '{"recurrence": Infinity}', 'minus-infinity': '{"a": -Infinity}',
    'nan-top': 'NaN', 'null': 'null', 'array': '["d"]', 'string': '"d"', 'number': '3', 'true': 'true',
    'trailing-comma': '{"a": 1,}', 'single-quotes': "{'a': 1}", 'control-char': '{"a": "x\ty"}', 'bad-escape': '{"a": "\\x"}',
    'bad-unicode-escape': '{"a": "\\u12"}', 'null-char-escape': '{"timezone": "UT\\u0000C"}', 'surrogate-escape': '{"timezone": "\\ud800"}',
    'surrogate-pair': '{"timezone": "\\ud83d\\ude00"}', 'whitespace-only': '   ', 'deep-nesting': '[' * 50 + ']' * 50,
    'duplicate-keys': '{"recurrence": "x", "recurrence": "d"}', 'big-number': '{"scheduled_day_of_week": 1e400}',
    'leading-zero': '{"a": 01}', 'plus-number': '{"a": +1}', 'emoji-then-error': '{"timezone": "\U0001F600", x}',
    'astral-then-error': '{"a": "\U0001F600\U0001F600"} x',
}
for name, raw in JSON_BODIES.items():
    tags = ['probely:timezone'] if 'timezone' in raw else []
    add(f'json-{name}', [req('PATCH', DETAIL, raw=raw, content_type='application/json'), req('GET', DETAIL)], tags)

add('json-bom', [req('PATCH', DETAIL, raw=b'\xef\xbb\xbf{"recurrence": "d"}', content_type='application/json')])
add('json-invalid-utf8', [req('PATCH', DETAIL, raw=b'{"timezone": "\xff"}', content_type='application/json')])
add('json-invalid-utf8-start', [req('PATCH', DETAIL, raw=b'\xff{}', content_type='application/json')])
add('json-latin1-charset', [req('PATCH', DETAIL, raw='{"recurrence": "d", "colour": "caf\u00e9"}'.encode('latin-1'), content_type='application/json; charset=latin-1')])
add('json-latin1-bad-value', [req('PATCH', DETAIL, raw='{"recurrence": "\u00e9"}'.encode('latin-1'), content_type='application/json; charset=iso-8859-1')])
add('json-utf16-charset', [req('PATCH', DETAIL, raw='{"recurrence": "d"}'.encode('utf-16'), content_type='application/json; charset=utf-16')])
add('json-unknown-charset', [req('PATCH', DETAIL, raw='{"recurrence": "d"}', content_type='application/json; charset=nope')])
add('json-utf8-charset-quoted', [req('PATCH', DETAIL, raw='{"recurrence": "d"}', content_type='application/json; charset="utf-8"')])

# ---- media types and empty bodies ----
for i, ctype in enumerate(['application/json', 'text/plain', FORM, 'multipart/form-data; boundary=x', 'application/xml', None]):
    add(f'empty-body-{i}', [req('PATCH', DETAIL, raw='', content_type=ctype)])
    add(f'empty-body-put-{i}', [req('PUT', DETAIL, raw='', content_type=ctype)])
    add(f'empty-body-post-{i}', [req('POST', LIST, raw='', content_type=ctype)])
for i, ctype in enumerate(['text/plain', 'application/xml; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=UTF-8',
                           'application/vnd.api+json', 'application/*', '*/*', 'text/json', 'application/x-www-form-urlencoded; charset=utf-8',
                           'multipart/mixed; boundary=x']):
    add(f'media-type-{i}', [req('PATCH', DETAIL, raw='{"recurrence": "d"}', content_type=ctype), req('GET', DETAIL)])
add('iso-8601-literal', [req('PATCH', DETAIL, {'date_time': 'iso-8601'})])
add('no-content-type-with-body', [req('PATCH', DETAIL, raw='{"recurrence": "d"}')])
def big(step, prefix, unit, count, suffix):
    """A body too large to keep in a golden file: prefix + unit * count + suffix."""
    step['bodyRepeat'] = [prefix, unit, count, suffix]
    return step


add('body-too-large', [big(req('PATCH', DETAIL, content_type='application/json'), '{"colour": "', 'x', 1024 * 1024 + 10, '"}')], ['probely:body-size'])
add('form-too-large', [big(req('PATCH', DETAIL, content_type=FORM), 'colour=', 'x', 1024 * 1024 + 10, '')], ['probely:body-size'])
add('body-just-under-limit', [big(req('PATCH', DETAIL, content_type='application/json'), '{"recurrence": "d", "colour": "', 'x', 1024 * 1024 - 64, '"}')], ['probely:body-size'])

# ---- PUT as a full update; POST with what create needs ----
add('put-nothing', [req('PUT', DETAIL, {})])
add('put-full', [req('PUT', DETAIL, {'date_time': '2030-05-05T05:05:05+02:00', 'recurrence': 'm', 'timezone': 'Europe/Lisbon',
                                     'run_on_day_of_week': True, 'scheduled_day_of_week': 2, 'week_index': 'last', 'partial_scan': True,
                                     'override_target_settings': True, 'incremental': True, 'reduced_scope': True, 'scan_profile': 'normal'}),
                 req('GET', DETAIL), req('GET', LIST)], ['probely:run-on-day-of-week'])
add('put-required-null', [req('PUT', DETAIL, {'date_time': None})])
add('put-no-slash', [req('PUT', DETAIL[:-1], {'date_time': DT})])
add('put-unknown-scan', [req('PUT', f'/targets/{T}/scheduledscans/NoSuchScan11/', {'date_time': DT})])
add('put-other-target', [req('PUT', f'/targets/3ZpBnUd9WcGh/scheduledscans/{S}/', {'date_time': DT})])
add('put-unknown-with-bad-body', [req('PUT', f'/targets/{T}/scheduledscans/NoSuchScan11/', raw='x', content_type='text/plain')])
add('put-rule-scan-keeps-rule', [req('PUT', f'/targets/{T}/scheduledscans/{RULE_SCAN}/', {'date_time': DT})], ['probely:run-on-day-of-week'])
add('post-nothing', [req('POST', LIST, {})])
add('post-minimal', [req('POST', LIST, {'date_time': DT}), req('GET', LIST)])
add('post-unknown-target', [req('POST', '/targets/NoSuchTarget1/scheduledscans/', {'date_time': DT})])
add('post-no-slash', [req('POST', LIST[:-1], {'date_time': '2031-03-04T06:06:07+01:00'})])
add('patch-unknown-scan', [req('PATCH', f'/targets/{T}/scheduledscans/NoSuchScan11/', {'recurrence': 'd'})])
add('patch-no-slash', [req('PATCH', DETAIL[:-1], {'recurrence': 'd'})])
add('delete', [req('DELETE', DETAIL), req('GET', DETAIL), req('GET', LIST)])
add('delete-unknown', [req('DELETE', f'/targets/{T}/scheduledscans/NoSuchScan11/')])
add('patch-all-errors', [req('PATCH', DETAIL, {'recurrence': 'x', 'partial_scan': 'perhaps', 'scan_profile': True, 'date_time': 'soon', 'scheduled_day_of_week': 'abc', 'week_index': 'z'})])

# ---- methods: every path, every method ----
PATHS = {'targets': '/targets/', 'target': f'/targets/{T}/', 'list': LIST, 'detail': DETAIL, 'all': '/scheduledscans/', 'profiles': '/scan-profiles/'}
for pname, path in PATHS.items():
    for method in ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE', 'PROPFIND', 'COPY', 'LOCK', 'FOO', 'CONNECT']:
        if method in ('POST', 'PUT', 'PATCH') and pname in ('list', 'detail'):
            continue  # bodies: above
        add(f'method-{pname}-{method}', [req(method, path)])
        add(f'method-{pname}-{method}-noslash', [req(method, path[:-1])])

# ---- headers and content negotiation ----
for i, accept in enumerate(['application/json', '*/*', 'application/*', 'text/html', 'application/xml', 'application/json; indent=4',
                            'text/html, application/json;q=0.9', 'application/json; version=2', 'text/plain', '']):
    add(f'accept-{i}', [req('GET', DETAIL, headers={'Accept': accept})])
    add(f'accept-404-{i}', [req('GET', f'/targets/{T}/scheduledscans/NoSuchScan11/', headers={'Accept': accept})])
for i, fmt in enumerate(['json', 'api', 'xml', '', 'JSON']):
    add(f'format-{i}', [req('GET', f'{DETAIL}?format={fmt}')])
    add(f'format-list-{i}', [req('GET', f'/scan-profiles/?format={fmt}')])
add('format-on-patch', [req('PATCH', f'{DETAIL}?format=xml', {'recurrence': 'd'}), req('GET', DETAIL)])
add('auth-none', [req('GET', DETAIL, headers={'Authorization': None})])
add('auth-none-patch', [req('PATCH', DETAIL, {'recurrence': 'x'}, headers={'Authorization': None})])
add('auth-bearer', [req('GET', DETAIL, headers={'Authorization': 'Bearer x'})], ['probely:bearer'])
add('unknown-path', [req('GET', '/nothing/')], ['probely:json-404'])
add('unknown-path-deep', [req('GET', f'/targets/{T}/scheduledscans/{S}/extra/')], ['probely:json-404'])

# ---- pagination ----
for path in ['/scan-profiles/', '/scheduledscans/', LIST, '/targets/']:
    key = path.strip('/').replace('/', '-')
    queries = ['', 'length=1', 'length=2', 'length=1&page=2', 'length=1&page=3', 'length=1&page=4', 'length=1&page=last',
               'length=0', 'length=-1', 'length=abc', 'length=%202', 'length=%2B2', 'length=1_0', 'length=1e1', 'length=2.0',
               'length=10001', 'length=10000', 'length=', 'length=1&length=2', 'length=2&length=1', 'page=1&page=2&length=1',
               'page=0', 'page=-1', 'page=abc', 'page=2.0', 'page=%201', 'page=', 'page=2', 'page=last', 'page=LAST',
               'length=%D9%A1', 'length=%EF%BC%92', 'include=compliance', 'ordering=-changed&length=50&page=1']
    for i, q in enumerate(queries):
        add(f'page-{key}-{i}', [req('GET', f'{path}?{q}' if q else path)])

# ---- generated: random bodies of several fields, through every method and body type ----
rng = random.Random(20261201)
GEN_FIELDS = ['date_time', 'recurrence', 'timezone', 'scheduled_day_of_week', 'week_index', 'partial_scan', 'incremental',
              'scan_profile', 'reduced_scope', 'override_target_settings', 'colour']
for n in range(160):
    fields = rng.sample(GEN_FIELDS, rng.randint(1, 4))
    body = {f: rng.choice(FIELD_VALUES[f]) for f in fields}
    method = rng.choice(['PATCH', 'PUT', 'POST'])
    path = LIST if method == 'POST' else DETAIL
    kind = rng.choice(['json', 'json', 'form', 'multipart'])
    tags = field_tags(body)
    if kind == 'json':
        step = req(method, path, body)
    else:
        def text(v):
            return v if isinstance(v, str) else ('' if v is None else json.dumps(v))
        pairs = [(k, text(v)) for k, v in body.items() if '\u0000' not in text(v) and '\ud800' not in text(v)]
        if kind == 'form':
            step = req(method, path, raw='&'.join(f'{quote(k)}={quote(v)}' for k, v in pairs), content_type=FORM)
        else:
            raw, ctype = multipart(pairs)
            step = req(method, path, raw=raw, content_type=ctype)
    add(f'gen-{n}-{method.lower()}-{kind}', [step] + ([req('GET', DETAIL)] if method != 'POST' else [req('GET', LIST)]), tags)
