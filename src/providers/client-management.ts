/**
 * The client-management part of the adapter seam: which OAuth-client operations a
 * provider's own API offers. Feature code (the clients module) asks these flags and
 * never branches on the provider kind.
 */
export interface ClientManagementCapabilities {
  list: boolean;
  get: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  regenerateSecret: boolean;
  /** A catalogue of the scopes clients may ask for. */
  scopes: boolean;
  /** The caller's grants to client applications. */
  authorizations: boolean;
  /**
   * The upstream cannot list (or read back) what was created through it, so the BFF
   * keeps its own record of the clients it created (`client_applications`).
   */
  registry: boolean;
}

export type ClientOperation = Exclude<keyof ClientManagementCapabilities, 'registry'>;

/** Providers without a client-management API (Cal.com, Phone.com). */
export const NO_CLIENT_MANAGEMENT: ClientManagementCapabilities = Object.freeze({
  list: false,
  get: false,
  create: false,
  update: false,
  delete: false,
  regenerateSecret: false,
  scopes: false,
  authorizations: false,
  registry: false,
});
