import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: Schema;
}

/** One operation of the committed spec, with what the fuzzer needs to build a plausible request. */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The request body's media type and a plausible value, when the operation declares one. */
  body?: { contentType: string; value: unknown };
  /** Response codes the spec lists (a role-protected route lists 403). */
  responses: string[];
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** Every operation in `openapi.json` (the committed spec, not one built at test time). */
export function loadOperations(specPath: string): Operation[] {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
  const resolve = (schema: Schema | undefined): Schema => {
    const ref = schema?.$ref;
    return typeof ref === 'string' ? resolve(spec.components.schemas[ref.split('/').pop()!]) : (schema ?? {});
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method] as { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses?: Record<string, unknown> } | undefined;
      if (!op) continue;
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, schema: resolve(p.schema) })),
        body: contentType ? { contentType, value: plausible(media.schema, resolve) } : undefined,
        responses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return operations;
}

/** A value the schema accepts as far as cheaply known: its example, enum, default, or a typed placeholder. */
export function plausible(raw: Schema | undefined, resolve: (s: Schema | undefined) => Schema, depth = 0): unknown {
  const schema = resolve(raw);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants?.length) return plausible(variants[0], resolve, depth);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => plausible(s, resolve, depth)));
  switch (schema.type) {
    case 'object': {
      if (depth > 4) return {};
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(props).map(([key, s]) => [key, plausible(s, resolve, depth + 1)]));
    }
    case 'array':
      return depth > 4 ? [] : [plausible(schema.items as Schema, resolve, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (schema.format === 'date-time') return '2026-11-01T00:00:00Z';
      return 'x';
  }
}
