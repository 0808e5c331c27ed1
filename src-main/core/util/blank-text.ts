/**
 * A form's fields as the columns to store: fields left out stay out (a patch changes only what it
 * names), and empty or blank text is stored as null, so filters and statistics see one kind of
 * "nothing".
 */
export function blankTextAsNull<Columns>(fields: object): Partial<Columns> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' && value.trim() === '' ? null : value;
  }
  return out as Partial<Columns>;
}
