import type { RuleMeta } from '../rule-meta.ts';
import type { Control, Framework, FrameworkId } from './framework.ts';

// Framework coverage, derived from the rules' `compliance` metadata: which rules give evidence for
// each control, and how many of the framework's listed controls at least one rule covers.

export interface ControlCoverage extends Control {
  rules: string[];
}

export interface FrameworkCoverage {
  id: FrameworkId;
  title: string;
  version: string;
  controls: ControlCoverage[];
  covered: number;
  total: number;
  /** Covered controls as a whole percentage of the listed ones. */
  percent: number;
}

export function complianceCoverage(
  rules: readonly Pick<RuleMeta, 'id' | 'compliance'>[],
  frameworks: readonly Framework[],
): FrameworkCoverage[] {
  return frameworks.map((framework) => {
    const controls = framework.controls.map((control) => ({
      ...control,
      rules: rules.filter((r) => r.compliance[framework.id]?.includes(control.id)).map((r) => r.id),
    }));
    const covered = controls.filter((c) => c.rules.length > 0).length;
    return {
      id: framework.id,
      title: framework.title,
      version: framework.version,
      controls,
      covered,
      total: controls.length,
      percent: Math.round((covered / controls.length) * 100),
    };
  });
}
