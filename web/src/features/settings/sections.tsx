import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ChannelsSection } from './channels-section.tsx';
import { OAuthSection } from './oauth-section.tsx';
import { PeopleSection } from './people-section.tsx';
import { PreferencesSection } from './preferences-section.tsx';
import { RolesSection } from './roles-section.tsx';
import { ScanHealthSection } from './scan-health-section.tsx';
import { ScheduleSection } from './schedule-section.tsx';
import { TokensSection } from './tokens-section.tsx';

// The Settings page's sections, each at /settings/<path> (e-mails link to /settings/notifications).

export interface SettingsSection {
  path: string;
  label: string;
  render: () => ReactNode;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { path: 'people', label: 'People', render: () => <PeopleSection /> },
  { path: 'roles', label: 'Roles', render: () => <RolesSection /> },
  { path: 'tokens', label: 'API tokens', render: () => <TokensSection /> },
  {
    path: 'notifications',
    label: 'Notifications',
    render: () => (
      <Stack gap="xl">
        <ChannelsSection />
        <PreferencesSection />
      </Stack>
    ),
  },
  { path: 'schedule', label: 'Schedule', render: () => <ScheduleSection /> },
  { path: 'oauth', label: 'OAuth app', render: () => <OAuthSection /> },
  { path: 'scan-health', label: 'Scan health', render: () => <ScanHealthSection /> },
];
