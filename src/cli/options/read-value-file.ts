import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { CliError } from '../cli-error.ts';

// Reads a value a person hands the CLI in a file (`attest --value-file`): JSON or YAML, at most
// MAX_VALUE_FILE_BYTES. A device or pipe (/dev/zero) has no size to check first, so at most one
// byte past the limit is ever read. YAML tags that would build something other than plain data
// (`!!js/function`, custom tags) are an error, not a warning on stderr.

export const MAX_VALUE_FILE_BYTES = 1024 * 1024;

export function readValueFile(flag: string, path: string, limit = MAX_VALUE_FILE_BYTES): unknown {
  const text = readBounded(flag, path, limit);
  const doc = parseDocument(text, { logLevel: 'silent', prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const reason =
      problem.code === 'TAG_RESOLVE_FAILED'
        ? `it uses a YAML tag (${tagOf(problem.message)}) that is not plain data`
        : `it is not valid JSON or YAML (${problem.message.split('\n')[0]})`;
    throw new CliError('invalid_input', `${flag} ${path}: ${reason} — fix the value`);
  }
  return doc.toJS();
}

function tagOf(message: string): string {
  const tag = /Unresolved tag: (\S+)/.exec(message)?.[1] ?? 'unknown';
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

function readBounded(flag: string, path: string, limit: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot open it (${code ?? 'error'})`;
    throw new CliError('invalid_input', `${flag} ${path}: ${reason} — pass the file holding the value`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new CliError(
        'invalid_input',
        `${flag} ${path}: it is a folder — pass the file holding the value`,
      );
    }
    const tooLarge = () =>
      new CliError(
        'invalid_input',
        `${flag} ${path}: larger than the ${limit / 1024} KiB a value may be — pass the file holding the value`,
      );
    if (stat.isFile() && stat.size > limit) throw tooLarge();
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > limit) throw tooLarge();
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
