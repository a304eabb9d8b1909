import { Tabs } from '@mantine/core';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageTitle } from '../components/page-title.tsx';
import { SETTINGS_SECTIONS } from '../features/settings/sections.tsx';

/** Settings: one tab per section, each its own address (/settings/people, /settings/notifications, …). */
export function SettingsPage() {
  const { section = SETTINGS_SECTIONS[0]?.path } = useParams();
  const navigate = useNavigate();
  if (!SETTINGS_SECTIONS.some((s) => s.path === section)) return <Navigate to="/settings" replace />;
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <Tabs
        value={section ?? null}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        activateTabWithKeyboard
      >
        <Tabs.List aria-label="Settings sections" mb="md">
          {SETTINGS_SECTIONS.map((s) => (
            <Tabs.Tab key={s.path} value={s.path}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SETTINGS_SECTIONS.map((s) => (
          <Tabs.Panel key={s.path} value={s.path}>
            {s.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
