import type { TFunction } from 'i18next';

/** A short reading of an instrument's switches and cutoffs (only the center-level ones). */
export function optionsSummary(t: TFunction, options: Record<string, unknown> | null | undefined): string[] {
  if (!options) return [];
  const parts: string[] = [];
  if (typeof options.screenCutoff === 'number') parts.push(t('assessments.instruments.summary.screenCutoff', { value: options.screenCutoff }));
  if (typeof options.variant === 'string') parts.push(t('assessments.instruments.summary.variant', { value: options.variant }));
  if (options.scaleOrigin === 0 || options.scaleOrigin === 1) {
    parts.push(t('assessments.instruments.summary.scaleOrigin', { value: options.scaleOrigin === 0 ? '0–4' : '1–5' }));
  }
  const screen = options.screen as Record<string, unknown> | undefined;
  if (screen && typeof screen === 'object') {
    parts.push(
      t('assessments.instruments.summary.screen', {
        totalAbove: screen.totalAbove,
        pstAbove: screen.pstAbove,
        factorMeanAtLeast: screen.factorMeanAtLeast,
      }),
    );
  }
  if (options.rounding === 'floor' || options.rounding === 'half_up') {
    parts.push(t('assessments.instruments.summary.rounding', { value: t(`assessments.instruments.summary.${options.rounding}`) }));
  }
  return parts;
}

/** Two decimals at most, for means and z-scores. */
export function decimal(value: unknown, digits = 2): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toFixed(digits))) : '–';
}
