import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './index.css';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { queryKeys } from './api/queries.ts';
import { router } from './routes.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

// A session that ended (401): forget it and let the router send the person to sign in.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(queryKeys.session, null);
  if (window.location.pathname !== '/sign-in' && window.location.pathname !== '/setup') {
    const next = `${window.location.pathname}${window.location.search}`;
    void router.navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
  }
});

// The chosen theme persists in localStorage; the first visit follows the system's.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'palisade-color-scheme' });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
