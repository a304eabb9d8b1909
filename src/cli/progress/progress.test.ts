import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncProgress } from '../../sync/run-sync.ts';
import { logProgress } from './log-progress.ts';
import { ttyProgress } from './tty-progress.ts';

const scopes = [
  { scope: 'org', label: 'org Acme', total: 2 },
  { scope: 'c1', label: 'acme.atlassian.net', total: 1 },
];

function events(): SyncProgress[] {
  const base = { runId: 'r', datasetsTotal: 3 };
  return [
    { ...base, event: 'started', datasetsDone: 0, itemsRead: 0 },
    { ...base, event: 'page', datasetsDone: 0, itemsRead: 40, dataset: 'org.users', scope: 'org' },
    {
      ...base,
      event: 'dataset',
      datasetsDone: 1,
      itemsRead: 40,
      dataset: 'org.users',
      scope: 'org',
      status: 'ok',
    },
    { ...base, event: 'page', datasetsDone: 1, itemsRead: 45, dataset: 'jira.projects', scope: 'c1' },
    {
      ...base,
      event: 'dataset',
      datasetsDone: 2,
      itemsRead: 45,
      dataset: 'jira.projects',
      scope: 'c1',
      status: 'ok',
    },
    {
      ...base,
      event: 'dataset',
      datasetsDone: 3,
      itemsRead: 45,
      dataset: 'org.api-tokens',
      scope: 'org',
      status: 'forbidden',
    },
    { ...base, event: 'finished', datasetsDone: 3, itemsRead: 45 },
  ];
}

test('in a log, each scope finished and each dataset not read completely is one plain line', () => {
  let out = '';
  const progress = logProgress({ write: (t: string) => (out += t) }, () => 0);
  progress.plan(scopes, []);
  for (const e of events()) progress.sync(e);
  progress.end();
  assert.equal(
    out,
    [
      'palisade: collecting 3 datasets from org Acme, acme.atlassian.net',
      'palisade: acme.atlassian.net: 1 datasets read, 5 items',
      "palisade: org Acme: org.api-tokens forbidden (see the report's coverage)",
      'palisade: org Acme: 2 datasets read, 40 items',
      '',
    ].join('\n'),
  );
});

test('on a terminal, one bar per scope is redrawn in place with its datasets and items', () => {
  let out = '';
  const progress = ttyProgress({ write: (t: string) => (out += t), isTTY: true, columns: 120 }, () => 0);
  progress.plan(scopes, []);
  for (const e of events()) progress.sync(e);
  progress.end();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes are what is tested.
  const plain = out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const last = plain.trimEnd().split('\n').slice(-2);
  assert.match(last[0] ?? '', /^ {2}org Acme +█{24} +2\/2 datasets +40 items 1 incomplete$/);
  assert.match(last[1] ?? '', /^ {2}acme\.atlassian\.net +█{24} +1\/1 datasets +5 items$/);
  assert.ok(out.includes('\x1b[2A'), 'moves the cursor up over the two bars to redraw them');
});

/** 14:07:30 local time today: shown as 14:08, the first minute by which calls have resumed. */
function localInstant(hours: number, minutes: number, seconds: number): string {
  const d = new Date();
  d.setHours(hours, minutes, seconds, 0);
  return d.toISOString();
}

const waitEvent = (until: string): SyncProgress => ({
  runId: 'r',
  event: 'waiting',
  datasetsDone: 1,
  datasetsTotal: 3,
  itemsRead: 40,
  waitingUntil: until,
  waitingFor: 'hourly-quota',
});

test('in a log, a wait for the hourly quota is one line saying until when, not one per extension', () => {
  let out = '';
  const progress = logProgress({ write: (t: string) => (out += t) }, () => 0);
  progress.plan(scopes, []);
  progress.sync(waitEvent(localInstant(14, 7, 30)));
  progress.sync(waitEvent(localInstant(14, 7, 45)));
  progress.sync(waitEvent(localInstant(9, 5, 0)));
  assert.deepEqual(out.split('\n').slice(1), [
    "palisade: waiting for Atlassian's hourly quota until 14:08",
    "palisade: waiting for Atlassian's hourly quota until 09:05",
    '',
  ]);
});

test('on a terminal, the wait shows under the bars until calls resume, then the line is cleared', () => {
  let out = '';
  let now = 0;
  const progress = ttyProgress({ write: (t: string) => (out += t), isTTY: true, columns: 120 }, () => now);
  progress.plan(scopes, []);
  const until = localInstant(14, 7, 30);
  progress.sync(waitEvent(until));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes are what is tested.
  const plain = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  assert.match(
    plain(out).trimEnd().split('\n').at(-1) ?? '',
    /^ {2}waiting for Atlassian's hourly quota until 14:08$/,
  );
  out = '';
  now = Date.parse(until) + 1;
  const [, page] = events();
  if (page) progress.sync({ ...page, event: 'dataset', status: 'ok' });
  assert.ok(!plain(out).includes('waiting for'), 'the wait is no longer shown');
  assert.ok(out.includes('\x1b[2K\n\x1b[1A'), 'the line it took is cleared and the cursor comes back');
});
