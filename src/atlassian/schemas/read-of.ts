import type { EndpointId, Pagination, PaginationOf } from '../catalogue/index.ts';
import type { ReadTypes } from './generated/read-types.ts';

// What `api.call` and `api.pages` hand over, by endpoint id: the response once read tolerantly
// (generated/read-types.ts: relied-on fields typed, every other field `unknown`), and the items of
// one page, found where the endpoint's pagination style finds them (src/atlassian/paginate).

/** The body of an endpoint's response as read; `unknown` where no schema describes it. */
export type ReadOf<Id extends EndpointId> = Id extends keyof ReadTypes ? ReadTypes[Id] : unknown;

/** The field of a page body that holds its items, per pagination style (`never`: not a field). */
type ItemsField<P extends Pagination> = P extends 'page-bean' | 'bitbucket-page'
  ? 'values'
  : P extends 'jira-audit'
    ? 'records'
    : P extends 'cursor-links' | 'start-limit'
      ? 'results'
      : P extends 'admin-cursor' | 'admin-v2-cursor' | 'admin-v2-body-cursor' | 'api-access-cursor'
        ? 'data'
        : never;

type ElementOf<L> = L extends readonly (infer E)[] ? E : unknown;
/** A required field's type; `unknown` when the field is optional or absent (the read checks nothing). */
type FieldOf<R, K extends string> = R extends { [F in K]: infer V } ? V : unknown;

type PageItem<R, P extends Pagination> = [P] extends ['none' | 'start-at-array']
  ? R extends readonly (infer E)[]
    ? E
    : R
  : [ItemsField<P>] extends [never]
    ? unknown
    : ElementOf<FieldOf<R, ItemsField<P>>>;

/** One item of a page `api.pages(id)` yields (GraphQL and Marketplace pages: `unknown`). */
export type PageItemOf<Id extends EndpointId> = PageItem<ReadOf<Id>, PaginationOf<Id>>;
