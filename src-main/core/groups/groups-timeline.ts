import { eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../../src-shared/contract/students';
import type { TimelineSource } from '../timeline/timeline';
import { counselingGroups, groupMembers, groupSessions } from '../store/schema/groups';

/**
 * On the student file: joining and leaving a group, and each meeting attended. Never the group
 * note; the entries need `groups.manage`, so only clinicians see that a student is in a group.
 */
export const groupTimeline: TimelineSource = {
  kind: 'group',
  permission: 'groups.manage',
  entries(db, studentId) {
    const memberships = db
      .select({ member: groupMembers, group: { id: counselingGroups.id, name: counselingGroups.name } })
      .from(groupMembers)
      .innerJoin(counselingGroups, eq(counselingGroups.id, groupMembers.groupId))
      .where(eq(groupMembers.studentId, studentId))
      .all();
    const entries: TimelineEntry[] = [];
    for (const { member, group } of memberships) {
      const ref = { type: 'group', id: group.id };
      entries.push({ at: member.joinedAt, kind: 'group', titleKey: 'groups.timeline.groupJoined', values: { group: group.name }, level: null, ref });
      if (member.leftAt)
        entries.push({ at: member.leftAt, kind: 'group', titleKey: 'groups.timeline.groupLeft', values: { group: group.name }, level: null, ref });
      const sessions = db
        .select({ number: groupSessions.number, heldAt: groupSessions.heldAt, createdAt: groupSessions.createdAt, attendance: groupSessions.attendance })
        .from(groupSessions)
        .where(eq(groupSessions.groupId, group.id))
        .all();
      for (const session of sessions) {
        if (!session.attendance.includes(studentId)) continue;
        entries.push({
          at: session.heldAt,
          recordedAt: session.createdAt,
          kind: 'group',
          titleKey: 'groups.timeline.groupAttended',
          values: { group: group.name, number: session.number },
          level: null,
          ref,
        });
      }
    }
    return entries;
  },
};
