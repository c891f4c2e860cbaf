import t from 'tap'
import { MinHeap } from '../../src/core/heap'

/** a small seeded generator: the same numbers every run */
function numbers (seed: number, n: number, max: number): number[] {
  let a = seed
  return Array.from({ length: n }, () => { a = (a * 1103515245 + 12345) % 2 ** 31; return a % max })
}

const drain = (heap: MinHeap<number>) => { const out: number[] = []; for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x); return out }

t.test('an empty heap: size 0, nothing to peek or pop', async t => {
  const heap = new MinHeap<number>((a, b) => a < b)
  t.equal(heap.size, 0)
  t.equal(heap.peek(), undefined)
  t.equal(heap.pop(), undefined)
  t.equal(heap.size, 0, 'popping an empty heap leaves it empty')
})

t.test('pops in order whatever the order of the pushes, duplicates included', async t => {
  for (const [seed, n] of [[1, 1], [2, 2], [3, 3], [4, 7], [5, 100], [6, 1000]]) {
    const heap = new MinHeap<number>((a, b) => a < b)
    const input = numbers(seed, n, 50)
    for (const x of input) heap.push(x)
    t.equal(heap.size, n)
    t.equal(heap.peek(), Math.min(...input), 'peek is the least')
    t.same(drain(heap), [...input].sort((a, b) => a - b), `${n} numbers`)
  }
})

t.test('pushes and pops interleaved keep the order', async t => {
  const heap = new MinHeap<number>((a, b) => a < b)
  const model: number[] = []
  const ops = numbers(7, 2000, 100)
  for (const op of ops) {
    if (op % 3 === 0 && model.length > 0) {
      model.sort((a, b) => a - b)
      t.equal(heap.pop(), model.shift())
    } else {
      heap.push(op)
      model.push(op)
    }
    if (heap.size !== model.length) t.fail('sizes differ')
  }
  t.same(drain(heap), model.sort((a, b) => a - b))
})

t.test('the order is the one `less` gives: a max-heap, ties by a second key', async t => {
  const max = new MinHeap<number>((a, b) => a > b)
  for (const x of [3, 9, 1, 7]) max.push(x)
  t.same(drain(max), [9, 7, 3, 1])
  const byTime = new MinHeap<{ at: number, seq: number }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq))
  const items = [{ at: 2, seq: 0 }, { at: 1, seq: 1 }, { at: 2, seq: 2 }, { at: 1, seq: 3 }, { at: 0, seq: 4 }]
  for (const item of items) byTime.push(item)
  const out: number[] = []
  for (let x = byTime.pop(); x !== undefined; x = byTime.pop()) out.push(x.seq)
  t.same(out, [4, 1, 3, 0, 2])
})

t.test('retain keeps only what it is told, in order; clear empties', async t => {
  const heap = new MinHeap<number>((a, b) => a < b)
  const input = numbers(8, 300, 1000)
  for (const x of input) heap.push(x)
  heap.retain(x => x % 2 === 0)
  const even = input.filter(x => x % 2 === 0).sort((a, b) => a - b)
  t.equal(heap.size, even.length)
  t.same(drain(heap), even)
  for (const x of input) heap.push(x)
  heap.clear()
  t.equal(heap.size, 0)
  t.equal(heap.peek(), undefined)
  heap.push(5)
  t.equal(heap.pop(), 5, 'usable after a clear')
})
