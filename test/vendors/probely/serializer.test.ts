import fastJsonStringify from 'fast-json-stringify'
import t from 'tap'
import { ScheduledScan } from '../../../src/vendors/probely/schemas'
import { serializeScheduledScan } from '../../../src/vendors/probely/scheduled-scan.serializer'
import { demoFixture } from '../../helpers'
import { expectedScheduledScan } from './expected'

t.test('the spliced serializer gives the same bytes as serializing the schema whole', async t => {
  const whole = fastJsonStringify(ScheduledScan)
  const fixture = demoFixture().probely
  for (const scan of fixture.scheduledScans) {
    const target = fixture.targets.find((x: { id: string }) => x.id === scan.target)
    const value = { ...expectedScheduledScan(scan.id), target }
    t.equal(serializeScheduledScan(value), whole(value), scan.id)
    t.equal(serializeScheduledScan(value), whole(value), `${scan.id}, from the cached target`)
  }
  const odd = { ...expectedScheduledScan('Dq7HkZ2vRtYp'), id: 'quote"and\\slash', target: fixture.targets[0] }
  t.equal(serializeScheduledScan(odd), whole(odd))
  t.same(JSON.parse(serializeScheduledScan(odd)).id, 'quote"and\\slash')
})
