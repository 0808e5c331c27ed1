/** 花名册.csv -> 花名册-rejected.csv (the rejected rows are always a CSV). */
export function rejectedFileName(original: string): string {
  const base = original.replace(/\.[^./\\]+$/, '') || 'roster';
  return `${base}-rejected.csv`;
}
