import type { PaginationStyle } from './style.ts';

// One document: a single page holding the body's array, or the body itself.
export const none: PaginationStyle = {
  request: () => ({}),
  parse: (body) => ({ items: Array.isArray(body) ? body : body === undefined ? [] : [body], next: null }),
};
