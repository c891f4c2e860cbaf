import t from 'tap'
import { lifetimeSeconds } from '../../src/core/duration'

t.test('a lifetime: digits are seconds, the rest a duration, spaces anywhere ignored', async t => {
  t.equal(lifetimeSeconds(' 60 '), 60, 'digits with spaces around')
  t.equal(lifetimeSeconds('1 d'), 86400)
  t.equal(lifetimeSeconds(' 1.5d '), 129600)
  t.equal(lifetimeSeconds('1000ms'), 1, 'a thousand milliseconds is the least')
  t.equal(lifetimeSeconds('1999ms'), 1, 'whole seconds, rounded down')
  t.equal(lifetimeSeconds(1.9), undefined, 'a number that is not digits reads as a duration of ms, too short')
  t.equal(lifetimeSeconds('999ms'), undefined)
  t.equal(lifetimeSeconds('Infinity'), undefined)
  t.equal(lifetimeSeconds(Number.POSITIVE_INFINITY), undefined)
  t.equal(lifetimeSeconds('1e400'), undefined, 'not a duration')
  t.equal(lifetimeSeconds('9'.repeat(400)), undefined, 'digits too many to be a finite number')
})
