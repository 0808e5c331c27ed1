import { randomUUID } from 'node:crypto';
import type { Core } from '../../../src-main/core/core';
import { networkPeople } from '../../../src-main/core/store/schema/network';

/** A register person (工作网络) written straight through the unit of work. */
export function insertRegisterPerson(core: Core, fields: { name: string; role?: string; level?: string; office?: string; department?: string | null }) {
  const at = new Date().toISOString();
  return core.vault.requireStore().uow.run(core.vault.actor(), (tx) =>
    tx.insert(networkPeople, {
      id: randomUUID(),
      schoolYear: '2026-2027',
      level: (fields.level ?? 'class') as 'class',
      role: (fields.role ?? 'class_teacher') as 'class_teacher',
      name: fields.name,
      office: fields.office ?? null,
      phone: null,
      department: fields.department ?? null,
      grade: null,
      className: null,
      studentId: null,
      accountId: null,
      termFrom: null,
      termTo: null,
      note: null,
      retiredAt: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    }),
  );
}
