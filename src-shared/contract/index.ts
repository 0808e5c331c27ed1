export * from './errors';
export * from './channels';
export * from './schemas';
export * from './validate';
export type { ChannelSpec, EventSpec } from './define';
