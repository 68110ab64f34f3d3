import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity.js';

/** What the BFF remembers of a registered client besides its identity: display facts, never a secret. */
export interface ClientApplicationFacts {
  description?: string;
  redirectUris?: string[];
  grantTypes?: string[];
  scopes?: string[];
  /** The provider-specific fields shown back (e.g. BlueJeans appLogoUrl, owner user id). */
  providerFields?: Record<string, unknown>;
}

/**
 * The BFF's record of a client application it created at a provider whose API
 * cannot list or read clients back (BlueJeans, RFC 7591 servers). Never holds a
 * client secret; an RFC 7592 registration access token is stored encrypted
 * (TokenCipher, bound to this row's id and provider).
 */
@Entity({ name: 'client_applications' })
@Unique('uq_client_applications_provider_client', ['provider', 'upstreamClientId'])
@Index('idx_client_applications_owner', ['ownerUserId', 'provider'])
export class ClientApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  provider: string;

  @Column({ name: 'upstream_client_id', type: 'varchar', length: 255 })
  upstreamClientId: string;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_user_id', foreignKeyConstraintName: 'fk_client_applications_owner' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb' })
  facts: ClientApplicationFacts;

  /** RFC 7592 registration access token, AES-256-GCM envelope; null where the provider has none. */
  @Column({ name: 'registration_token_ciphertext', type: 'text', nullable: true })
  registrationTokenCiphertext: string | null;

  @Column({ name: 'registration_client_uri', type: 'text', nullable: true })
  registrationClientUri: string | null;

  @Column({ name: 'key_id', type: 'varchar', length: 32, nullable: true })
  keyId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
