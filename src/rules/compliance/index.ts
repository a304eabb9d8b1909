import { cisControlsV8 } from './cis-controls-v8.ts';
import type { Framework } from './framework.ts';
import { iso270012022 } from './iso-27001-2022.ts';
import { nist80053r5 } from './nist-800-53-r5.ts';
import { soc2 } from './soc2.ts';

export type { Control, Framework, FrameworkId } from './framework.ts';
export { FRAMEWORK_IDS, frameworkSchema } from './framework.ts';

/** Every framework rules can map to, in report order. */
export const frameworks: readonly Framework[] = [cisControlsV8, nist80053r5, iso270012022, soc2];
