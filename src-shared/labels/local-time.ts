function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A stored instant as the people at the workstation read it: local date and time to the minute
 * (`2026-09-03 14:05`). The one formatter for instants in every list, detail and printout; `empty`
 * stands in for a missing time, and text that is no instant is shown as it is rather than as
 * "Invalid Date".
 */
export function localTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  // A bare date is a local day (as dayjs reads it), not UTC midnight.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
