"""
What differs between two runs and not between implementations: the time a write happened (`changed` of a
scheduled scan written by the test user) and the ids of created scans. The tap test applies the same rules
(test/drf-oracle/normalise.ts).
"""
import json
from pathlib import Path

_FIXTURE = json.loads((Path(__file__).resolve().parent.parent.parent / 'fixtures' / 'demo.json').read_text())['probely']
KNOWN_IDS = {s['id'] for s in _FIXTURE['scheduledScans']}
NESTED_TARGET_FIELDS = ['id', 'site', 'type', 'labels', 'has_assets', 'report_fileformat', 'scanning_agent', 'teams', 'blackout_period']
NESTED = {t['id']: {k: t[k] for k in NESTED_TARGET_FIELDS} for t in _FIXTURE['targets']}


def normalise(value):
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: normalise(v) for k, v in value.items()}
    # the nested target, when it is the fixture's own, by name only: it is most of every answer
    target = out.get('target')
    if isinstance(target, dict) and NESTED.get(target.get('id')) == target:
        out['target'] = f"<target {target['id']}>"
    if 'changed' in out and isinstance(out.get('changed_by'), dict) and out['changed_by'].get('id') == 'u-alice':
        out['changed'] = '<now>'
    if 'target' in out and 'date_time' in out and isinstance(out.get('id'), str) and out['id'] not in KNOWN_IDS:
        out['id'] = '<new>'
    if 'date_time' in out and 'recurrence' in out and 'target' not in out and isinstance(out.get('id'), str) and out['id'] not in KNOWN_IDS:
        out['id'] = '<new>'  # a target's next_scan
    return out
