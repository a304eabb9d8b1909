import type { ApiResponse } from '../../api/client.ts';

export type Overview = ApiResponse<'GET /api/v1/overview'>;
export type ConnectionOverview = Overview['connections'][number];
export type RiskyApp = Overview['riskiestApps'][number];
export type SeverityCounts = Overview['totals']['failing']['checks'];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
