import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripControls } from './strip-controls.ts';

test('screen-clearing, colour, title and link escape sequences are removed from tenant text', () => {
  assert.equal(stripControls('Eve\x1b[2J\x1b[H\x1b[31mMallory\x1b[0m'), 'EveMallory');
  assert.equal(stripControls('a\x1b]0;pwned\x07b'), 'ab');
  assert.equal(stripControls('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\'), 'click');
  assert.equal(stripControls('x\x1bcy'), 'xy');
});

test('carriage returns, backspaces, bells and C1 controls are removed; newlines, tabs and Unicode stay', () => {
  assert.equal(stripControls('ok\rFAIL\b\x07\x9b2J'), 'okFAIL2J');
  assert.equal(stripControls('Zoë\tÅsa\n— 日本\n'), 'Zoë\tÅsa\n— 日本\n');
});
