/** Placeholder until its module fills it in. */
export function ReferralLetterPrint({ referralId }: { referralId: string }) {
  void referralId;
  return null;
}
