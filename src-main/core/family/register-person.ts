import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PersonRef } from '../../../src-shared/contract/family';
import { networkPeople } from '../store/schema/network';
import type { Db } from '../store/unit-of-work';

export interface NamedPerson {
  personId: string | null;
  name: string;
}

/**
 * A person named on a record: a register entry (工作网络) must exist, and its name is what the
 * record keeps (the name typed alongside may be stale); without an entry the typed name stands.
 */
export function resolvePerson(db: Db, ref: PersonRef): NamedPerson {
  if (!ref.personId) return { personId: null, name: ref.name };
  const row = db.select({ id: networkPeople.id, name: networkPeople.name }).from(networkPeople).where(eq(networkPeople.id, ref.personId)).get();
  if (!row) throw new AppError('VALIDATION', { reason: 'registerPersonNotFound' });
  return { personId: row.id, name: row.name };
}
