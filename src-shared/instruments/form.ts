import type { InstrumentDefinition, OptionLabel } from './definitions';

/**
 * What the student sees on screen. Instruments shipped as scoring-only show item numbers with
 * their answer scale until the school loads its licensed wording.
 */
export interface LoadedWording {
  title: string;
  instructions: string;
  options?: OptionLabel[];
  items: { number: number; text: string }[];
}

export interface StudentForm {
  /** Neutral title (definition.studentTitle), never the instrument's clinical name. */
  title: string;
  titleEn: string;
  instructions: string;
  hasWording: boolean;
  items: { number: number; text: string | null; options: OptionLabel[] }[];
}

const YES_NO: OptionLabel[] = [
  { value: 1, label: '是' },
  { value: 0, label: '否' },
];

/** Standard Chinese answer labels per scale, used when an instrument has no wording loaded. */
const SCALE_LABELS: Record<string, OptionLabel[]> = {
  scl90: ['没有', '很轻', '中等', '偏重', '严重'].map((label, i) => ({ value: i + 1, label })),
  k10: ['几乎没有', '较少', '有时', '经常', '几乎一直'].map((label, i) => ({ value: i + 1, label })),
  sds: ['没有或很少时间', '小部分时间', '相当多时间', '绝大部分或全部时间'].map((label, i) => ({ value: i + 1, label })),
  sas: ['没有或很少时间', '小部分时间', '相当多时间', '绝大部分或全部时间'].map((label, i) => ({ value: i + 1, label })),
  upi: YES_NO,
  cssrs_screen: YES_NO,
};

function scaleOptions(definition: InstrumentDefinition): OptionLabel[] {
  const labels = SCALE_LABELS[definition.id];
  if (labels) return labels;
  const { min, max } = definition.scale ?? { min: 0, max: 1 };
  return Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, label: String(min + i) }));
}

export function studentFormFor(definition: InstrumentDefinition, loaded: LoadedWording | null): StudentForm {
  const wording = definition.wording ?? loaded;
  const options = wording?.options ?? scaleOptions(definition);
  const texts = new Map<number, { text: string; options?: OptionLabel[] }>();
  for (const item of wording?.items ?? []) texts.set(item.number, item as { text: string; options?: OptionLabel[] });
  return {
    // Not the wording's title: a published title may say 患者 or name a disorder (INSTRUMENTS.md).
    title: definition.studentTitle.zh,
    titleEn: definition.studentTitle.en,
    instructions: wording?.instructions ?? '请根据最近的实际情况，选择最符合的一项。',
    hasWording: wording !== null,
    items: Array.from({ length: definition.itemCount }, (_, i) => {
      const entry = texts.get(i + 1);
      return { number: i + 1, text: entry?.text ?? null, options: entry?.options ?? options };
    }),
  };
}
