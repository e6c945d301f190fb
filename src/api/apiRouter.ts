/**
 * A small layer over restify for the programme API: every route is declared once with its zod schemas
 * (path, query, body, responses) and its access level; the same declarations validate requests and
 * produce the OpenAPI 3.1 document (@asteasolutions/zod-to-openapi), so it cannot drift from what is enforced.
 */
import type { Request, Response, Server } from 'restify';
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z, ZodError } from 'zod';
import { Logger } from '../logger';
import { ConflictError, InvalidReferenceError, NotFoundError } from '../programmes/errors';
import { ApiAuthenticator, Caller } from './auth';
import { InvalidCursorError } from './paging';

// zod-to-openapi reads (and adds) OpenAPI metadata through a `.openapi()` method on zod's prototype.
extendZodWithOpenApi(z);

export const API_PREFIX = '/api/v1';

export type Access = 'public' | 'admin' | 'programme';
type AnyObject = z.ZodObject<z.ZodRawShape, 'strict'>;

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** A body that is not JSON (a CSV export): sent as this content type, as the string it is. */
  contentType?: string;
}

export interface RouteDefinition<P extends AnyObject, Q extends AnyObject, B extends z.ZodTypeAny> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** restify style, relative to /api/v1: `/programmes/:programmeId`. */
  path: string;
  summary: string;
  /** public: no key. admin: the bootstrap key only. programme: the admin key or a key of the programme in the path. */
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodTypeAny }>;
  handler(input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; caller: Caller }): Promise<ApiResponse>;
}

export interface ApiError {
  path: string;
  message: string;
}

export function errorBody(errors: ApiError[]): { errors: ApiError[] } {
  return { errors };
}

