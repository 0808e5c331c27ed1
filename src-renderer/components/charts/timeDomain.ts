const DAY = 24 * 3600 * 1000;

/** How far back a chart with a single day of data looks, so the point has a week of context. */
const SINGLE_DAY_SPAN = 7 * DAY;

/**
 * The x range of a time chart: exactly from the first to the last point. ECharts left alone pads a
 * time axis to "nice" ticks, and with one point it spreads the axis around it, so dates after the
 * measurement (in the future) appear. One point (or all on one day): the week up to it, ending at
 * the point itself, never later.
 */
export function timeAxisDomain(times: readonly (string | number | Date)[]): { min: number; max: number } | null {
  const values = times.map((time) => new Date(time).getTime()).filter((value) => Number.isFinite(value));
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max - min < DAY) return { min: max - SINGLE_DAY_SPAN, max };
  return { min, max };
}
