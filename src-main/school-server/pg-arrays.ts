/**
 * Column arrays for PostgreSQL in its binary array format (what array_send writes and array_recv
 * reads): a length and the bytes of each element, no quoting. A bundle's rows travel as one array
 * per column; as text literals ('{"…","…"}') every element was escaped here and parsed back
 * character by character by the server, which was a large share of applying a bundle.
 *
 * node-postgres sends a Buffer parameter in binary format; the statement casts the parameter
 * (`$3::text[]`), so the server reads it with that array type's receive function.
 */

/** The array types the receiver's statements cast their column parameters to. */
export type PgArrayType = 'text' | 'integer' | 'bigint';

const ELEMENT_OID: Record<PgArrayType, number> = { text: 25, integer: 23, bigint: 20 };
const HEADER = 20;

function header(buffer: Buffer, type: PgArrayType, length: number, hasNull: boolean): number {
  buffer.writeInt32BE(length === 0 ? 0 : 1, 0); // dimensions (an empty array has none)
  buffer.writeInt32BE(hasNull ? 1 : 0, 4);
  buffer.writeInt32BE(ELEMENT_OID[type], 8);
  if (length === 0) return 12;
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16); // lower bound
  return HEADER;
}

/** A text[] parameter: strings as UTF-8 (as node-postgres writes a text parameter), null as NULL. */
export function textArray(values: readonly unknown[]): Buffer {
  let size = HEADER;
  for (const value of values) size += 4 + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const buffer = Buffer.allocUnsafe(size);
  let at = HEADER;
  let hasNull = false;
  for (const value of values) {
    if (value === null || value === undefined) {
      buffer.writeInt32BE(-1, at);
      at += 4;
      hasNull = true;
      continue;
    }
    if (typeof value !== 'string') throw new TypeError(`text[] element is a ${typeof value}`);
    const bytes = buffer.write(value, at + 4, 'utf8');
    buffer.writeInt32BE(bytes, at);
    at += 4 + bytes;
  }
  const start = header(buffer, 'text', values.length, hasNull);
  // An empty array's header is shorter: it has no elements to move.
  return start === HEADER ? buffer : buffer.subarray(0, start);
}

/**
 * An integer[] or bigint[] parameter, or null where a value does not fit the type (or is not an
 * integer): the caller then sends the array as text, and the server answers as it always did
 * (an out-of-range value is refused there, with its own message).
 */
export function integerArray(values: readonly unknown[], type: 'integer' | 'bigint'): Buffer | null {
  const width = type === 'integer' ? 4 : 8;
  const buffer = Buffer.allocUnsafe(HEADER + values.length * (4 + width));
  let at = HEADER;
  let hasNull = false;
  for (const value of values) {
    if (value === null || value === undefined) {
      buffer.writeInt32BE(-1, at);
      at += 4;
      hasNull = true;
      continue;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null;
    buffer.writeInt32BE(width, at);
    if (width === 4) {
      if (value < -2147483648 || value > 2147483647) return null;
      buffer.writeInt32BE(value, at + 4);
    } else buffer.writeBigInt64BE(BigInt(value), at + 4);
    at += 4 + width;
  }
  const start = header(buffer, type, values.length, hasNull);
  return start === HEADER ? buffer.subarray(0, at) : buffer.subarray(0, start);
}

/** A column parameter in binary where it can be; otherwise the array as it was (node-postgres writes it as text). */
export function arrayParam(values: readonly unknown[], type: PgArrayType): Buffer | readonly unknown[] {
  if (type === 'text') return values.every((v) => v === null || v === undefined || typeof v === 'string') ? textArray(values) : values;
  return integerArray(values, type) ?? values;
}

const CAST = /\$(\d+)::(text|integer|bigint)\[\]/g;

/**
 * The parameters of a statement with `$n::text[]` / `::integer[]` / `::bigint[]` casts, the arrays
 * among them in binary. Other parameters are left as they are.
 */
export function binaryArrayParams(sql: string, params: readonly unknown[]): unknown[] {
  const out = [...params];
  for (const match of sql.matchAll(CAST)) {
    const i = Number(match[1]) - 1;
    const value = out[i];
    if (Array.isArray(value)) out[i] = arrayParam(value, match[2] as PgArrayType);
  }
  return out;
}
