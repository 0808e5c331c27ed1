/** 测评量表 settings (placeholder until the assessment screens land). */
export function Instruments() {
  return null;
}
