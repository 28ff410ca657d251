// The JavaScript type checks of the positional arguments (the drop-in classes) and of the
// RTC headline builder's options (js/rtc.js): a string is a string of well-formed UTF-16 and
// at most 65,536 code units, a number is an integer in range, `undefined` is absent. Errors
// are `Error`s with a stable `code` and the `field` they name, message `field: rule`.
import { VOCABULARY } from '../generated/vocab.js'

// The error codes by kind (`E.invalidUid` is 'INVALID_UID'), from the core's ErrorKind.
export const E = VOCABULARY.errors

export const MAX_STRING = 65536
export const U32 = 'an integer in 0..=4294967295'

export function fail (code, field, message) {
  const e = new Error(field + ': ' + message)
  e.code = code
  e.field = field
  throw e
}

export function typeName (v) {
  if (v === undefined) return 'undefined'
  if (v === null) return 'null'
  switch (typeof v) {
    case 'string': return 'a string'
    case 'number': return Number.isNaN(v) ? 'NaN' : 'a number'
    case 'boolean': return 'a boolean'
    case 'bigint': return 'a bigint'
    case 'symbol': return 'a symbol'
    case 'function': return 'a function'
  }
  return Array.isArray(v) ? 'an array' : 'an object'
}

export function wrongType (code, field, expected, v) {
  if (v === undefined) fail(code, field, 'is required (' + expected + ')')
  fail(code, field, 'must be ' + expected + ' (got ' + typeName(v) + ')')
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const wellFormed = typeof String.prototype.isWellFormed === 'function'
  ? s => s.isWellFormed()
  : s => !LONE_SURROGATE.test(s)

export function str (code, field, v) {
  if (typeof v !== 'string') wrongType(code, field, 'a string', v)
  if (v.length > MAX_STRING) {
    fail(E.fieldTooLong, field, 'must be at most ' + MAX_STRING + ' characters (got ' + v.length + ')')
  }
  if (!wellFormed(v)) fail(code, field, 'contains a lone UTF-16 surrogate')
  return v
}

export function u32 (code, field, v) {
  if (typeof v !== 'number') wrongType(code, field, U32, v)
  if (!(Number.isInteger(v) && v >= 0 && v <= 4294967295)) fail(code, field, 'must be ' + U32)
  return v
}

export function i16 (code, field, v) {
  if (typeof v !== 'number') wrongType(code, field, 'an integer in -32768..=32767', v)
  if (!(Number.isInteger(v) && v >= -32768 && v <= 32767)) fail(code, field, 'must be an integer in -32768..=32767')
  return v
}

export function get (o, field, key) {
  try {
    return o[key]
  } catch (_) {
    fail(E.invalidField, key, 'could not be read from ' + field)
  }
}
