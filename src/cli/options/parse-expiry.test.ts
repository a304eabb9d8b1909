import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExpiry } from './parse-expiry.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
const expires = (value: string) => parseExpiry({ expires: value }, NOW, 90);

test('an expiry date is the end of that day, UTC', () => {
  assert.equal(expires('2027-03-31').toISOString(), '2027-03-31T23:59:59.000Z');
  assert.equal(expires('2028-02-29').toISOString(), '2028-02-29T23:59:59.000Z');
});

test('a day that does not exist is refused, not rolled over to the next month', () => {
  assert.throws(
    () => expires('2027-02-30'),
    /--expires "2027-02-30" is not a date \(or not a day of the calendar\)/,
  );
  assert.throws(() => expires('2027-02-29'), /not a day of the calendar/);
  assert.throws(() => expires('2027-04-31T12:00:00Z'), /not a day of the calendar/);
});

test('an expiry beyond the 3660-day cap is refused with the allowed range', () => {
  assert.throws(
    () => expires('9999-12-31'),
    /--expires 9999-12-31 is too far away — pass a date from tomorrow to 2036-12-13 \(at most 3660 days\)/,
  );
  assert.equal(expires('2036-12-13').toISOString(), '2036-12-13T23:59:59.000Z');
  assert.throws(() => parseExpiry({ validDays: '3661' }, NOW, 90), /from 1 to 3660/);
});
