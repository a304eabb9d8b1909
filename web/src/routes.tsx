import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from './auth/require-session.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { AppsPage } from './pages/apps-page.tsx';
import { AuditLogPage } from './pages/audit-log-page.tsx';
import { CompliancePage } from './pages/compliance-page.tsx';
import { ExceptionsPage } from './pages/exceptions-page.tsx';
import { FindingsPage } from './pages/findings-page.tsx';
import { IntegrationsPage } from './pages/integrations-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

// The one table of pages. A navigation entry's label is a fixed word (issue 13: other tools and
// people find pages by it). A page is one component in pages/<name>-page.tsx; a detail view is a
// child route here (e.g. `findings/:id`) rendered by the same page file or one of its own.

export interface NavItem {
  label: string;
  path: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Overview', path: '/' },
  { label: 'Integrations', path: '/integrations' },
  { label: 'Findings', path: '/findings' },
  { label: 'Apps', path: '/apps' },
  { label: 'Compliance', path: '/compliance' },
  { label: 'Exceptions', path: '/exceptions' },
  { label: 'Audit log', path: '/audit-log' },
  { label: 'Settings', path: '/settings' },
];

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'integrations', element: <IntegrationsPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'apps', element: <AppsPage /> },
      { path: 'compliance', element: <CompliancePage /> },
      { path: 'exceptions', element: <ExceptionsPage /> },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'settings/:section', element: <SettingsPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
