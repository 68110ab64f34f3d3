import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject } from '@nestjs/swagger';

/** What the served spec needs to know of a provider: its id, name and relay allowlist. */
export interface RelayProviderView {
  id: string;
  displayName: string;
  allow: { methods: string[]; path: string }[];
}

const GENERIC_RELAY_PATH = '/v1/api/{provider}/{path}';
const PARAM = /^\{(\w+)\}$/;
// What the relay accepts in a `{param}` segment (src/relay/relay-allowlist.ts): one whole unreserved segment.
const SEGMENT_PATTERN = '^(?!\\.{1,2}$)[A-Za-z0-9_.~-]+$';

function operationIdOf(provider: string, method: string, template: string): string {
  return `relay_${provider}_${method}_${template.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`.replace(/-/g, '_');
}

function pathParameters(template: string): ParameterObject[] {
  return template
    .split('/')
    .map((segment) => PARAM.exec(segment)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((name) => ({ name, in: 'path', required: true, description: 'One path segment (letters, digits, `-._~`)', schema: { type: 'string', pattern: SEGMENT_PATTERN } }));
}

/**
 * The spec Swagger UI serves: beside the generic relay route (whose `{path}` Swagger UI
 * percent-encodes, `v1%2Fuser%2F1001`, which the relay rightly refuses), one operation per
 * allowlisted template of each configured provider, with its path parameters, so
 * "Try it out" sends a correct path. The committed openapi.json is built without this
 * (it must not depend on configuration) and keeps only the generic route.
 */
export function withRelayTemplateOperations(document: OpenAPIObject, providers: RelayProviderView[]): OpenAPIObject {
  const generic = document.paths[GENERIC_RELAY_PATH]?.get;
  if (!generic) return document;
  const paths: Record<string, PathItemObject> = { ...document.paths };
  for (const provider of providers) {
    for (const rule of provider.allow) {
      const path = `/v1/api/${provider.id}${rule.path}`;
      const item: PathItemObject = { ...paths[path] };
      for (const method of rule.methods.map((m) => m.toLowerCase())) {
        const operation: OperationObject = {
          tags: generic.tags,
          summary: `${provider.displayName}: ${method.toUpperCase()} ${rule.path}`,
          description: `Relays to ${provider.displayName}'s API (allowlisted template \`${rule.path}\`). Errors are those of the generic relay route.`,
          operationId: operationIdOf(provider.id, method, rule.path),
          parameters: pathParameters(rule.path),
          responses: generic.responses,
          security: generic.security,
        };
        (item as Record<string, OperationObject>)[method] = operation;
      }
      paths[path] = item;
    }
  }
  return { ...document, paths };
}
