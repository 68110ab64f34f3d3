import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryDeepPartialEntity } from 'typeorm';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { TokenCipher } from '../../tokens/token-cipher.js';
import { ClientApplicationEntity, type ClientApplicationFacts } from './client-application.entity.js';

export interface NewClientApplication {
  provider: string;
  upstreamClientId: string;
  ownerUserId: string;
  name: string;
  facts: ClientApplicationFacts;
  registration?: { accessToken: string; clientUri?: string };
}

/** Who may see a record: its owner, or anyone with the ops role. */
export interface RegistryViewer {
  userId: string;
  roles: readonly string[];
}

/**
 * The `client_applications` table: the BFF's record of the clients it created at
 * providers that cannot list or read them back. The RFC 7592 registration access
 * token is sealed with the tokens module's cipher, its AAD bound to the row id and
 * provider (field `registration`), so a ciphertext copied to another row fails.
 */
@Injectable()
export class ClientRegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TokenCipher) private readonly cipher: TokenCipher,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(ClientApplicationEntity);
  }

  async add(entry: NewClientApplication): Promise<ClientApplicationEntity> {
    return this.database(() =>
      this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(ClientApplicationEntity);
        const row = await repo.save(repo.create({ provider: entry.provider, upstreamClientId: entry.upstreamClientId, ownerUserId: entry.ownerUserId, name: entry.name, facts: entry.facts, registrationTokenCiphertext: null, registrationClientUri: null, keyId: null }));
        if (!entry.registration) return row;
        // The AAD needs the row id, which exists only after the insert: seal inside the same transaction.
        return repo.save({ ...row, ...this.seal(row, entry.registration) });
      }),
    );
  }

  /** The record, when `viewer` may see it. */
  async find(provider: string, upstreamClientId: string, viewer: RegistryViewer): Promise<ClientApplicationEntity | undefined> {
    const row = await this.database(() => this.rows.findOneBy({ provider, upstreamClientId }));
    if (!row || !(row.ownerUserId === viewer.userId || viewer.roles.includes('ops'))) return undefined;
    return row;
  }

  /** One page, newest first; ops see every record of the provider. */
  async list(provider: string, viewer: RegistryViewer, page: { size: number; number: number }): Promise<{ rows: ClientApplicationEntity[]; total: number }> {
    const where = viewer.roles.includes('ops') ? { provider } : { provider, ownerUserId: viewer.userId };
    const [rows, total] = await this.database(() => this.rows.findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: (page.number - 1) * page.size, take: page.size }));
    return { rows, total };
  }

  /**
   * New display facts, and a rotated registration access token when the upstream issued one.
   * Only these columns are written: `row` was read before the upstream call, and saving it
   * whole would put back a registration token keys:rotate re-sealed in the meantime.
   */
  async update(row: ClientApplicationEntity, name: string, facts: ClientApplicationFacts, registration?: NewClientApplication['registration']): Promise<ClientApplicationEntity | null> {
    const sealed = registration ? this.seal(row, registration) : {};
    // jsonb `facts` is written as a whole; TypeORM's deep-partial type does not model that.
    const values = { name, facts, ...sealed } as QueryDeepPartialEntity<ClientApplicationEntity>;
    return this.database(async () => {
      await this.rows.update({ id: row.id }, values);
      // Null when the record was deleted while the upstream call ran.
      return this.rows.findOneBy({ id: row.id });
    });
  }

  private seal(row: Pick<ClientApplicationEntity, 'id' | 'provider'>, registration: NonNullable<NewClientApplication['registration']>) {
    const ciphertext = this.cipher.encrypt(registration.accessToken, { accountId: row.id, provider: row.provider, field: 'registration' });
    return { registrationTokenCiphertext: ciphertext, registrationClientUri: registration.clientUri ?? null, keyId: this.cipher.keyIdOf(ciphertext) };
  }

  async remove(row: ClientApplicationEntity): Promise<void> {
    await this.database(() => this.rows.delete({ id: row.id }));
  }

  /** The decrypted registration access token; held in memory only for the one upstream call. */
  registrationAccessToken(row: ClientApplicationEntity): string | undefined {
    if (!row.registrationTokenCiphertext) return undefined;
    return this.cipher.decrypt(row.registrationTokenCiphertext, { accountId: row.id, provider: row.provider, field: 'registration' });
  }

  private async database<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenDecryptError') throw error;
      throw new DependencyUnavailableError('database');
    }
  }
}