function zodErrors(error: ZodError, prefix: string): ApiError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}` };
    }
    return { path, message: issue.message };
  });
}

const emptyStrict = z.object({}).strict();

export class ApiRouter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly routes: RouteDefinition<any, any, any>[] = [];

  constructor(
    private readonly server: Server,
    private readonly auth: ApiAuthenticator,
    private readonly logger: Logger,
  ) {}

  add<P extends AnyObject, Q extends AnyObject, B extends z.ZodTypeAny>(route: RouteDefinition<P, Q, B>): void {
    this.routes.push(route);
    const fullPath = `${API_PREFIX}${route.path}`;
    this.server[route.method === 'delete' ? 'del' : route.method](fullPath, async (req: Request, res: Response) => {
      const result = await this.handle(route, req);
      res.setHeader('cache-control', 'no-store');
      if (result.status === 401) res.setHeader('www-authenticate', 'Bearer');
      if (result.contentType && typeof result.body === 'string') {
        res.setHeader('content-type', result.contentType);
        res.sendRaw(result.status, result.body);
      } else if (result.body === undefined) {
        res.send(result.status);
      } else {
        res.send(result.status, result.body);
      }
    });
  }

  private async handle<P extends AnyObject, Q extends AnyObject, B extends z.ZodTypeAny>(route: RouteDefinition<P, Q, B>, req: Request): Promise<ApiResponse> {
    try {
      let caller: Caller = { kind: 'anonymous' };
      if (route.access !== 'public') {
        const found = await this.auth.authenticate(req.headers.authorization);
        if (!found) return { status: 401, body: errorBody([{ path: 'authorization', message: 'Send a valid key as "Authorization: Bearer <key>".' }]) };
        caller = found;
        if (route.access === 'admin' && caller.kind !== 'admin') {
          return { status: 403, body: errorBody([{ path: 'authorization', message: 'This needs the admin key; programme keys cannot do it.' }]) };
        }
      }

      const errors: ApiError[] = [];
      const params = (route.params ?? emptyStrict).safeParse({ ...(req.params ?? {}) });
      if (!params.success) errors.push(...zodErrors(params.error, 'params'));
      // A programme key sees only its own programme; any other id looks exactly like one that does not exist.
      if (params.success && caller.kind === 'programme' && 'programmeId' in params.data && params.data.programmeId !== caller.programmeId) {
        return { status: 404, body: errorBody([{ path: 'params.programmeId', message: `There is no programme "${String(params.data.programmeId)}".` }]) };
      }
      const query = (route.query ?? emptyStrict).safeParse({ ...((req.query as object | undefined) ?? {}) });
      if (!query.success) errors.push(...zodErrors(query.error, 'query'));
      let body: z.SafeParseReturnType<unknown, unknown> = { success: true, data: undefined };
      if (route.body) {
        const raw: unknown = req.body;
        if (raw === undefined || raw === null || typeof raw !== 'object' || Buffer.isBuffer(raw)) {
          errors.push({ path: 'body', message: 'The body must be a JSON object (Content-Type: application/json).' });
        } else {
          body = route.body.safeParse(raw);
          if (!body.success) errors.push(...zodErrors(body.error, 'body'));
        }
      }
      if (errors.length) return { status: 400, body: errorBody(errors) };

      return await route.handler({
        params: params.data as z.infer<P>,
        query: (query as { data: z.infer<Q> }).data,
        body: (body as { data: z.infer<B> }).data,
        caller,
      });
    } catch (error) {
      if (error instanceof NotFoundError) return { status: 404, body: errorBody([{ path: '', message: error.message }]) };
      if (error instanceof ConflictError) return { status: 409, body: errorBody([{ path: error.path ? `body.${error.path}` : '', message: error.message }]) };
      if (error instanceof InvalidReferenceError) return { status: 400, body: errorBody([{ path: `body.${error.path}`, message: error.message }]) };
      if (error instanceof ZodError) return { status: 400, body: errorBody(zodErrors(error, 'body')) };
      if (error instanceof InvalidCursorError) return { status: 400, body: errorBody([{ path: 'query.cursor', message: error.message }]) };
      this.logger.error({ err: { name: (error as Error).name, stack: (error as Error).stack }, route: route.path, method: route.method }, 'API request failed');
      return { status: 500, body: errorBody([{ path: '', message: 'Something went wrong on our side; the error is logged. Try again later.' }]) };
    }
  }

  /** The OpenAPI 3.1 document of every route added so far, generated from the routes' zod schemas. */
  openApiDocument(info: { title: string; version: string }): Record<string, unknown> {
    const registry = new OpenAPIRegistry();
    registry.registerComponent('securitySchemes', 'bearerKey', {
      type: 'http',
      scheme: 'bearer',
      description: 'The admin key from ADMIN_API_KEY, or a programme key issued through the API.',
    });
    const errorSchema = z.object({ errors: z.array(z.object({ path: z.string(), message: z.string() }).strict()) }).strict();
    const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
    for (const route of this.routes) {
      const openApiPath = `${API_PREFIX}${route.path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodTypeAny }> }> = {};
      for (const [status, response] of Object.entries(route.responses)) {
        responses[status] = response.schema ? { description: response.description, content: { 'application/json': { schema: response.schema } } } : { description: response.description };
      }
      if (route.params || route.query || route.body) responses['400'] ??= error('The request is invalid; `errors` says where and why.');
      if (route.access !== 'public') {
        responses['401'] ??= error('No key, or the key is wrong or revoked.');
        if (route.access === 'admin') responses['403'] ??= error('A programme key was used where the admin key is needed.');
      }
      if (route.params) responses['404'] ??= error('Not found (also for another programme than the key belongs to).');
      if (route.body) {
        responses['413'] ??= error('The body is larger than the configured limit.');
        responses['415'] ??= error('The body is not JSON (send Content-Type: application/json).');
      }
      registry.registerPath({
        method: route.method,
        path: openApiPath,
        operationId: `${route.method}${openApiPath.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
        summary: route.summary,
        security: route.access === 'public' ? [] : [{ bearerKey: [] }],
        request: {
          ...(route.params ? { params: route.params } : {}),
          ...(route.query ? { query: route.query } : {}),
          ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
        },
        responses,
      });
    }
    const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info, servers: [{ url: '/' }] });
    return document as unknown as Record<string, unknown>;
  }
}
