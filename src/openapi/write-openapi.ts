import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { generateOpenApiDocument, serializeOpenApi } from './generate-openapi.js';

// `npm run openapi`: regenerates the committed openapi.json at the repository root.
const document = await generateOpenApiDocument();
await writeFile(new URL('../../openapi.json', import.meta.url), serializeOpenApi(document));
console.log(`openapi.json written (${Object.keys(document.paths).length} paths)`);
