/**
 * The OpenAPI document as the suites generated from it read it: the operations, who may call
 * them and which parameters they take. Suites that walk every route (authorization, privacy)
 * build on this so that a new route is covered the day it is added.
 */
import type { TestApp } from './app.js';

export type JsonSchema = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  description?: string;
  security?: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  method: Method;
  path: string;
  operation: OpenApiOperation;
  isPublic: boolean;
  /** From `**Permission:** \`…\`` in the description (describePermission). */
  permission: string | undefined;
}

export async function readDocument(t: TestApp): Promise<OpenApiDocument> {
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
  return response.json() as OpenApiDocument;
}

export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase() as Method,
        path,
        operation,
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        permission: /\*\*Permission:\*\* `([^`]+)`/.exec(operation.description ?? '')?.[1],
      });
    }
  }
  return operations;
}

/** The names in the path template, in order: `/a/{x}/b/{y}` → x, y. */
export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** The path with each `{name}` replaced by its value. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}
