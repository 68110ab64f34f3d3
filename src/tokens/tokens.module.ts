import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KeyRing } from './key-ring.js';
import { LinkedAccountEntity } from './linked-account.entity.js';
import { LinkedAccountsService } from './linked-accounts.service.js';
import { TokenCipher } from './token-cipher.js';

/**
 * Linked accounts and their encrypted tokens. The key ring is built once at boot from
 * config (TOKEN_KEYS, or the generated key file in DATA_DIR for embedded dev runs).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LinkedAccountEntity])],
  providers: [
    { provide: KeyRing, useFactory: (config: AppConfig) => KeyRing.fromConfig(config.tokens), inject: [APP_CONFIG] },
    TokenCipher,
    LinkedAccountsService,
  ],
  exports: [LinkedAccountsService, TokenCipher, KeyRing],
})
export class TokensModule {}
