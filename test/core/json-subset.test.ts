import t from 'tap'
import { containsJson } from '../../src/core/json-subset'

t.test('a primitive or null contains only itself', async t => {
  t.equal(containsJson(1, 1), true)
  t.equal(containsJson('a', 'a'), true)
  t.equal(containsJson(null, null), true)
  t.equal(containsJson(true, true), true)
  t.equal(containsJson(1, '1'), false, 'no coercion')
  t.equal(containsJson(0, false), false)
  t.equal(containsJson(null, {}), false, 'null holds no object')
  t.equal(containsJson({}, null), false, 'an object is not null')
  t.equal(containsJson(1, {}), false, 'a number holds no object')
  t.equal(containsJson({ a: 1 }, 1), false)
})

t.test('an object contains every field of the expected one, each containing its value, extra fields ignored', async t => {
  t.equal(containsJson({ a: 1, b: 2 }, { a: 1 }), true)
  t.equal(containsJson({ a: 1, b: 2 }, {}), true, 'the empty object is in every object')
  t.equal(containsJson({ a: 1 }, { a: 1, b: 2 }), false, 'a field missing')
  t.equal(containsJson({ a: 1 }, { a: 2 }), false, 'a field with another value')
  t.equal(containsJson({ a: { b: 1, c: 2 } }, { a: { b: 1 } }), true, 'nested, extra fields ignored')
  t.equal(containsJson({ a: { b: 1 } }, { a: { b: 2 } }), false, 'nested value differs')
  t.equal(containsJson({ a: { b: 1 }, z: 1 }, { z: 1, a: { c: 1 } }), false, 'a nested field missing after a field that fits')
  t.equal(containsJson({ a: undefined }, { a: null }), false, 'undefined is not null')
  t.equal(containsJson({}, { toString: {} }), false, 'a field only the prototype has is missing')
  t.equal(containsJson({}, JSON.parse('{"__proto__": {}}')), false, 'a body\'s "__proto__" field is a field like any other, not the prototype')
  t.equal(containsJson(JSON.parse('{"__proto__": {"a": 1}}'), JSON.parse('{"__proto__": {}}')), true)
  t.equal(containsJson({ a: [1] }, { a: {} }), false, 'an array is not an object')
})

t.test('arrays compare item by item, same length', async t => {
  t.equal(containsJson([1, 2], [1, 2]), true)
  t.equal(containsJson([], []), true)
  t.equal(containsJson([1, 2], [2, 1]), false, 'order counts')
  t.equal(containsJson([1, 2, 3], [1, 2]), false, 'a longer array')
  t.equal(containsJson([1], [1, 2]), false, 'a shorter array')
  t.equal(containsJson([{ a: 1, b: 2 }], [{ a: 1 }]), true, 'items contain theirs')
  t.equal(containsJson([{ a: 1 }], [{ a: 2 }]), false)
  t.equal(containsJson({ 0: 1, length: 1 }, [1]), false, 'an object is not an array')
  t.equal(containsJson([1, 2, 3], [1, 5, 3]), false, 'a middle item differs')
})

t.test('a body nested 100,000 deep is compared without overflowing the stack', async t => {
  let actual: unknown = 1
  let expected: unknown = 1
  for (let i = 0; i < 100_000; i++) { actual = { a: actual, b: 2 }; expected = { a: expected } }
  t.equal(containsJson(actual, expected), true)
  let other: unknown = 2
  for (let i = 0; i < 100_000; i++) other = { a: other }
  t.equal(containsJson(actual, other), false)
})
