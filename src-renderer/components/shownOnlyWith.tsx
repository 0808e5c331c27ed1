import type { ComponentType, ReactElement } from 'react';
import type { ChannelPermission } from '../../src-shared/permissions';
import { useCan } from '../session';

/**
 * `Component`, shown only to an account whose roles grant `permission`; for others nothing, and
 * the component (with its queries) never mounts, so the core is not asked for what it would refuse.
 * Only to hide: the core enforces.
 */
export function shownOnlyWith<P extends object>(permission: ChannelPermission, Component: ComponentType<P>): (props: P) => ReactElement | null {
  function Permitted(props: P) {
    return useCan(permission) ? <Component {...props} /> : null;
  }
  Permitted.displayName = `shownOnlyWith(${Component.displayName ?? Component.name})`;
  return Permitted;
}
