/**
 * SCL-90 norm table: 1986 Chinese national adult norm (Jin Hua, Wu Wenyuan, Zhang Mingyuan,
 * 中国正常人SCL-90评定结果, 中国神经精神疾病杂志 1986;12(5):260-263; n = 1,388), on the 1-5 scale.
 *
 * !! THESE VALUES ARE TRANSCRIBED FROM SECONDARY SOURCES AND MUST BE CHECKED AGAINST THE PUBLISHED
 * !! HANDBOOK (评定量表手册) BEFORE RELEASE. `verified` stays false until someone has done so.
 *
 * Kept as data so a center can swap in a newer or local norm (e.g. a student norm) later.
 */
export interface NormEntry {
  mean: number;
  sd: number;
}

export interface Scl90NormTable {
  id: string;
  source: string;
  verified: boolean;
  /** Keyed by factor id, plus `total`, `gsi` and `pst`. The `additional` factor has no norm. */
  scales: Readonly<Record<string, NormEntry>>;
}

export const SCL90_NORMS_JIN_1986: Scl90NormTable = {
  id: 'jin1986_national_adult',
  source: '金华, 吴文源, 张明园. 中国正常人SCL-90评定结果. 中国神经精神疾病杂志, 1986, 12(5): 260-263 (n = 1388)',
  verified: false,
  scales: {
    total: { mean: 129.96, sd: 38.76 },
    gsi: { mean: 1.44, sd: 0.43 },
    pst: { mean: 24.92, sd: 18.41 },
    somatization: { mean: 1.37, sd: 0.48 },
    obsessive_compulsive: { mean: 1.62, sd: 0.58 },
    interpersonal_sensitivity: { mean: 1.65, sd: 0.61 },
    depression: { mean: 1.5, sd: 0.59 },
    anxiety: { mean: 1.39, sd: 0.43 },
    hostility: { mean: 1.48, sd: 0.56 },
    phobic_anxiety: { mean: 1.23, sd: 0.41 },
    paranoid_ideation: { mean: 1.43, sd: 0.57 },
    psychoticism: { mean: 1.29, sd: 0.42 },
  },
};

/** z = (score - mean) / sd, or null without a score or a norm. */
export function zScore(table: Scl90NormTable, scale: string, score: number | null): number | null {
  const norm = table.scales[scale];
  if (score === null || !norm) return null;
  return (score - norm.mean) / norm.sd;
}
