import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFile } from 'node:fs/promises';
import { generateOpenApiDocument, serializeOpenApi } from '../../src/openapi/generate-openapi.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('OpenAPI spec', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(async () => test.close());

  it('the committed openapi.json is up to date (run `npm run openapi` after changing the API)', async () => {
    // Compared as data: key order may differ between the ts-jest and `nest build` plugin runs.
    const committed = JSON.parse(await readFile(new URL('../../openapi.json', import.meta.url), 'utf8'));
    expect(JSON.parse(serializeOpenApi(await generateOpenApiDocument()))).toEqual(committed);
  });

  it('the running service serves the committed spec plus the per-template relay operations and the signed-in note', async () => {
    const committed = JSON.parse(await readFile(new URL('../../openapi.json', import.meta.url), 'utf8'));
    const res = await fetch(`${test.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const served = (await res.json()) as any;
    // The served additions are documented in src/bootstrap/served-openapi.ts; everything else is the committed spec.
    const added = Object.keys(served.paths).filter((path) => !(path in committed.paths));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((path) => path.startsWith('/v1/api/') && !path.startsWith('/v1/api/{provider}'))).toBe(true);
    expect(served.info.description.endsWith(committed.info.description)).toBe(true);
    for (const path of added) delete served.paths[path];
    served.info.description = committed.info.description;
    expect(served).toEqual(committed);
    await expect(SwaggerParser.validate((await (await fetch(`${test.url}/docs/openapi.json`)).json()) as any)).resolves.toHaveProperty('openapi');
  });

  it('validates as OpenAPI 3 and uses method names as operation ids', async () => {
    const committed = JSON.parse(await readFile(new URL('../../openapi.json', import.meta.url), 'utf8'));
    const api = await SwaggerParser.validate(structuredClone(committed));
    expect(api).toHaveProperty('openapi', expect.stringMatching(/^3\./));
    const ids = Object.values(committed.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids).toEqual(expect.arrayContaining(['live', 'ready', 'scrape']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Swagger UI is served at /docs', async () => {
    const res = await fetch(`${test.url}/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});
