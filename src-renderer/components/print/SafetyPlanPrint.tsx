/** Placeholder until its module fills it in. */
export function SafetyPlanPrint({ planId }: { planId: string }) {
  void planId;
  return null;
}
