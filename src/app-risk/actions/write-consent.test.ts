import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WriteConsentRequiredError } from './errors.ts';
import { requireWriteConsent } from './write-consent.ts';

const cloud = { site: { kind: 'basic' as const, email: 'admin@acme.com', apiToken: 'w-123456789' } };
const dataCenter = { dataCenterToken: 'NjQ0MDc1OTk4personal' };

test("a Cloud site admin's write credential is no consent for a Data Center instance's plugins", () => {
  assert.throws(
    () => requireWriteConsent({ id: 'dc-1', writeCredentials: cloud }, true, true),
    (e: unknown) =>
      e instanceof WriteConsentRequiredError &&
      e.problem === 'absent_data_center' &&
      e.connectionId === 'dc-1' &&
      /a system administrator's personal access token/.test(e.message),
  );
  assert.throws(() => requireWriteConsent({ id: 'dc-1' }, true, true), WriteConsentRequiredError);
});

test("a Data Center administrator's token is the consent there, and a Cloud credential on the sites", () => {
  assert.deepEqual(requireWriteConsent({ id: 'dc-1', writeCredentials: dataCenter }, true, true), dataCenter);
  assert.deepEqual(requireWriteConsent({ id: 'org-1', writeCredentials: cloud }, true, false), cloud);
});
