import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a Chinese name: full pinyin and initials, lower case, letters only.
 * Surname mode reads polyphonic surnames right (单 shan, 曾 zeng); ü is written v (吕 lv),
 * as people type it on a keyboard.
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
