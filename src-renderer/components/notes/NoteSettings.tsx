/** Note template and signing deadline in Settings. Placeholder until the notes module fills it in. */
export function NoteSettings() {
  return null;
}
