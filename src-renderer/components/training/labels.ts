import type { ChannelOutput } from '../../../src-shared/contract';

export type TrainingRow = ChannelOutput<'training.list'>[number];
export type TrainingDetail = ChannelOutput<'training.get'>;
export type AttendeeRow = TrainingDetail['attendees'][number];

/** A person on the list being edited (saved rows and those just added). */
export interface EditedAttendee {
  accountId: string | null;
  registerPersonId: string | null;
  name: string;
  attended: boolean;
}

/** The same key the core gives a person (src-main/core/training/training-service.ts personKeyOf). */
export function personKeyOf(person: Pick<EditedAttendee, 'accountId' | 'registerPersonId' | 'name'>): string {
  if (person.accountId) return `account:${person.accountId}`;
  if (person.registerPersonId) return `register:${person.registerPersonId}`;
  return `name:${person.name.trim()}`;
}

export const sourceOf = (person: Pick<EditedAttendee, 'accountId' | 'registerPersonId'>): 'account' | 'register' | 'name' =>
  person.accountId ? 'account' : person.registerPersonId ? 'register' : 'name';
