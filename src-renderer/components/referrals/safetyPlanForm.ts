import type { TFunction } from 'i18next';
import { SAFETY_PLAN_REQUIRED_SECTIONS, SAFETY_PLAN_SECTIONS, type CrisisLine, type SafetyPlanSections } from '../../../src-shared/contract';

export type SectionKey = (typeof SAFETY_PLAN_SECTIONS)[number];
/** The editor writes each section as text, one entry per line. */
export type SectionTexts = Record<SectionKey, string>;

export const ENTRY_MAX = 500;
export const ENTRIES_MAX = 20;

export function linesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function toSections(texts: Partial<SectionTexts>): SafetyPlanSections {
  return Object.fromEntries(SAFETY_PLAN_SECTIONS.map((key) => [key, linesOf(texts[key])])) as SafetyPlanSections;
}

export function toTexts(sections: SafetyPlanSections): SectionTexts {
  return Object.fromEntries(SAFETY_PLAN_SECTIONS.map((key) => [key, sections[key].join('\n')])) as SectionTexts;
}

/** A crisis line as one entry of the plan: name, number, and the note if any. */
export function lineEntry(line: CrisisLine): string {
  return [line.name, line.phone, line.note ? `（${line.note}）` : ''].filter(Boolean).join(' ').replace(' （', '（');
}

/** The lines worth writing into a plan: those with a number (the default school line waits for one). */
export function professionalEntries(lines: readonly CrisisLine[]): string[] {
  return lines.filter((line) => line.phone.trim()).map(lineEntry);
}

/** What is wrong with one section's text, in the user's language, or null (the same rules as the contract). */
export function sectionProblem(key: SectionKey, text: string | undefined, t: TFunction): string | null {
  const entries = linesOf(text);
  if ((SAFETY_PLAN_REQUIRED_SECTIONS as readonly string[]).includes(key) && entries.length === 0) return t('referrals.validation.safetyPlanSectionRequired');
  if (entries.length > ENTRIES_MAX) return t('referrals.validation.safetyPlanTooManyEntries');
  if (entries.some((entry) => entry.length > ENTRY_MAX)) return t('referrals.validation.safetyPlanEntryTooLong');
  return null;
}
