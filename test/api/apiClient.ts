/** A tiny fetch wrapper for the programme API tests. */
export const ADMIN_KEY = 'test-admin-key-0123456789-abcdefghijklmnop';

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export function apiClient(baseUrl: string) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    const key = options.key === undefined ? ADMIN_KEY : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  };
}

export type Call = ReturnType<typeof apiClient>;

export const programmeBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'North Clinic IPT',
  defaultLocale: 'es',
  defaultTimeZone: 'Europe/Madrid',
  ...overrides,
});

export const clinicianBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Dr Ana Ruiz',
  aadObjectId: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
  ...overrides,
});

export const clientBody = (clinicianId: string, overrides: Record<string, unknown> = {}) => ({
  externalId: 'MRN-0001',
  clinicianId,
  courseStart: '2026-11-01',
  courseEnd: '2027-02-28',
  focusArea: 'roleDispute',
  ...overrides,
});
