import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rule } from './catalogue/jira/jira_permission_scheme_no_anyone.rule.ts';
import { RuleEngineError } from './errors.ts';
import { defaultSettings, resolveSettings, validateSettingsOverride } from './settings.ts';

test('with no override a rule gets its defaults', () => {
  assert.deepEqual(resolveSettings(rule, undefined), { ok: true, value: { ignoreUnusedSchemes: false } });
  assert.deepEqual(defaultSettings(rule), { ignoreUnusedSchemes: false });
});

test('an override replaces only the settings it names', () => {
  assert.deepEqual(resolveSettings(rule, { ignoreUnusedSchemes: true }), {
    ok: true,
    value: { ignoreUnusedSchemes: true },
  });
});

test('an override with an unknown setting or a wrong type is refused at the API edge', () => {
  assert.throws(
    () => validateSettingsOverride(rule, { ignoreUnused: true }),
    (e: unknown) =>
      e instanceof RuleEngineError &&
      e.code === 'invalid_settings' &&
      e.message ===
        'rule jira_permission_scheme_no_anyone: unknown setting ignoreUnused (settings: ignoreUnusedSchemes)',
  );
  assert.throws(() => validateSettingsOverride(rule, { ignoreUnusedSchemes: 'yes' }), RuleEngineError);
  assert.throws(() => validateSettingsOverride(rule, [true]), /must be an object/);
});
