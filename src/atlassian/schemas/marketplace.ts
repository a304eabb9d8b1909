import { z } from 'zod';

// Marketplace `GET /rest/2/addons/{addonKey}/privacy-and-security`: newer than the stored spec
// (2021). The top-level sections are confirmed by the docs; the leaves are the vendor form's
// field names (unverified), so everything is optional and typed: a vendor that left a section
// out leaves those answers unknown, never the app's whole Marketplace record.
// https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-privacy-and-security/

export const marketplacePrivacy = z.looseObject({
  dataAccessAndStorage: z
    .looseObject({
      appProcessEUDOutsideAtlassian: z.boolean().optional(),
      appStoresEUDOutsideAtlassian: z.boolean().optional(),
      typesOfDataAccessed: z.array(z.string()).optional(),
      typesOfDataStored: z.array(z.string()).optional(),
    })
    .optional(),
  thirdPartyInformation: z
    .looseObject({
      isEndUserDataShared: z.boolean().optional(),
      dataSubProcessors: z.string().nullish(),
    })
    .optional(),
  dataResidency: z.looseObject({ isDataResidencySupported: z.string().nullish() }).optional(),
  security: z
    .looseObject({
      isDiskEncryptionSupported: z.boolean().optional(),
      requiresUsersToProvidePATs: z.boolean().optional(),
    })
    .optional(),
  logDetails: z.looseObject({}).optional(),
  dataRetention: z.looseObject({}).optional(),
  privacy: z.looseObject({}).optional(),
});
