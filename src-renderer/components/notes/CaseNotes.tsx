/** A case's session notes: list, editor, sign, addenda. Placeholder until the notes module fills it in. */
export function CaseNotes({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
