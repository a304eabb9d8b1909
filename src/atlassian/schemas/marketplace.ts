import { z } from 'zod';

// Marketplace `GET /rest/2/addons/{addonKey}/privacy-and-security`: newer than the stored spec
// (2021). The top-level sections are confirmed by the docs; the leaves are the vendor form's
// field names (unverified), so they are optional and typed, and only the sections the app risk
// model reads are required. https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-privacy-and-security/

export const marketplacePrivacy = z.looseObject({
  dataAccessAndStorage: z.looseObject({
    appProcessEUDOutsideAtlassian: z.boolean().optional(),
    appStoresEUDOutsideAtlassian: z.boolean().optional(),
    typesOfDataAccessed: z.array(z.string()).optional(),
    typesOfDataStored: z.array(z.string()).optional(),
  }),
  thirdPartyInformation: z.looseObject({
    isEndUserDataShared: z.boolean().optional(),
    dataSubProcessors: z.string().nullish(),
  }),
  dataResidency: z.looseObject({ isDataResidencySupported: z.string().nullish() }),
  security: z.looseObject({
    isDiskEncryptionSupported: z.boolean().optional(),
    requiresUsersToProvidePATs: z.boolean().optional(),
  }),
  logDetails: z.looseObject({}).optional(),
  dataRetention: z.looseObject({}).optional(),
  privacy: z.looseObject({}).optional(),
});
