/** Student mode: the questionnaire alone, full screen (placeholder until the assessment screens land). */
export function StudentMode(_props: { onExit: () => void }) {
  return null;
}
