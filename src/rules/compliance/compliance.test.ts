import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complianceCoverage } from './coverage.ts';
import { FRAMEWORK_IDS, frameworkSchema, frameworks } from './index.ts';

test('every framework file is valid data with unique control ids', () => {
  assert.deepEqual(
    frameworks.map((f) => f.id),
    [...FRAMEWORK_IDS],
  );
  for (const framework of frameworks) {
    frameworkSchema.parse(framework);
    const ids = framework.controls.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `${framework.id} repeats a control id`);
  }
});

test('the controls posture checks map to most are listed with their official titles', () => {
  const title = (framework: string, id: string) =>
    frameworks.find((f) => f.id === framework)?.controls.find((c) => c.id === id)?.title;
  assert.equal(title('cis-controls-v8', '6.3'), 'Require MFA for Externally-Exposed Applications');
  assert.equal(title('cis-controls-v8', '6.5'), 'Require MFA for Administrative Access');
  assert.equal(title('cis-controls-v8', '5.3'), 'Disable Dormant Accounts');
  assert.equal(title('nist-800-53-r5', 'AC-2'), 'Account Management');
  assert.equal(title('nist-800-53-r5', 'AC-6'), 'Least Privilege');
  assert.equal(title('nist-800-53-r5', 'IA-2'), 'Identification and Authentication (Organizational Users)');
  assert.equal(title('nist-800-53-r5', 'IA-5'), 'Authenticator Management');
  assert.equal(title('nist-800-53-r5', 'AU-6'), 'Audit Record Review, Analysis, and Reporting');
  assert.equal(title('nist-800-53-r5', 'CM-7'), 'Least Functionality');
  assert.equal(title('nist-800-53-r5', 'SC-7'), 'Boundary Protection');
  for (const id of ['A.5.15', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.5', 'A.8.15', 'A.8.9']) {
    assert.ok(title('iso-27001-2022', id), `ISO/IEC 27001:2022 ${id} is listed`);
  }
  for (const id of ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC7.2'])
    assert.ok(title('soc2', id), `SOC 2 ${id} is listed`);
});

test('coverage counts the controls at least one rule maps to, and names the rules', () => {
  const [cis] = complianceCoverage(
    [
      { id: 'rule_a', compliance: { 'cis-controls-v8': ['6.3', '6.5'] } },
      { id: 'rule_b', compliance: { 'cis-controls-v8': ['6.5'], soc2: ['CC6.1'] } },
    ],
    frameworks,
  );
  assert.equal(cis?.covered, 2);
  assert.equal(cis?.total, cis?.controls.length);
  assert.deepEqual(cis?.controls.find((c) => c.id === '6.5')?.rules, ['rule_a', 'rule_b']);
  assert.deepEqual(cis?.controls.find((c) => c.id === '5.3')?.rules, []);
  assert.equal(cis?.percent, Math.round((2 / (cis?.total ?? 1)) * 100));
});
