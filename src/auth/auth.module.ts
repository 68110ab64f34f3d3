import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { UsersModule } from '../users/users.module.js';
import { LinksController } from './links.controller.js';
import { LoginController } from './login.controller.js';
import { LoginTransactionStore } from './login/login-transaction.store.js';
import { LoginService } from './login/login.service.js';
import { LogoutController } from './logout.controller.js';
import { LogoutService } from './logout.service.js';
import { MeController } from './me.controller.js';
import { ProviderAuthGuard } from './passport/provider-auth.guard.js';
import { ProviderStrategies } from './passport/provider-strategies.js';

@Module({
  imports: [TokensModule, UsersModule, SessionsModule],
  controllers: [LoginController, MeController, LogoutController, LinksController],
  providers: [LoginTransactionStore, LoginService, LogoutService, ProviderStrategies, ProviderAuthGuard],
})
export class AuthModule {}
