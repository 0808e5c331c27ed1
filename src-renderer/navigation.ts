import { channels } from '../src-shared/contract';
import type { ChannelPermission } from '../src-shared/permissions';
import type { Route } from './router';

/** The side menu, in order; each page is shown only to roles the core would let read it. */
export const NAVIGATION: { route: Route; permission: ChannelPermission }[] = [
  { route: 'workbench', permission: 'session' },
  { route: 'accounts', permission: channels['accounts.list'].permission },
  { route: 'settings', permission: channels['settings.get'].permission },
  { route: 'password', permission: channels['auth.changePassword'].permission },
  { route: 'about', permission: channels['system.about'].permission },
];
