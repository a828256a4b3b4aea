import { applyDecorators, Body, Controller, createParamDecorator, Delete, ExecutionContext, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Principal, Role, Roles } from '@ccndr/auth';
import { openApiBody, uuidParam, ZodPipe } from './validation';

/**
 * The decorators every service's routes share, so that a route states each thing once: its method,
 * path, who may call it and its summary in one line, and the schema that validates a body or a
 * query string is also the one its OpenAPI document shows.
 */

const verbs = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

export interface RouteOptions {
  /** What the route does, in English / en français (the OpenAPI summary). */
  summary: string;
  /** More than a summary says, when a caller needs it (the OpenAPI description). */
  description?: string;
  /** The roles that may call it; any signed-in caller of the consortium when left out. */
  roles?: readonly Role[];
  /** The status of a success when it is not the method's default (201 for POST, 200 otherwise). */
  status?: number;
}

/** A documented route: `@Route('POST', ':needId/close', { summary, roles, status: 200 })`. */
export function Route(method: keyof typeof verbs, path: string, options: RouteOptions): MethodDecorator;
/** A documented route at the controller's own path. */
export function Route(method: keyof typeof verbs, options: RouteOptions): MethodDecorator;
export function Route(method: keyof typeof verbs, pathOrOptions: string | RouteOptions, maybeOptions?: RouteOptions): MethodDecorator {
  const [path, options] = typeof pathOrOptions === 'string' ? [pathOrOptions, maybeOptions!] : [undefined, pathOrOptions];
  return applyDecorators(
    verbs[method](path),
    ...(options.status ? [HttpCode(options.status)] : []),
    ...(options.roles ? [Roles(...options.roles)] : []),
    ApiOperation({ summary: options.summary, description: options.description }),
  );
}

/**
 * The routes of one consortium's resources, under `consortia/:consortiumId/<path>` (the tenancy
 * interceptor lets only the consortium's own callers in), grouped under `tag` in the OpenAPI document.
 */
export function ConsortiumRoutes(tag: string, path?: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), Controller(path ? `consortia/:consortiumId/${path}` : 'consortia/:consortiumId'));
}

/** The consortium a `/consortia/:consortiumId/…` route names (the tenancy interceptor has checked it). */
export const ConsortiumId = (): ParameterDecorator => Param('consortiumId');

/** Who calls a `/consortia/:consortiumId/…` route: the consortium it names and the caller's verified principal. */
export interface Caller {
  consortiumId: string;
  principal: Principal;
}

const callerOfRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<{ params: Record<string, string>; principal: Principal }>();
  return { consortiumId: request.params.consortiumId, principal: request.principal };
});

/**
 * The caller of a consortium's route, for handlers that act as someone (`@Caller() { consortiumId, principal }: Caller`);
 * `@ConsortiumId()` alone where who calls does not matter. The path parameter stays documented.
 */
export function Caller(): ParameterDecorator {
  return (target, key, index) => {
    callerOfRequest()(target, key, index);
    ApiParam({ name: 'consortiumId', type: String })(...methodOf(target, key));
  };
}

/** A route parameter that must be a UUID: a 400 naming the parameter otherwise. */
export const IdParam = (name: string): ParameterDecorator => Param(name, new ZodPipe(uuidParam, name));

/** The method a parameter decorator stands on, for the method decorators it applies as well. */
function methodOf(target: object, key: string | symbol | undefined): [object, string | symbol, PropertyDescriptor] {
  if (key === undefined) throw new Error('a request body or query is a parameter of a route method, not of a constructor');
  return [target, key, Object.getOwnPropertyDescriptor(target, key)!];
}

/** The JSON body, validated against `schema` (a 400 naming every offending field) and documented by it. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    ApiBody(openApiBody(schema))(...methodOf(target, key));
  };
}

/** The query string, validated against `schema` and documented by it: one query parameter per field. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodPipe(schema))(target, key, index);
    const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as { properties?: Record<string, { description?: string }>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      ApiQuery({ name, required: json.required?.includes(name) ?? false, description: property.description, schema: property as object })(...methodOf(target, key));
    }
  };
}
