import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MISCONFIGURATIONS } from './gen-misconfig-schema.ts';
import { loadScenario, parseScenario } from './scenario.ts';

const minimal = `
name: tiny
description: A tiny scenario
population: { users: 40, groups: 10, projects: 3, spaces: 2 }
org: { name: Tiny, domain: tiny.example }
sites:
  - name: tiny
    products: { jira: STANDARD, confluence: STANDARD }
`;

const withApp = (scope: string) => `${minimal}
apps:
  - key: com.example.one
    name: One
    framework: connect
    vendor: { name: Example, url: 'https://example.example' }
    listed: false
    scopes: [READ]
    installations: [{ site: tiny, product: jira }]
  - key: com.example.two
    name: Two
    framework: connect
    vendor: { name: Example, url: 'https://example.example' }
    listed: false
    scopes: [${scope}]
    installations: [{ site: tiny, product: jira }]
`;

test('a bare scenario name loads simulator/scenarios/<name>.yaml', () => {
  const demo = loadScenario('demo');
  assert.equal(demo.name, 'demo');
  assert.equal(demo.file, 'demo.yaml');
  assert.ok(demo.apps.length >= 26);
});

test('a minimal scenario fills in defaults: clean posture, seed 1, no named records', () => {
  const s = parseScenario(minimal, 'tiny.yaml');
  assert.equal(s.posture, 'clean');
  assert.equal(s.seed, 1);
  assert.deepEqual(s.apps, []);
  assert.deepEqual(s.misconfigurations, []);
});

test('a bad Connect scope is reported with the file name and the path of the field', () => {
  assert.throws(
    () => parseScenario(withApp('READ_EVERYTHING'), 'demo.yaml'),
    (error: Error) => {
      assert.match(
        error.message,
        /^demo\.yaml: apps\[1\]\.scopes\[0\]: Invalid option: expected one of "READ"/,
      );
      return true;
    },
  );
});

test('an unknown field is rejected rather than silently ignored', () => {
  assert.throws(
    () => parseScenario(`${minimal}\nusers:\n  - email: a@tiny.example\n    admin: true\n`, 'x.yaml'),
    /x\.yaml: users\[0\]: Unrecognized key: "admin"/,
  );
});

test('an unknown misconfiguration kind names the entry and lists the valid kinds', () => {
  assert.throws(
    () => parseScenario(`${minimal}\nmisconfigurations:\n  - kind: jira_everything_public\n`, 's.yaml'),
    (error: Error) => {
      assert.match(error.message, /s\.yaml: misconfigurations\[0\]\.kind: .*jira_anyone_browse/);
      return true;
    },
  );
});

test('a misconfiguration with a wrongly typed parameter names that parameter', () => {
  assert.throws(
    () =>
      parseScenario(
        `${minimal}\nmisconfigurations:\n  - kind: org_dormant_users\n    count: many\n`,
        's.yaml',
      ),
    /s\.yaml: misconfigurations\[0\]\.count: Invalid input: expected number/,
  );
});

test('a scenario must give either a base size or population counts, not both', () => {
  const both = minimal.replace('population:', 'base: { size: small }\npopulation:');
  assert.throws(() => parseScenario(both, 'b.yaml'), /b\.yaml: base: give exactly one of/);
});

test('broken YAML and a missing file give errors that name the file', () => {
  assert.throws(
    () => parseScenario('name: [unclosed', 'broken.yaml'),
    /^Error: broken\.yaml: not valid YAML/,
  );
  assert.throws(
    () => loadScenario('no-such-scenario'),
    /scenario "no-such-scenario" not found: .*no-such-scenario\.yaml/,
  );
  assert.throws(
    () => loadScenario('/nowhere/at/all.yaml'),
    /scenario file not found: \/nowhere\/at\/all\.yaml/,
  );
});

test('a scenario can be loaded from any path, in YAML or JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-scenario-'));
  writeFileSync(join(dir, 'tiny.yaml'), minimal);
  assert.equal(loadScenario(join(dir, 'tiny.yaml')).name, 'tiny');
  const json = {
    name: 'j',
    description: 'JSON scenario',
    base: { size: 'small' },
    org: { name: 'J', domain: 'j.example' },
    sites: [{ name: 'j', products: { jira: 'FREE' } }],
  };
  writeFileSync(join(dir, 'j.json'), JSON.stringify(json));
  assert.equal(loadScenario(join(dir, 'j.json')).base?.size, 'small');
});

test('every misconfiguration in the catalogue names at least one check id from CHECKS.md', () => {
  for (const [kind, entry] of Object.entries(MISCONFIGURATIONS)) {
    assert.ok(entry.checks.length > 0, kind);
    for (const check of entry.checks) assert.match(check, /^(org|jira|conf|app|bitbucket)_[a-z0-9_]+$/, kind);
  }
});
