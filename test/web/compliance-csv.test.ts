import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Compliance, complianceCsv, csvCell } from '../../web/src/features/compliance/compliance-csv.ts';

const counts = { pass: 0, fail: 2, unknown: 0, not_applicable: 0, excepted: 0 };

test('the compliance export has a row per control and check, and a row for a control no check covers', () => {
  const data: Compliance = {
    frameworks: [
      {
        id: 'soc2',
        controls: [
          {
            id: 'CC6.1',
            title: 'Logical access, "restricted"',
            group: 'CC6',
            state: 'fail',
            checks: [
              {
                ruleId: 'org_sso_enforced',
                title: 'SSO is enforced',
                severity: 'high',
                state: 'fail',
                results: counts,
              },
            ],
          },
          { id: 'CC6.2', title: 'Registration', group: 'CC6', state: 'not_covered', checks: [] },
        ],
      },
    ],
  };
  assert.equal(
    complianceCsv(data),
    [
      'framework,control,control_title,group,control_state,check,check_title,severity,check_state,pass,fail,unknown,not_applicable,excepted',
      'soc2,CC6.1,"Logical access, ""restricted""",CC6,fail,org_sso_enforced,SSO is enforced,high,fail,0,2,0,0,0',
      'soc2,CC6.2,Registration,CC6,not_covered,,,,,,,,,',
      '',
    ].join('\r\n'),
  );
});

test('a cell a spreadsheet would run as a formula is exported as text', () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell(3), '3');
});
