import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AREA_IDS } from '../../rules/areas.ts';
import { RESULT_STATUSES } from '../../rules/result.ts';
import { SEVERITIES } from '../../rules/severity.ts';
import { buildReport } from '../build-report.ts';
import { APP_RISK_BANDS, COVERAGE_STATUSES, REPORT_SCHEMA_VERSION } from '../model.ts';
import { sampleInput } from '../testing/sample-input.ts';
import { REPORT_SCHEMA_FILE, reportSchemaValidator } from '../testing/validators.ts';
import { renderJson } from './render-json.ts';

const validate = reportSchemaValidator();
const schema = JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8'));

test('the JSON report validates against docs/report.schema.json', () => {
  const json = JSON.parse(renderJson(buildReport(sampleInput())));
  assert.deepEqual(validate(json), []);
  assert.equal(json.schemaVersion, REPORT_SCHEMA_VERSION);
});

test('a report without org, apps or results still validates', () => {
  const input = sampleInput();
  const json = JSON.parse(
    renderJson(
      buildReport({
        ...input,
        snapshot: { ...input.snapshot, org: { ...input.snapshot.org, hasCredential: false }, datasets: [] },
        results: [],
        apps: [],
      }),
    ),
  );
  assert.deepEqual(validate(json), []);
  assert.equal(json.summary.postureScore, null);
});

test('the schema refuses a report with an unknown status, an extra field or a missing one', () => {
  const good = JSON.parse(renderJson(buildReport(sampleInput())));
  const badStatus = structuredClone(good);
  badStatus.results[0].status = 'passed';
  assert.ok(validate(badStatus).some((e) => e.includes('/results/0/status')));
  const extra = structuredClone(good);
  extra.results[0].apiToken = 'x';
  assert.ok(validate(extra).some((e) => e.includes('additional')));
  const missing = structuredClone(good);
  delete missing.coverage;
  assert.ok(validate(missing).some((e) => e.includes('coverage')));
});

test('the schema lists the same areas, severities, statuses, bands and coverage statuses as the code', () => {
  assert.deepEqual(schema.$defs.area.enum, [...AREA_IDS]);
  assert.deepEqual(schema.$defs.severity.enum, [...SEVERITIES]);
  assert.deepEqual(schema.$defs.status.enum, [...RESULT_STATUSES]);
  assert.deepEqual(schema.$defs.app.properties.risk.properties.band.enum, [...APP_RISK_BANDS]);
  assert.deepEqual(schema.$defs.coverage.properties.status.enum, [...COVERAGE_STATUSES]);
  assert.match(REPORT_SCHEMA_VERSION, new RegExp(schema.properties.schemaVersion.pattern));
});

test('the JSON is indented and ends with a newline', () => {
  const text = renderJson(buildReport(sampleInput()));
  assert.ok(text.startsWith('{\n  "schemaVersion"'));
  assert.ok(text.endsWith('}\n'));
});
