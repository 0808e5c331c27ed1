/** The school's and local crisis lines (used in safety plans) in Settings. Placeholder until its module fills it in. */
export function CrisisLinesSettings() {
  return null;
}
