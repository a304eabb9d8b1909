import { z } from 'zod';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { defineRule, type RuleDefinition } from '../../define-rule.ts';
import type { RuleOutcome, RuleResource } from '../../outcome.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';

// Judges one attested data security control (export, public links, anonymous access, app access):
// does it block everywhere, or at least for the data the organization calls sensitive? Shared by the
// data-protection rules (one factory for the three that judge a blocking control) and the app access
// rule of app-governance.

type Policies = SubjectValue<'attested.data-security-policies'>;
export type DataSecurityControl = NonNullable<Policies['export']>;

function norm(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * @param label what the control blocks, as a sentence fragment: "Anonymous access", "Export".
 * @param sensitive names or keys of the data that must be covered (the rule's setting); empty when
 *   the organization has not said, in which case any coverage counts.
 */
export function judgeControl(
  resource: RuleResource,
  control: DataSecurityControl | undefined,
  label: string,
  sensitive: readonly string[],
): RuleOutcome {
  if (control === undefined) {
    return unknown(
      resource,
      `The attestation of data security policies does not record the ${label.toLowerCase()} control.`,
    );
  }
  const covered = new Set(control.covered.map(norm));
  const exceptions = new Set(control.exceptions.map(norm));
  const evidence = {
    blocks: control.blocks,
    covered: [...control.covered],
    exceptions: [...control.exceptions],
    sensitive: [...sensitive],
  };
  if (control.blocks === 'nowhere')
    return fail(resource, `No active data security policy blocks ${label.toLowerCase()}.`, evidence);
  if (control.blocks === 'everywhere') {
    const excepted = sensitive.filter((s) => exceptions.has(norm(s)));
    if (excepted.length > 0) {
      return fail(
        resource,
        `${label} is blocked by default, but overrides allow it for sensitive data: ${excepted.join(', ')}.`,
        evidence,
      );
    }
    const overrides = control.exceptions.length > 0 ? ` (overrides: ${control.exceptions.join(', ')})` : '';
    return pass(resource, `${label} is blocked for all Jira and Confluence data${overrides}.`, evidence);
  }
  if (sensitive.length === 0) {
    if (control.covered.length === 0)
      return fail(resource, `No data is covered by a policy that blocks ${label.toLowerCase()}.`, evidence);
    return pass(
      resource,
      `${label} is blocked for ${control.covered.join(', ')}; declare the sensitive data in the settings to check it is among them.`,
      evidence,
    );
  }
  const missing = sensitive.filter((s) => !covered.has(norm(s)) || exceptions.has(norm(s)));
  if (missing.length > 0)
    return fail(resource, `${label} is not blocked for sensitive data: ${missing.join(', ')}.`, evidence);
  return pass(resource, `${label} is blocked for all the sensitive data: ${sensitive.join(', ')}.`, evidence);
}

type DataSecurityPolicies = 'attested.data-security-policies';

/** The controls that only block (the app access control also has a mode: its own rule). */
type BlockingControl = 'export' | 'publicLinks' | 'anonymousAccess';

const sensitiveDataSetting = (what: string) =>
  z.object({
    sensitiveData: z
      .array(z.string().min(1))
      .default([])
      .describe(`${what} (as named in the policy) that must be covered.`),
  });

export interface DataSecurityRuleDefinition
  extends Omit<
    RuleDefinition<DataSecurityPolicies, never, ReturnType<typeof sensitiveDataSetting>>,
    | 'area'
    | 'scope'
    | 'resourceType'
    | 'requires'
    | 'optional'
    | 'plan'
    | 'credential'
    | 'settings'
    | 'evaluate'
  > {
  /** The control of the attested policies the rule judges. */
  control: BlockingControl;
  /** What the control blocks, as a sentence starts: "Anonymous access", "Export". */
  label: string;
  /** What the `sensitiveData` setting names: "Spaces, projects or classification levels". */
  sensitiveData: string;
}

/**
 * A rule on one blocking control of the organization's data security policies: attested (no public
 * API reads them: the Admin Control read endpoint is deprecated), org-wide, Atlassian Guard Standard.
 */
export function defineDataSecurityRule(definition: DataSecurityRuleDefinition): Rule {
  const { control, label, sensitiveData, ...meta } = definition;
  return defineRule({
    ...meta,
    area: 'data-protection',
    scope: 'org',
    resourceType: 'org',
    requires: ['attested.data-security-policies'],
    plan: 'guard-standard',
    credential: 'none',
    settings: sensitiveDataSetting(sensitiveData),
    evaluate(ctx) {
      const policies = ctx.attested('attested.data-security-policies').value;
      const org = { id: ctx.org.id, name: ctx.org.name };
      return [judgeControl(org, policies[control], label, ctx.settings.sensitiveData)];
    },
  });
}
