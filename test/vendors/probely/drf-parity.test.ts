import { writeFileSync } from 'node:fs'
import t from 'tap'
import { buildTestApp } from '../../helpers'
import { type Answer, goldenCases, replay, sameBody } from '../../drf-oracle/replay'

/**
 * Every case DRF answered (test/drf-oracle/golden, re-recorded by test/drf-oracle/record.sh) replayed
 * against scanstub. Cases tagged with a Probely-only rule are left out of the figure; what still differs
 * must be listed below with its reason (and in the README), and a listed case that agrees again must be
 * taken off the list.
 */
const OPTIONS_REASON = "OPTIONS answers DRF's metadata without the view's name and the `actions` field descriptions (not emulated yet)"
const TARGET_WRITES_REASON = "Probely's targets are writable (its SDK creates, patches, replaces and deletes them, #24); the oracle's target view is read-only (405)"
const KEPT_DIFFERENCES: Record<string, string> = {
  'method-targets-OPTIONS': OPTIONS_REASON,
  'method-targets-OPTIONS-noslash': OPTIONS_REASON,
  'method-target-OPTIONS': OPTIONS_REASON,
  'method-target-OPTIONS-noslash': OPTIONS_REASON,
  'method-list-OPTIONS': OPTIONS_REASON,
  'method-list-OPTIONS-noslash': OPTIONS_REASON,
  'method-detail-OPTIONS': OPTIONS_REASON,
  'method-detail-OPTIONS-noslash': OPTIONS_REASON,
  'method-all-OPTIONS': OPTIONS_REASON,
  'method-all-OPTIONS-noslash': OPTIONS_REASON,
  'method-profiles-OPTIONS': OPTIONS_REASON,
  'method-profiles-OPTIONS-noslash': OPTIONS_REASON,
  ...Object.fromEntries(['method-targets-POST', 'method-target-PUT', 'method-target-PATCH', 'method-target-DELETE'].flatMap(id => [id, `${id}-noslash`]).map(id => [id, TARGET_WRITES_REASON])),
  'patch-multipart-cut': "Django's multipart parser takes a body cut before its closing boundary; busboy refuses it, and a cut upload is better refused"
}

const THRESHOLD = 0.97

t.test('scanstub answers as DRF does on the recorded corpus', async t => {
  t.setTimeout(600_000) // some 1,300 cases, a few thousand requests
  const { app } = await buildTestApp(t)
  const cases = goldenCases()
  let counted = 0
  let agreeing = 0
  let typeAgreeing = 0
  let allowAgreeing = 0
  let answers = 0
  const differences: string[] = []
  for (const [i, c] of cases.entries()) {
    let got: Answer[]
    try {
      got = await replay(app, c, `drf-${i}`)
    } catch (err) { // the OpenAPI check of buildTestApp: an answer outside its route's schema
      got = c.answers.map(() => ({ status: 0, contentType: null, allow: null, bodyKind: 'text' as const, body: String(err).slice(0, 300) }))
    }
    const excluded = c.tags.length > 0
    const stepDiffs: string[] = []
    c.answers.forEach((want: Answer, s) => {
      const have = got[s]
      answers++
      // Content-Type is counted everywhere but on unknown paths, where Django's own 404 page is HTML
      if (have.contentType === want.contentType || c.tags.includes('probely:json-404') || KEPT_DIFFERENCES[c.id] === TARGET_WRITES_REASON) typeAgreeing++
      else stepDiffs.push(`step ${s}: Content-Type ${have.contentType} instead of ${want.contentType}`)
      if (have.allow === want.allow) allowAgreeing++
      else stepDiffs.push(`step ${s}: Allow ${have.allow} instead of ${want.allow}`)
      if (have.status !== want.status) stepDiffs.push(`step ${s}: ${have.status} instead of ${want.status}`)
      if (!sameBody(have, want)) stepDiffs.push(`step ${s}: body ${JSON.stringify(have.body).slice(0, 300)} instead of ${JSON.stringify(want.body).slice(0, 300)}`)
    })
    const agrees = c.steps.every((_, s) => got[s].status === c.answers[s].status && sameBody(got[s], c.answers[s]))
    if (!excluded) {
      counted++
      if (agrees) agreeing++
    }
    if (stepDiffs.length > 0) differences.push(`${c.id}${excluded ? ` [${c.tags.join(', ')}]` : ''}: ${stepDiffs.join('; ')}`)
    if (!excluded && !agrees && !(c.id in KEPT_DIFFERENCES)) t.fail(`${c.id} differs from DRF and is not a listed difference`, { diagnostic: true, differences: stepDiffs })
  }
  for (const id of Object.keys(KEPT_DIFFERENCES)) {
    const c = cases.find(x => x.id === id)
    t.ok(c, `${id}: a listed difference names a case of the corpus`)
    t.ok(differences.some(d => d.startsWith(`${id}:`)), `${id} still differs (else take it off the list)`)
  }
  const figure = agreeing / counted
  t.comment(`DRF parity: ${agreeing}/${counted} cases without a Probely-only rule agree on status and body (${(figure * 100).toFixed(1)}%); ` +
    `Content-Type ${typeAgreeing}/${answers}, Allow ${allowAgreeing}/${answers} answers; ${cases.length - counted} tagged cases left out`)
  // DRF_PARITY_OUT=file: every difference, tagged cases' included, one a line (to study them)
  if (process.env.DRF_PARITY_OUT) writeFileSync(process.env.DRF_PARITY_OUT, differences.join('\n') + '\n')
  t.ok(figure >= THRESHOLD, `at least ${THRESHOLD * 100}% agree (${(figure * 100).toFixed(1)}%)`)
  t.equal(typeAgreeing, answers, 'Content-Type agrees on every answer')
})
