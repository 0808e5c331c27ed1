import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-shared/contract';

export type GroupListItem = ChannelOutput<'groups.list'>[number];
export type GroupDetail = ChannelOutput<'groups.get'>;
export type GroupMember = GroupDetail['members'][number];
export type GroupSession = GroupDetail['sessions'][number];

export const STATUS_COLORS: Record<GroupListItem['status'], string> = { planned: 'blue', running: 'green', ended: 'default' };

/** The theme as words: the custom text for a custom theme. */
export function themeText(group: Pick<GroupListItem, 'theme' | 'customTheme'>, t: TFunction): string {
  return group.theme === 'custom' && group.customTheme ? group.customTheme : t(`groups.themes.${group.theme}`);
}

export function periodText(group: Pick<GroupListItem, 'startDate' | 'endDate'>, dash: string): string {
  if (!group.startDate && !group.endDate) return dash;
  return `${group.startDate ?? '…'} – ${group.endDate ?? '…'}`;
}
