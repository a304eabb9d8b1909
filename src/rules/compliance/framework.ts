import { z } from 'zod';

// A compliance framework as data: its controls, with their official ids and titles. Rules name
// the controls they provide evidence for (`compliance` in their metadata); the mapping from a
// control to its rules and the coverage per framework are derived from that (coverage.ts), so the
// mapping has one source. Each file lists the controls that a configuration check of Atlassian
// Cloud can speak to, not the whole framework; coverage is measured against that list.

export const FRAMEWORK_IDS = ['cis-controls-v8', 'nist-800-53-r5', 'iso-27001-2022', 'soc2'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export const frameworkSchema = z.strictObject({
  id: z.enum(FRAMEWORK_IDS),
  /** The display name, version included: `NIST SP 800-53 Rev. 5`. */
  title: z.string().min(1),
  version: z.string().min(1),
  url: z.url(),
  /** What the control list covers and what it leaves out. */
  note: z.string().min(1),
  controls: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        title: z.string().min(1),
        /** The family, function or clause group the control belongs to. */
        group: z.string().min(1),
      }),
    )
    .min(1),
});

export type Framework = z.output<typeof frameworkSchema>;
export type Control = Framework['controls'][number];
