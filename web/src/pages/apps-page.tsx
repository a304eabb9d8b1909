import { Badge } from '@mantine/core';
import { reportList, useConnectionReport } from '../components/connection-report.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function AppsPage() {
  const { report, picker, status } = useConnectionReport();
  return (
    <>
      <PageTitle actions={picker}>Apps</PageTitle>
      {status ?? (
        <SimpleTable
          query={report}
          caption="Installed third-party apps, as of the last scan"
          empty="No third-party app is installed (or no scan has finished yet)."
          rows={(data) => reportList(data, 'apps')}
          rowKey={(a) => String(a.key)}
          columns={[
            { header: 'App', cell: (a) => String(a.name ?? a.key) },
            { header: 'Vendor', cell: (a) => String(a.vendor ?? '—') },
            { header: 'Framework', cell: (a) => String(a.framework ?? '—') },
            {
              header: 'Risk',
              cell: (a) => {
                const risk = a.risk as { band?: string; score?: number | null } | undefined;
                return (
                  <Badge variant="light">{`${risk?.band ?? 'unknown'} ${risk?.score ?? ''}`.trim()}</Badge>
                );
              },
            },
            { header: 'Installed by', cell: (a) => String(a.installedBy ?? '—') },
          ]}
        />
      )}
    </>
  );
}
