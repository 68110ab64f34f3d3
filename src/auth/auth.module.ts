import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
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
import { MeEdge } from './me-edge.js';
import { MeReader } from './me-reader.js';
import { ProviderAuthGuard } from './passport/provider-auth.guard.js';
import { ProviderStrategies } from './passport/provider-strategies.js';
import { AppTokenCache } from './app-tokens/app-token.cache.js';
import { AppTokenService } from './app-tokens/app-token.service.js';
import { ClientCredentialsController } from './app-tokens/client-credentials.controller.js';
import { AccountLoginService } from './grants/account-login.service.js';
import { GrantLoginController } from './grants/grant-login.controller.js';
import { MeetingLoginService } from './grants/meeting-login.service.js';
import { PasswordLoginService } from './grants/password-login.service.js';
import { PasswordRateLimit } from './grants/password-rate-limit.js';
import { HandoffStore } from './native/handoff.store.js';
import { NativeLoginService } from './native/native-login.service.js';
import { NativeTokenController } from './native/native-token.controller.js';
import { TokenInfoController } from './token-info/token-info.controller.js';
import { TokenInfoService } from './token-info/token-info.service.js';
import { BackchannelLogoutController } from './upstream-logout/backchannel-logout.controller.js';
import { BackchannelLogoutService } from './upstream-logout/backchannel-logout.service.js';
import { RpLogoutController } from './upstream-logout/rp-logout.controller.js';
import { RpLogoutService } from './upstream-logout/rp-logout.service.js';
import { UpstreamSessionStore } from './upstream-logout/upstream-session.store.js';

@Module({
  imports: [TokensModule, UsersModule, SessionsModule, HealthModule],
  // NativeTokenController comes before LoginController's `:provider` routes, so `native/token` is never read as a provider id.
  controllers: [NativeTokenController, LoginController, MeController, LogoutController, LinksController, GrantLoginController, ClientCredentialsController, TokenInfoController, BackchannelLogoutController, RpLogoutController],
  providers: [
    MeReader,
    MeEdge,
    LoginTransactionStore,
    LoginService,
    LogoutService,
    ProviderStrategies,
    ProviderAuthGuard,
    AccountLoginService,
    HandoffStore,
    NativeLoginService,
    PasswordRateLimit,
    PasswordLoginService,
    MeetingLoginService,
    AppTokenCache,
    AppTokenService,
    TokenInfoService,
    UpstreamSessionStore,
    BackchannelLogoutService,
    RpLogoutService,
  ],
  // App tokens serve the management calls of later issues.
  exports: [AppTokenService],
})
export class AuthModule {}
