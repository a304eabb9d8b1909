import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-findings.ts';
import * as m0003 from './0003-app-governance.ts';
import * as m0004 from './0004-app-actions.ts';
import * as m0005 from './0005-dataset-warnings.ts';
import * as m0006 from './0006-scan-leases.ts';
import * as m0007 from './0007-palisade-meta.ts';
import * as m0008 from './0008-server.ts';
import * as m0009 from './0009-connection-permissions.ts';
import * as m0010 from './0010-finding-workflow.ts';
import * as m0011 from './0011-job-failures.ts';
import * as m0012 from './0012-notifications.ts';
import * as m0013 from './0013-findings-by-severity.ts';
import * as m0015 from './0015-app-judgements.ts';
import * as m0016 from './0016-data-center-action-products.ts';

// A static list rather than a folder scan: no filesystem access at run time, and type stripping
// needs explicit `.ts` imports. Append only: never edit or reorder a migration once committed.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-findings': m0002,
  '0003-app-governance': m0003,
  '0004-app-actions': m0004,
  '0005-dataset-warnings': m0005,
  '0006-scan-leases': m0006,
  '0007-palisade-meta': m0007,
  '0008-server': m0008,
  '0009-connection-permissions': m0009,
  '0010-finding-workflow': m0010,
  '0011-job-failures': m0011,
  '0012-notifications': m0012,
  '0013-findings-by-severity': m0013,
  '0015-app-judgements': m0015,
  '0016-data-center-action-products': m0016,
};
