import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type {
  CounterKind,
  FaultOutcome,
  FaultSpec,
  SandboxClient,
  SandboxContext,
  SandboxProviderId,
  SandboxSeed,
  SandboxUser,
  TokenLifetimes,
} from './contract.js';
import { applyFault, FaultRegistry } from './faults.js';
import { renderLoginPage, type LoginPageOptions } from './html.js';
import { safeEqual } from './pkce.js';

/**
 * Defaults modelled on each provider's documentation: Cal.com documents 60 min
 * access / 1 year refresh, BlueJeans 30 s codes, Genesys 86400 s client default.
 */
export const DEFAULT_LIFETIMES: Record<SandboxProviderId, TokenLifetimes> = {
  bluejeans: { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86400, codeSeconds: 30 },
  genesys: { accessTokenSeconds: 86400, refreshTokenSeconds: 30 * 86400, codeSeconds: 60 },
  calcom: { accessTokenSeconds: 3600, refreshTokenSeconds: 365 * 86400, codeSeconds: 60 },
  phonecom: { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86400, codeSeconds: 60 },
};

export type CounterSnapshot = Record<string, Record<string, Partial<Record<CounterKind, number>>>>;

/**
 * The sandbox's whole mutable state. Providers keep their own token maps but
 * register a reset hook here, so one reset returns every emulator to the seed.
 */
export class SandboxState implements SandboxContext {
  readonly faults = new FaultRegistry();
  private url: string;
  private lifetimeOverrides = new Map<SandboxProviderId, TokenLifetimes>();
  private counters = new Map<string, Map<string, Partial<Record<CounterKind, number>>>>();
  private resetHooks: (() => void)[] = [];
  private clientRegistry = new Map<string, SandboxClient>();

  constructor(
    readonly seed: SandboxSeed,
    publicUrl: string,
  ) {
    this.url = publicUrl.replace(/\/$/, '');
    this.loadClients();
  }

  get publicUrl(): string {
    return this.url;
  }

  /** Known only after listen() when the sandbox was started on port 0. */
  setPublicUrl(url: string): void {
    this.url = url.replace(/\/$/, '');
  }

  now(): number {
    return Date.now();
  }

  lifetimes(provider: SandboxProviderId): TokenLifetimes {
    return { ...(this.lifetimeOverrides.get(provider) ?? DEFAULT_LIFETIMES[provider]) };
  }

  setLifetimes(provider: SandboxProviderId, patch: Partial<TokenLifetimes>): TokenLifetimes {
    const next = { ...this.lifetimes(provider), ...patch };
    this.lifetimeOverrides.set(provider, next);
    return { ...next };
  }

  count(provider: SandboxProviderId, clientId: string, kind: CounterKind): void {
    const perProvider = this.counters.get(provider) ?? new Map<string, Partial<Record<CounterKind, number>>>();
    this.counters.set(provider, perProvider);
    const perClient = perProvider.get(clientId) ?? {};
    perProvider.set(clientId, perClient);
    perClient[kind] = (perClient[kind] ?? 0) + 1;
  }

  counterSnapshot(): CounterSnapshot {
    const out: CounterSnapshot = {};
    for (const [provider, perProvider] of this.counters) {
      out[provider] = {};
      for (const [clientId, kinds] of perProvider) out[provider][clientId] = { ...kinds };
    }
    return out;
  }

  takeFault(provider: SandboxProviderId, route: string): FaultSpec | undefined {
    return this.faults.take(provider, route);
  }

  guardFault(
    provider: SandboxProviderId,
    route: string,
    res: Response,
    errorBody: (status: number) => unknown,
  ): Promise<FaultOutcome> {
    return applyFault(this.takeFault(provider, route), res, errorBody);
  }

  randomToken(prefix = ''): string {
    return prefix + randomBytes(32).toString('base64url');
  }

  findUser(username: string, password: string): SandboxUser | undefined {
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    const user = this.seed.users.find((u) => u.username === username);
    // Compare even when the user is unknown so timing does not reveal usernames.
    const ok = safeEqual(user?.password ?? '\u0000invalid', password);
    return user && ok ? user : undefined;
  }

  findUserById(id: number): SandboxUser | undefined {
    return this.seed.users.find((u) => u.id === id);
  }

  findClient(provider: SandboxProviderId, clientId: string): SandboxClient | undefined {
    if (typeof clientId !== 'string') return undefined;
    return this.clientRegistry.get(`${provider}\u0000${clientId}`);
  }

  authenticateClient(provider: SandboxProviderId, clientId: string, secret: unknown): SandboxClient | undefined {
    const client = this.findClient(provider, clientId);
    if (!client || typeof secret !== 'string') return undefined;
    return safeEqual(client.clientSecret, secret) ? client : undefined;
  }

  upsertClient(client: SandboxClient): void {
    this.clientRegistry.set(`${client.provider}\u0000${client.clientId}`, structuredClone(client));
  }

  removeClient(provider: SandboxProviderId, clientId: string): boolean {
    return this.clientRegistry.delete(`${provider}\u0000${clientId}`);
  }

  clients(provider: SandboxProviderId): SandboxClient[] {
    return [...this.clientRegistry.values()].filter((c) => c.provider === provider).map((c) => structuredClone(c));
  }

  loginPage(opts: LoginPageOptions): string {
    return renderLoginPage(opts);
  }

  onReset(fn: () => void): void {
    this.resetHooks.push(fn);
  }

  /** Back to the seed: clients, lifetimes, faults, counters and every provider's tokens. */
  reset(): void {
    this.lifetimeOverrides.clear();
    this.counters.clear();
    this.faults.clear();
    this.loadClients();
    for (const hook of this.resetHooks) hook();
  }

  private loadClients(): void {
    this.clientRegistry.clear();
    for (const client of this.seed.clients) this.upsertClient(client);
  }
}
