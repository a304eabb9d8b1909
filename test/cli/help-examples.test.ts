import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXIT_FINDINGS, EXIT_MANUAL_REQUIRED, EXIT_OK } from '../../src/cli/exit-codes.ts';
import { type Example, helpExamples, readmeExamples } from './examples.ts';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// Every example a person reads — each command's `--help` and the READMEs' command lines — runs,
// against a scan of the demo organization kept in a temporary directory: an example naming a rule,
// a flag or a subject that does not exist fails here. Placeholders (`…`, `<key>`, example app
// keys, file names) are filled with real values of the demo; the commands that start a server
// or the demo (`demo`, `simulator`, `serve`, `worker`, `--help`) and the README's hand-scan through `jq` are left out.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = 'com.greenleaf.ai-assistant';

let demo: DemoSimulator;
let dir: string;

const db = () => join(dir, 'data', 'palisade.db');

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-examples-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(
    join(dir, 'policies.yaml'),
    'policies:\n  - name: Default\n    isDefault: true\n    ssoEnforced: true\n    twoStepVerification: required\n',
  );
  for (let i = 0; i < 2; i++) {
    const scan = await palisade(
      ['scan', ...demo.scanArgs, '--format', 'json', '--output-dir', dir, '--db', db(), '--quiet'],
      {
        cwd: dir,
      },
    );
    assert.ok(scan.code === 0 || scan.code === 2, scan.stderr);
  }
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The example with its placeholders filled in with the demo's values. */
async function resolve(example: Example): Promise<{ argv: string[]; env: Record<string, string> }> {
  const c = demo.sim.info.credentials;
  const rule = example.argv[example.argv.indexOf('--rule') + 1] ?? '';
  const candidate = async () => {
    // An earlier example may have excepted the resource already: recording it again is refused.
    const list = await palisade(['except', '--db', db(), '--list'], { cwd: dir });
    for (const id of list.stdout.match(/^\S+(?= {2})/gm) ?? [])
      await palisade(['except', '--db', db(), '--remove', id], { cwd: dir });
    const run = await palisade(['except', '--db', db(), '--rule', rule, '--candidates'], { cwd: dir });
    return run.stdout.split(/\s/)[0] ?? '';
  };
  const argv: string[] = [];
  for (const [i, word] of example.argv.entries()) {
    const flag = example.argv[i - 1];
    if (word === 'palisade.db') argv.push(db());
    else if (flag === '--output' || flag === '--output-dir' || flag === '--value-file')
      argv.push(join(dir, word));
    else if (flag === '--org-id') argv.push(demo.sim.info.org.id);
    else if (flag === '--from' || flag === '--to') argv.push(flag === '--from' ? '1' : '2');
    else if (flag === '--resource') argv.push(await candidate());
    else if (flag === '--remove') {
      const list = await palisade(['except', '--db', db(), '--list'], { cwd: dir });
      argv.push(list.stdout.split(/\s/)[0] ?? '');
    } else if (flag === '--site') {
      const n = example.argv.slice(0, i).filter((w) => w === '--site').length - 1;
      argv.push(demo.sim.info.sites[n]?.url ?? '');
    } else if ((flag === '--email' && example.argv[0] !== 'users') || flag === '--write-email')
      argv.push(c.admin.email);
    else if (flag === '--email') argv.push(`${example.source.replace(/\W+/g, '-')}-${i}-${word}`);
    else if (/^com\.example\./.test(word)) argv.push(APP);
    else argv.push(word);
  }
  if (argv[0] === 'scan') {
    argv.push(...demo.allowArgs, '--admin-api-url', demo.sim.info.adminApiUrl);
    argv.push('--marketplace-url', demo.sim.info.marketplaceUrl);
  }
  const written = argv.includes('--output') || argv.includes('--output-dir');
  if ((argv[0] === 'scan' || argv[0] === 'report') && !written) argv.push('--output-dir', dir);
  const env = Object.fromEntries(
    Object.entries(example.env).map(([k]) => [
      k,
      k === 'PALISADE_ORG_API_KEY' ? c.orgApiKey : c.admin.apiToken,
    ]),
  );
  if (argv[0] === 'apps' && argv.includes('--write-email'))
    env.PALISADE_ADMIN_API_URL = demo.sim.info.adminApiUrl;
  return { argv, env };
}

async function runAll(examples: Example[]): Promise<void> {
  assert.ok(examples.length > 0);
  for (const example of examples) {
    const { argv, env } = await resolve(example);
    const run = await palisade(argv, { cwd: dir, env });
    // Done, findings at the gate, or an app action Atlassian leaves to an admin: never a usage error.
    assert.ok(
      run.code === EXIT_OK || run.code === EXIT_FINDINGS || run.code === EXIT_MANUAL_REQUIRED,
      `${example.source}: ${example.line}\n→ palisade ${argv.join(' ')}\nexit ${run.code}: ${run.stderr}`,
    );
  }
}

const runnable = (e: Example) =>
  !['demo', 'simulator', 'serve', 'worker', '--help'].includes(e.argv[0] ?? '') && !e.line.includes('$(');

/** The command names a help text lists under "Commands:" (commander's layout), `help` aside. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] ?? '').filter((c) => c !== 'help');
}

/** Every command and subcommand `palisade --help` leads to, with its help text. */
async function everyCommand(): Promise<{ command: string; help: string }[]> {
  const top = await palisade(['--help'], { cwd: dir });
  assert.equal(top.code, 0, top.stderr);
  const found: { command: string; help: string }[] = [];
  const visit = async (path: string[]) => {
    const run = await palisade([...path, '--help'], { cwd: dir });
    assert.equal(run.code, 0, `palisade ${path.join(' ')} --help: ${run.stderr}`);
    const subcommands = listedCommands(run.stdout);
    if (subcommands.length === 0) found.push({ command: path.join(' '), help: run.stdout });
    for (const sub of subcommands) await visit([...path, sub]);
  };
  for (const command of listedCommands(top.stdout)) await visit([command]);
  return found;
}

test("palisade --help and every command's --help answer, and every example they give runs", async () => {
  const commands = await everyCommand();
  assert.ok(commands.some((c) => c.command === 'apps uninstall'));
  const examples = commands.flatMap((c) => helpExamples(c.command, c.help));
  assert.ok(examples.some((e) => e.argv[0] === 'except'));
  await runAll(examples.filter(runnable));
});

test("the READMEs' command examples run", async () => {
  await runAll(
    [
      ...readmeExamples(join(ROOT, 'README.md'), 'README.md'),
      ...readmeExamples(join(ROOT, 'src/cli/README.md'), 'src/cli/README.md'),
    ].filter(runnable),
  );
});

test('a README snippet that reads JSON with jq says it needs jq', () => {
  for (const file of ['README.md', 'src/cli/README.md']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/((?:[^\n]+\n)+)\n```sh\n(?:(?!```)[\s\S])*\$\(jq /g)) {
      assert.match(
        m[1] ?? '',
        /needs \[?`jq`/,
        `${file}: the snippet after "${m[1]?.trim()}" uses jq without saying so`,
      );
    }
  }
});
