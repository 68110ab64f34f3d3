import type { ClientDto } from '../dto/client.dto.js';
import type { ClientApplicationEntity, ClientApplicationFacts } from './client-application.entity.js';

/** What of a client the registry keeps: display facts only (a ClientDto never holds a secret). */
export function factsOf(client: ClientDto): ClientApplicationFacts {
  return {
    ...(client.description !== undefined ? { description: client.description } : {}),
    redirectUris: client.redirectUris,
    grantTypes: client.grantTypes,
    scopes: client.scopes,
    providerFields: { ...client.providerFields },
  };
}

export function fromRegistryRow(row: ClientApplicationEntity): ClientDto {
  const facts = row.facts ?? {};
  return {
    provider: row.provider,
    id: row.upstreamClientId,
    name: row.name,
    ...(facts.description !== undefined ? { description: facts.description } : {}),
    redirectUris: facts.redirectUris ?? [],
    grantTypes: (facts.grantTypes ?? []) as ClientDto['grantTypes'],
    scopes: facts.scopes ?? [],
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.updatedAt.toISOString(),
    source: 'bff-registry',
    providerFields: (facts.providerFields ?? {}) as ClientDto['providerFields'],
  };
}
