export const GROUP_THEMES = ['freshman_adaptation', 'interpersonal', 'stress', 'custom'] as const;

/** Channels: filled in by the groups module. */
export const groupChannels = {};
