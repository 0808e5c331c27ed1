import { SIGN_DUE_HOURS, type NoteTemplate } from '../../../src-shared/contract/notes';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';

const TEMPLATE_KEY = 'notes.template';
const SIGN_DUE_KEY = 'notes.signDueHours';

/** The center's template until someone edits it: 主诉 / 咨询过程 / 评估 / 计划. */
export const DEFAULT_SECTIONS: NoteTemplate['sections'] = [
  { id: 'chief_complaint', label: '主诉' },
  { id: 'process', label: '咨询过程' },
  { id: 'assessment', label: '评估' },
  { id: 'plan', label: '计划' },
];

export function readNoteTemplate(db: Db): NoteTemplate {
  const sections = readSettingValue<NoteTemplate['sections']>(db, TEMPLATE_KEY);
  const hours = readSettingValue<number>(db, SIGN_DUE_KEY);
  return {
    sections: Array.isArray(sections) && sections.length > 0 ? sections : DEFAULT_SECTIONS,
    signDueHours: typeof hours === 'number' && hours >= SIGN_DUE_HOURS.min ? hours : SIGN_DUE_HOURS.default,
  };
}

export function writeNoteTemplate(tx: WriteContext, template: NoteTemplate, at: string): NoteTemplate {
  writeSettingValue(tx, TEMPLATE_KEY, template.sections, at);
  writeSettingValue(tx, SIGN_DUE_KEY, template.signDueHours, at);
  return readNoteTemplate(tx.db);
}

/** The time a note must be signed by: so many hours after the session (or after an unlock). */
export function signDueFrom(from: string, hours: number): string {
  return new Date(new Date(from).getTime() + hours * 3600_000).toISOString();
}
