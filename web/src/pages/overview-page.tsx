import { Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { overviewQuery } from '../api/queries.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { ChangesCard } from '../features/overview/changes-card.tsx';
import { FailingCard } from '../features/overview/failing-card.tsx';
import { PostureCard } from '../features/overview/posture-card.tsx';
import { RiskiestAppsCard } from '../features/overview/riskiest-apps-card.tsx';
import { WorstSyncCard } from '../features/overview/worst-sync-card.tsx';

export function OverviewPage() {
  const overview = useQuery(overviewQuery());
  return (
    <>
      <PageTitle>Overview</PageTitle>
      {overview.isPending ? (
        <Loader aria-label="Loading the overview" />
      ) : overview.isError ? (
        <QueryError error={overview.error} />
      ) : overview.data.connections.length === 0 ? (
        <Text c="dimmed">No organization is connected yet: add one under Integrations.</Text>
      ) : (
        <Stack data-testid="overview-content">
          <PostureCard connections={overview.data.connections} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <FailingCard
              checks={overview.data.totals.failing.checks}
              findings={overview.data.totals.failing.findings}
            />
            <ChangesCard overview={overview.data} />
            <RiskiestAppsCard apps={overview.data.riskiestApps} />
            <WorstSyncCard worst={overview.data.worstLastSync} />
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
