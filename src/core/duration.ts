import { parse } from '@lukeed/ms'

/**
 * A lifetime as users write it: a number or a string of digits is seconds; otherwise a duration such as
 * `15m`, `12h`, `1.5d` (@lukeed/ms). Returns whole seconds, or undefined when it is not a duration or
 * not more than zero (a token that expires at once, or never, is never what was meant).
 */
export function lifetimeSeconds (value: number | string): number | undefined {
  const text = String(value).trim()
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parse(text.replace(/\s+/g, ''))
  if (ms === undefined || !Number.isFinite(ms) || ms < 1000) return undefined
  return Math.floor(ms / 1000)
}
