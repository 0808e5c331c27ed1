/**
 * The words of the group-counseling (团体辅导) figures in statistics, in both languages: the
 * statistics page, the work report and the .xlsx exports read them here. [简体中文, English].
 */
export const GROUP_FIGURE_KEYS = ['groups', 'sessions', 'members', 'memberSessions'] as const;
export type GroupFigureKey = (typeof GROUP_FIGURE_KEYS)[number];

export const GROUP_FIGURES_TITLE = ['团体辅导', 'Group counseling'] as const;

export const GROUP_FIGURE_LABELS: Record<GroupFigureKey, readonly [zh: string, en: string]> = {
  groups: ['开展团体数', 'Groups that met'],
  sessions: ['团体活动次数', 'Group sessions held'],
  members: ['参加学生数', 'Students who took part'],
  memberSessions: ['参加人次', 'Attendances'],
};

export function groupFigureLabel(key: GroupFigureKey, lang: 'zh-CN' | 'en'): string {
  return GROUP_FIGURE_LABELS[key][lang === 'en' ? 1 : 0];
}
