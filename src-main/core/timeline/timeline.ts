import type { TimelineEntry } from '../../../src-shared/contract/students';
import { rolesGrant, type Permission, type Role } from '../../../src-shared/permissions';
import type { Db } from '../store/unit-of-work';

/**
 * The student file's timeline is assembled from sources that each module contributes. A source
 * names the permission its entries need, so clinical entries never reach a liaison's timeline.
 */
export interface TimelineSource {
  kind: string;
  permission: Permission;
  entries(db: Db, studentId: string): TimelineEntry[];
}

export function buildTimeline(sources: readonly TimelineSource[], db: Db, studentId: string, roles: readonly Role[]): TimelineEntry[] {
  return sources
    .filter((source) => rolesGrant(roles, source.permission))
    .flatMap((source) => source.entries(db, studentId))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
