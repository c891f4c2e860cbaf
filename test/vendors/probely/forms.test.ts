import t from 'tap'
import { buildTestApp } from '../../helpers'
import { expectedScheduledScan } from './expected'

const URL = '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

function multipart (fields: [string, string][], file?: { name: string, content: string }) {
  const boundary = '----scanstubBoundary7MA4YWxkTrZu0gW'
  let body = ''
  for (const [name, value] of fields) body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  if (file) body += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\n${file.content}\r\n`
  body += `--${boundary}--\r\n`
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body }
}

t.test('a form PATCH: on/off booleans, digits as integers, the last of a repeated field', async t => {
  const { probely } = await buildTestApp(t)
  const res = await probely({
    method: 'PATCH', url: URL, headers: FORM,
    payload: 'partial_scan=on&incremental=off&reduced_scope=yes&override_target_settings=1&scheduled_day_of_week=4&recurrence=d&recurrence=m&timezone=Europe%2FLisbon&week_index=second'
  })
  t.equal(res.statusCode, 200)
  const json = res.json()
  t.same(json, expectedScheduledScan('Dq7HkZ2vRtYp', {
    partial_scan: true, incremental: false, reduced_scope: true, override_target_settings: true,
    scheduled_day_of_week: 4, recurrence: 'm', timezone: 'Europe/Lisbon', week_index: 'second',
    changed: json.changed, changed_by: json.changed_by
  }))
})

t.test('form values: "" is null for a nullable field, "" stays "" where blank is a choice, bad values get DRF messages', async t => {
  const { probely } = await buildTestApp(t)
  const set = await probely({ method: 'PATCH', url: URL, headers: FORM, payload: 'scheduled_day_of_week=2&week_index=first&scan_profile=normal' })
  t.match(set.json(), { scheduled_day_of_week: 2, week_index: 'first', scan_profile: 'normal' })
  const cleared = await probely({ method: 'PATCH', url: URL, headers: FORM, payload: 'scheduled_day_of_week=&week_index=&scan_profile=' })
  t.equal(cleared.statusCode, 200)
  t.match(cleared.json(), { scheduled_day_of_week: null, week_index: '', scan_profile: null })
  const bad = await probely({ method: 'PATCH', url: URL, headers: FORM, payload: 'partial_scan=maybe&scheduled_day_of_week=x&run_on_day_of_week=' })
  t.equal(bad.statusCode, 400)
  t.same(bad.json(), {
    scheduled_day_of_week: ['"x" is not a valid choice.'],
    partial_scan: ['Must be a valid boolean.']
  }, 'an empty run_on_day_of_week is "not sent" (it has a default)')
})

t.test('a multipart PATCH, with a file part that no field accepts', async t => {
  const { probely } = await buildTestApp(t)
  const res = await probely({ method: 'PATCH', url: URL, ...multipart([['recurrence', 'h'], ['partial_scan', 'true'], ['date_time', '2030-05-05T05:05:05+02:00']]) })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { recurrence: 'h', partial_scan: true, date_time: '2030-05-05T03:05:05Z' })
  const withFile = await probely({ method: 'PATCH', url: URL, ...multipart([['recurrence', 'd']], { name: 'timezone', content: 'UTC' }) })
  t.equal(withFile.statusCode, 400)
  t.same(withFile.json(), { timezone: ['Not a valid string.'] })
  const unrelated = await probely({ method: 'PATCH', url: URL, ...multipart([['recurrence', 'd']], { name: 'attachment', content: 'x' }) })
  t.equal(unrelated.statusCode, 200, 'an unknown file field is ignored like any unknown field')
  t.equal(unrelated.json().recurrence, 'd')
})

t.test('a multipart body without a boundary is DRF\'s parse error, and nothing is written', async t => {
  const { probely } = await buildTestApp(t)
  const res = await probely({ method: 'PATCH', url: URL, headers: { 'content-type': 'multipart/form-data' }, payload: 'recurrence=d' })
  t.equal(res.statusCode, 400)
  t.same(res.json(), { detail: 'Multipart form parse error - Invalid boundary in multipart: None' })
  t.same((await probely({ method: 'GET', url: URL })).json(), expectedScheduledScan('Dq7HkZ2vRtYp'))
})

t.test('multipart as DRF reads it: the last of a repeated field, a part\'s own JSON type still text, an empty body a no-op', async t => {
  const { probely } = await buildTestApp(t)
  const repeated = await probely({ method: 'PATCH', url: URL, ...multipart([['recurrence', 'd'], ['recurrence', 'w'], ['partial_scan', 'on']]) })
  t.equal(repeated.statusCode, 200)
  t.match(repeated.json(), { recurrence: 'w', partial_scan: true })

  const boundary = 'b0undary'
  const jsonPart = `--${boundary}\r\nContent-Disposition: form-data; name="timezone"\r\nContent-Type: application/json\r\n\r\n"Europe/Lisbon"\r\n--${boundary}--\r\n`
  const typed = await probely({ method: 'PATCH', url: URL, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: jsonPart })
  t.equal(typed.statusCode, 400, 'the quotes are part of the text')
  t.same(typed.json(), { timezone: ['""Europe/Lisbon"" is not a valid choice.'] })

  const before = (await probely({ method: 'GET', url: URL })).json()
  const empty = await probely({ method: 'PATCH', url: URL, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: '' })
  t.equal(empty.statusCode, 200)
  t.same({ ...empty.json(), changed: before.changed }, before, 'nothing but `changed` moves')
})

t.test('multipart bodies over the limit are a 413 whether announced, streamed or in one file; cut-off bodies a parse error', async t => {
  const { probely } = await buildTestApp(t)
  const boundary = 'b0undary'
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` }
  const bigFile = `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="a.bin"\r\n\r\n${'x'.repeat(1024 * 1024 + 10)}\r\n--${boundary}--\r\n`
  const file = await probely({ method: 'PATCH', url: URL, headers, payload: bigFile })
  t.equal(file.statusCode, 413)
  t.same(file.json(), { detail: 'Request body is larger than 1048576 bytes.' })

  const { Readable } = await import('node:stream')
  const streamed = await probely({ method: 'PATCH', url: URL, headers: { ...headers, 'transfer-encoding': 'chunked' }, payload: Readable.from([bigFile.slice(0, 600_000), bigFile.slice(600_000)]) })
  t.equal(streamed.statusCode, 413, 'no content-length: counted as it arrives')

  const cut = await probely({ method: 'PATCH', url: URL, headers, payload: `--${boundary}\r\nContent-Disposition: form-data; name="recurrence"\r\n\r\nd` })
  t.equal(cut.statusCode, 400)
  t.same(cut.json(), { detail: 'Multipart form parse error - Unexpected end of multipart data' })
  t.same((await probely({ method: 'GET', url: URL })).json(), expectedScheduledScan('Dq7HkZ2vRtYp'), 'nothing was written')
})
