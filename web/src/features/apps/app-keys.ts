/** The apps pages' query family (list and detail); an app action refreshes it. */
export const appsKey = ['apps'] as const;
