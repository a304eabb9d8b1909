import { InvalidArgumentError } from 'commander';

/** `--port`: 0 (any free port) to 65535. */
export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw.trim()) || port > 65_535) {
    throw new InvalidArgumentError(`"${raw}" is not a port — pass a number from 0 (any free port) to 65535`);
  }
  return port;
}
