import t from 'tap'
import { buildTestApp } from '../../helpers'

/**
 * Every field rule through POST, PUT and PATCH, in JSON, urlencoded and multipart: the create path
 * converts and validates exactly as the updates do, and a refused body changes nothing stored.
 */
const LIST = '/targets/AxtkqTE1AbFd/scheduledscans/'
const DETAIL = `${LIST}Dq7HkZ2vRtYp/`
const DT = '2031-03-04T05:06:07Z'

// [field, text sent, the value stored, or the DRF message]
const RULES: [string, string, { stored: unknown } | { error: string }][] = [
  ['date_time', '2031-03-04T10:06:07+05:00', { stored: '2031-03-04T05:06:07Z' }],
  ['date_time', '2023-1-4T0:2:0Z', { stored: '2023-01-04T00:02:00Z' }],
  ['date_time', '0001-01-01T00:00:00+01:00', { error: 'Datetime value out of range.' }],
  ['date_time', '2023-10-14Z', { error: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].' }],
  ['recurrence', 'm', { stored: 'm' }],
  ['recurrence', 'x', { error: '"x" is not a valid choice.' }],
  ['timezone', 'Europe/Lisbon', { stored: 'Europe/Lisbon' }],
  ['timezone', 'Mars/Olympus', { error: '"Mars/Olympus" is not a valid choice.' }],
  ['scheduled_day_of_week', '3', { stored: 3 }],
  ['scheduled_day_of_week', '03', { error: '"03" is not a valid choice.' }],
  ['week_index', 'last', { stored: 'last' }],
  ['week_index', 'fifth', { error: '"fifth" is not a valid choice.' }],
  ['partial_scan', 'on', { stored: true }],
  ['partial_scan', 'maybe', { error: 'Must be a valid boolean.' }],
  ['scan_profile', 'lightning', { stored: 'lightning' }],
  ['scan_profile', ' normal', { error: 'Invalid pk " normal" - object does not exist.' }]
]

function encode (kind: string, fields: [string, string][]) {
  if (kind === 'json') return { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(Object.fromEntries(fields)) }
  if (kind === 'form') return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() }
  const b = 'fieldRulesBoundary'
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: fields.map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${b}--\r\n`
  }
}

t.test('each rule alike on POST, PUT and PATCH, in JSON, form and multipart', async t => {
  const { app, probely } = await buildTestApp(t)
  for (const method of ['POST', 'PUT', 'PATCH'] as const) {
    for (const kind of ['json', 'form', 'multipart']) {
      for (const [field, sent, want] of RULES) {
        const fields: [string, string][] = field === 'date_time' || method === 'PATCH' ? [[field, sent]] : [['date_time', DT], [field, sent]]
        const before = JSON.stringify(app.tenants.exportFixture('default'))
        const res = await probely({ method, url: method === 'POST' ? LIST : DETAIL, ...encode(kind, fields) })
        const what = `${method} ${kind} ${field}=${JSON.stringify(sent)}`
        if ('stored' in want) {
          t.equal(res.statusCode, method === 'POST' ? 201 : 200, what)
          t.same(res.json()[field], want.stored, `${what} is stored as ${JSON.stringify(want.stored)}`)
          const read = await probely({ method: 'GET', url: method === 'POST' ? `${LIST}${res.json().id}/` : DETAIL })
          t.same(read.json()[field], want.stored, `${what}: read back the same`)
        } else {
          t.equal(res.statusCode, 400, what)
          t.same(res.json(), { [field]: [want.error] }, what)
          t.equal(JSON.stringify(app.tenants.exportFixture('default')), before, `${what}: nothing stored`)
        }
      }
    }
  }
})

t.test('PUT is a full update: date_time is required, as on create; a form PUT sets booleans not sent to false', async t => {
  const { probely } = await buildTestApp(t)
  const missing = await probely({ method: 'PUT', url: DETAIL, payload: { recurrence: 'd' } })
  t.equal(missing.statusCode, 400)
  t.same(missing.json(), { date_time: ['This field is required.'] })
  await probely({ method: 'PATCH', url: DETAIL, payload: { partial_scan: true } })
  const form = await probely({ method: 'PUT', url: DETAIL, ...encode('form', [['date_time', DT]]) })
  t.equal(form.statusCode, 200)
  t.equal(form.json().partial_scan, false, 'an HTML checkbox not sent is false')
  const json = await probely({ method: 'PUT', url: DETAIL, payload: { date_time: DT, recurrence: 'h' } })
  t.match(json.json(), { recurrence: 'h', partial_scan: false, date_time: DT })
})
