import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSkipReason, checkPageInBothThemes } from './browser.ts';
import { startScannedAcme } from './overview-acme.ts';

interface Exceptions {
  items: { id: string; ruleId: string; justification: string; owner: string; state: string }[];
}

test('an owner records an exception for a failing Acme rule on the Exceptions page and revokes it with Confirm', {
  skip: browserSkipReason(),
  timeout: 300_000,
}, async (t) => {
  const { web, page, call } = await startScannedAcme(t);
  const compliance = await call<{
    frameworks: { controls: { checks: { ruleId: string; title: string; state: string }[] }[] }[];
  }>('GET', '/api/v1/compliance');
  const failing = compliance.frameworks
    .flatMap((f) => f.controls.flatMap((c) => c.checks))
    .find((k) => k.state === 'fail');
  assert.ok(failing, 'Acme fails some check');

  await page.goto(`${web.url}/exceptions`);
  await page.getByRole('heading', { level: 1, name: 'Exceptions' }).waitFor();
  await page.getByText('No exceptions recorded.').waitFor();
  await page.getByRole('button', { name: 'New exception' }).click();
  const form = page.getByRole('form', { name: 'New exception' });
  // A refusal names the problem (the rule is missing) and records nothing.
  await form.getByRole('button', { name: 'Record exception' }).click();
  await form.getByRole('alert').filter({ hasText: 'Choose the connection and the rule.' }).waitFor();

  const rule = form.getByLabel('Rule', { exact: true });
  await rule.click();
  await rule.fill(failing.ruleId);
  await page
    .getByRole('option', { name: new RegExp(failing.ruleId) })
    .first()
    .click();
  await form.getByLabel('Justification').fill('Accepted until the SSO migration ends in March');
  await form.getByLabel('Owner').fill('security@acme.test');
  await form.getByLabel('Expires').fill('2099-01-01');
  await form.getByRole('button', { name: 'Record exception' }).click();
  await form
    .getByRole('alert')
    .filter({ hasText: /expiresAt|at most/ })
    .waitFor();
  assert.deepEqual(
    (await call<Exceptions>('GET', '/api/v1/exceptions')).items,
    [],
    'a refused expiry records nothing',
  );

  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  const day = `${inAMonth.getFullYear()}-${String(inAMonth.getMonth() + 1).padStart(2, '0')}-${String(inAMonth.getDate()).padStart(2, '0')}`;
  await form.getByLabel('Expires').fill(day);
  await form.getByRole('button', { name: 'Record exception' }).click();
  const revoke = page.getByRole('button', { name: `Revoke the exception for ${failing.ruleId}` });
  await revoke.waitFor();
  const [saved] = (await call<Exceptions>('GET', '/api/v1/exceptions')).items;
  assert.equal(saved?.ruleId, failing.ruleId);
  assert.equal(saved?.owner, 'security@acme.test');
  assert.equal(saved?.state, 'active');
  await page.getByRole('cell', { name: 'Accepted until the SSO migration ends in March' }).waitFor();
  await checkPageInBothThemes(page, 'exceptions');

  // Revoke asks first: Cancel keeps it, Confirm revokes it.
  await revoke.click();
  await page.getByRole('dialog', { name: 'Revoke?' }).getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await call<Exceptions>('GET', '/api/v1/exceptions')).items.length, 1);
  await revoke.click();
  await page.getByRole('dialog', { name: 'Revoke?' }).getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('No exceptions recorded.').waitFor();
  assert.deepEqual((await call<Exceptions>('GET', '/api/v1/exceptions')).items, []);
});
