import type { Pagination } from '../catalogue/index.ts';
import { adminCursor } from './admin-cursor.ts';
import { adminV2BodyCursor } from './admin-v2-body-cursor.ts';
import { adminV2Cursor } from './admin-v2-cursor.ts';
import { apiAccessCursor } from './api-access-cursor.ts';
import { bitbucketPage } from './bitbucket-page.ts';
import { cursorLinks } from './cursor-links.ts';
import { graphqlRelay } from './graphql-relay.ts';
import { jiraAudit } from './jira-audit.ts';
import { marketplaceOffset } from './marketplace-offset.ts';
import { none } from './none.ts';
import { pageBean } from './page-bean.ts';
import { startAtArray } from './start-at-array.ts';
import { startLimit } from './start-limit.ts';
import type { PaginationStyle } from './style.ts';

export type { PageContext, PageRequest, PageState, PaginationStyle, ParsedPage } from './style.ts';

/** Every catalogue pagination style has its walker (the Record type makes a missing one a type error). */
export const paginationStyles: Record<Pagination, PaginationStyle> = {
  'page-bean': pageBean,
  'start-at-array': startAtArray,
  'jira-audit': jiraAudit,
  'cursor-links': cursorLinks,
  'start-limit': startLimit,
  'admin-cursor': adminCursor,
  'admin-v2-cursor': adminV2Cursor,
  'admin-v2-body-cursor': adminV2BodyCursor,
  'api-access-cursor': apiAccessCursor,
  'marketplace-offset': marketplaceOffset,
  'graphql-relay': graphqlRelay,
  'bitbucket-page': bitbucketPage,
  none,
};
