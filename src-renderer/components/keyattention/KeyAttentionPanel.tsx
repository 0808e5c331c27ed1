import type { Navigate } from '../../router';

/** Key-attention reviews due on the workbench. Placeholder until its module fills it in. */
export function KeyAttentionPanel({ onNavigate }: { onNavigate: Navigate }) {
  void onNavigate;
  return null;
}
