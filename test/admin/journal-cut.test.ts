import t from 'tap'
import { JOURNAL_BODY_LIMIT, Journal } from '../../src/core/journal'

t.test('a long answer is kept cut at JOURNAL_BODY_LIMIT characters, with its whole length said once', async t => {
  const journal = new Journal({ entries: 10, bytes: 1_000_000 })
  const answer = (text: string, characters?: number) => ({ time: new Date().toISOString(), tenant: 'a', method: 'GET', path: '/x', query: {}, headers: {}, body: null, status: 200, response: { headers: {}, text, characters }, durationMs: 1, matched: true })
  const atLimit = `"${'a'.repeat(JOURNAL_BODY_LIMIT - 2)}"`
  journal.record(answer(atLimit))
  t.equal(journal.find({ tenant: 'a', limit: 1 })[0].response.body, 'a'.repeat(JOURNAL_BODY_LIMIT - 2), 'at the limit: kept whole (and parsed)')
  const long = 'x'.repeat(20_000)
  journal.record(answer(long))
  t.equal(journal.find({ tenant: 'a', limit: 1 })[0].response.body, `${long.slice(0, JOURNAL_BODY_LIMIT)}… (20000 characters)`)
  // only the start handed over (a large answer sent as bytes), with the whole length
  journal.record(answer(long.slice(0, JOURNAL_BODY_LIMIT + 1), 5_000_000))
  t.equal(journal.find({ tenant: 'a', limit: 1 })[0].response.body, `${long.slice(0, JOURNAL_BODY_LIMIT)}… (5000000 characters)`)
})
