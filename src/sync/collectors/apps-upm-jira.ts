import { upmCollector } from './apps-upm.ts';

export const collector = upmCollector('jira');
