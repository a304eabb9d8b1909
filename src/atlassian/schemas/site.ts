import { z } from 'zod';

/** `GET https://{site}.atlassian.net/_edge/tenant_info` (unauthenticated): the site's cloud id. */
export const tenantInfo = z.looseObject({ cloudId: z.string() });
