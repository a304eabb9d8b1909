import { reportList, useConnectionReport } from '../components/connection-report.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

function controlsOf(rule: Record<string, unknown>): string {
  const compliance = (rule.compliance ?? {}) as Record<string, unknown>;
  return Object.entries(compliance)
    .map(([framework, ids]) => `${framework}: ${Array.isArray(ids) ? ids.join(', ') : ''}`)
    .join(' · ');
}

export function CompliancePage() {
  const { report, picker, status } = useConnectionReport();
  return (
    <>
      <PageTitle actions={picker}>Compliance</PageTitle>
      {status ?? (
        <SimpleTable
          query={report}
          caption="Checks and the compliance controls they cover"
          empty="No scan has finished yet."
          rows={(data) => reportList(data, 'rules')}
          rowKey={(r) => String(r.id)}
          columns={[
            { header: 'Check', cell: (r) => String(r.title ?? r.id) },
            { header: 'Severity', cell: (r) => String(r.severity ?? '—') },
            { header: 'Controls', cell: (r) => controlsOf(r) || '—' },
          ]}
        />
      )}
    </>
  );
}
