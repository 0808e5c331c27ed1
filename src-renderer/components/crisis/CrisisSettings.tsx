/** Crisis templates (versioned) and the level scheme in Settings. Placeholder until its module fills it in. */
export function CrisisSettings() {
  return null;
}
