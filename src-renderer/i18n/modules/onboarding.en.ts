import type { Leaves } from '../types';
import type { onboardingZhCN } from './onboarding.zh-CN';

export const onboardingEn: Leaves<typeof onboardingZhCN> = {
  gettingStarted: {
    title: 'Getting started',
    intro: 'Do these steps in your first week. Each one ticks itself off when done; the card goes away once all are done.',
    dismiss: 'Do not show again',
    done: 'Done',
    open: 'Open',
    steps: {
      roster: 'Import the student roster',
      accounts: "Create the center staff's accounts",
      backupFolder: 'Set the backup folder',
      schoolServer: 'Connect to the school server',
      crisisLines: "Fill in the crisis lines (the school's duty phone, the hotline)",
    },
  },
};
