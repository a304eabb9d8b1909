import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from '../build-report.ts';
import { sampleInput } from '../testing/sample-input.ts';
import { OCSF_VERSION, ocsfEvents, renderOcsf } from './render-ocsf.ts';

interface ComplianceEvent {
  activity_id: number;
  category_uid: number;
  class_uid: number;
  type_uid: number;
  time: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_detail?: string;
  message: string;
  finding_info: { uid: string; title: string; desc: string; analytic: { uid: string; type_id: number } };
  compliance: {
    control: string;
    standards: string[];
    requirements: string[];
    status_id: number;
    status: string;
  };
  remediation: { desc: string; references: string[] };
  resources: { uid: string; name: string; type: string }[];
  metadata: { version: string; product: { name: string; vendor_name: string; version: string } };
}

const report = () => buildReport(sampleInput());
const events = (): ComplianceEvent[] => JSON.parse(renderOcsf(report()));

test('the OCSF file is one JSON array with a Compliance Finding event per result', () => {
  const text = renderOcsf(report());
  assert.ok(text.startsWith('['));
  const list = events();
  assert.equal(list.length, report().results.length);
  for (const e of list) {
    assert.equal(e.class_uid, 2003);
    assert.equal(e.category_uid, 2);
    assert.equal(e.activity_id, 1);
    assert.equal(e.type_uid, 200301);
    assert.equal(e.time, Date.parse('2025-06-01T12:00:00.000Z'));
    assert.deepEqual(e.metadata, {
      version: OCSF_VERSION,
      product: { name: 'Palisade', vendor_name: 'Palisade', version: '0.1.0' },
      log_name: 'palisade-report',
    });
    assert.ok(e.finding_info.uid && e.finding_info.title && e.finding_info.desc);
    assert.equal(e.finding_info.analytic.type_id, 1);
    assert.ok(e.compliance.standards.length > 0);
  }
  assert.equal(new Set(list.map((e) => e.finding_info.uid)).size, list.length, 'finding uids are unique');
});

test('severity and status map to OCSF ids: fail is New/Fail, excepted Suppressed, unknown Warning, pass Resolved/Pass', () => {
  const byResource = new Map(events().map((e) => [e.resources[0]!.uid, e]));
  const pick = (uid: string) => {
    const e = byResource.get(uid)!;
    return [e.severity_id, e.severity, e.status_id, e.status, e.compliance.status_id, e.compliance.status];
  };
  assert.deepEqual(pick('https://acme.atlassian.net/permission-scheme/10000'), [
    5,
    'Critical',
    1,
    'New',
    3,
    'Fail',
  ]);
  assert.deepEqual(pick('org:org-1/user/acc-2'), [4, 'High', 3, 'Suppressed', 3, 'Fail']);
  assert.deepEqual(pick('https://acme.atlassian.net/site/cloud-acme'), [
    5,
    'Critical',
    1,
    'New',
    2,
    'Warning',
  ]);
  assert.deepEqual(pick('org:org-1/domain/d1'), [4, 'High', 4, 'Resolved', 1, 'Pass']);
  assert.deepEqual(pick('org:org-1/org/org-1'), [2, 'Low', 4, 'Resolved', 99, 'Not Applicable']);
  assert.deepEqual(pick('https://acme.atlassian.net/space/DOCS').slice(0, 2), [3, 'Medium']);
  assert.match(byResource.get('org:org-1/user/acc-2')!.status_detail!, /Emergency account/);
});

test('the compliance object names the rule as the control and its framework controls as requirements', () => {
  const scheme = events().find(
    (e) => e.resources[0]!.uid === 'https://acme.atlassian.net/permission-scheme/10000',
  )!;
  const rule = report().rules.find((r) => r.id === 'jira_permission_scheme_no_anyone')!;
  assert.equal(scheme.compliance.control, 'jira_permission_scheme_no_anyone');
  assert.equal(scheme.compliance.standards.length, Object.keys(rule.compliance).length);
  assert.ok(scheme.compliance.standards.includes('CIS Controls v8'));
  assert.ok(scheme.compliance.requirements.every((r) => /^(CIS|NIST|ISO|SOC)/.test(r)));
  assert.deepEqual(
    scheme.remediation.references,
    rule.references.map((r) => r.url),
  );
  assert.equal(scheme.resources[0]!.type, 'permission-scheme');
});

test('no result gives an empty array', () => {
  const input = sampleInput();
  assert.deepEqual(ocsfEvents(buildReport({ ...input, results: [] })), []);
});
