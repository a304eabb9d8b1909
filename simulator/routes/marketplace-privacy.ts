import type { Listed } from './marketplace-listing.ts';
import { notFound } from './marketplace-listing.ts';

// GET /rest/2/addons/{addonKey}/privacy-and-security: the vendor's answers on the listing's
// "Privacy and security" tab. No spec; the section names and leaves follow the docs' example
// (https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-privacy-and-security/)
// and docs/atlassian/API.md §3, whose deeper leaves and the residency enum are unverified.
// An app whose vendor never filled the form has no published tab: anonymous readers get the
// same 404 as for an unknown app (only the vendor, authenticated, may read a draft).

const RESIDENCY = {
  inAtlassian: { yes: 'STORED_IN_ATLASSIAN_N_DR_SUPPORTED', no: 'STORED_IN_ATLASSIAN_N_DR_NOT_SUPPORTED' },
  outside: {
    yes: 'STORED_OUTSIDE_ATLASSIAN_N_DR_SUPPORTED',
    no: 'STORED_OUTSIDE_ATLASSIAN_N_DR_NOT_SUPPORTED',
  },
} as const;

export function renderPrivacy({ app, listing }: Listed) {
  const p = listing.privacy;
  if (!p) throw notFound();
  const personal = listing.storesPersonalData;
  const dataTypes = personal
    ? ['Personal data (names, e-mail addresses)', 'Product content']
    : ['Product content'];
  const stored = p.storesDataOutsideAtlassian ? dataTypes : [];
  const residency = (p.storesDataOutsideAtlassian ? RESIDENCY.outside : RESIDENCY.inAtlassian)[
    p.dataResidencySupported ? 'yes' : 'no'
  ];
  const website = app.vendor.url.replace(/\/$/, '');
  return {
    dataAccessAndStorage: {
      isSameDataProcessedAndStored: true,
      appProcessEUDOutsideAtlassian: p.storesDataOutsideAtlassian,
      typesOfDataAccessed: dataTypes,
      appStoresEUDOutsideAtlassian: p.storesDataOutsideAtlassian,
      typesOfDataStored: stored,
    },
    thirdPartyInformation: {
      isEndUserDataShared: p.sharesWithThirdParties,
      dataSubProcessors: p.subProcessors.join(', '),
      thirdPartyDetails: p.sharesWithThirdParties
        ? p.subProcessors.map((name) => ({
            name,
            link: `${website}/subprocessors`,
            purpose: 'Hosting and processing of app data',
            thirdPartyCountries: ['United States'],
          }))
        : [],
    },
    logDetails: {
      logEndUserData: personal,
      logProcessAndOrStoreEUDOutsideAtlassian: personal && p.storesDataOutsideAtlassian,
      logEUDShareWithThirdParty: personal && p.sharesWithThirdParties,
      logsIntegralForAppFunctionality: false,
    },
    dataResidency: { isDataResidencySupported: residency },
    dataRetention: { isCustomRetentionPeriodAllowed: false },
    security: { isDiskEncryptionSupported: p.diskEncryption, requiresUsersToProvidePATs: false },
    privacy: {
      gdpr: {
        dataController: { isAppDataController: false },
        dataProcessor: { isAppDataProcessor: personal, endUserDataTypes: personal ? dataTypes : [] },
        dataTransfer: {
          isEndUserDataTransferredOutsideEEA: p.storesDataOutsideAtlassian,
          isTransferComplianceMechanismsAdhered: true,
        },
      },
      ccpa: {
        business: { isAppBusiness: false },
        serviceProvider: { isAppServiceProvider: personal, endUserDataTypes: personal ? dataTypes : [] },
      },
    },
  };
}
