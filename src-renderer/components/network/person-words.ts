import type { TFunction } from 'i18next';
import type { NetworkPerson } from '../../../src-shared/contract';

/**
 * A register person in the interface's language: 计算机学院 2026级计算1班 心理委员 张三 /
 * Computer Science 2026 Class 1 Peer counselor 张三. People outside the 院系 show their office.
 */
export function personWords(t: TFunction, person: Pick<NetworkPerson, 'role' | 'name' | 'office' | 'department' | 'grade' | 'className'>): string {
  const place = [person.department, `${person.grade ?? ''}${person.className ?? ''}`].filter((part): part is string => !!part);
  if (place.length === 0 && person.office) place.push(person.office);
  return [...place, t(`network.roles.${person.role}`), person.name].join(' ');
}
