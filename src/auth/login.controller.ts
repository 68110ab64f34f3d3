import { Controller, Get, HttpCode, Inject, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiFoundResponse, ApiNotFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Public } from '../sessions/public.decorator.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import type { AuthenticatedRequestContext } from '../sessions/session.types.js';
import { clearLoginCookie } from './login/login-binding-cookie.js';
import { LoginErrorRedirectFilter } from './login/login-error-redirect.filter.js';
import { LoginService } from './login/login.service.js';
import { NativeLoginService } from './native/native-login.service.js';
import { requestFacts } from './login/request-facts.js';
import type { CallbackResult } from './passport/callback-result.js';
import { ProviderAuthGuard } from './passport/provider-auth.guard.js';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';

type AuthRequest = Request & { user?: CallbackResult; auth?: AuthenticatedRequestContext };

@ApiTags('auth')
@Controller('v1/auth')
export class LoginController {
  constructor(
    @Inject(LoginService) private readonly logins: LoginService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NativeLoginService) private readonly nativeLogins: NativeLoginService,
  ) {}

  /**
   * Starts the authorization code flow with PKCE (S256): stores a single-use
   * login transaction, sets a short-lived binding cookie and redirects to the provider.
   * A logged-in user who logs in with another provider gets it linked to the same user.
   */
  @Get(':provider/login')
  @Public()
  @UseGuards(ProviderAuthGuard)
  @UseFilters(LoginErrorRedirectFilter)
  // Below the login guard so it runs first: a refused start writes no login transaction.
  @RateLimited('login')
  @ApiQuery({ name: 'returnTo', required: false, description: 'Same-origin path or a URL on a configured app origin; anything else becomes /.' })
  @ApiQuery({ name: 'client', required: false, enum: ['native'], description: 'Native apps (RFC 8252): the callback then redirects to `redirectUri` with a one-time hand-off code instead of setting a cookie.' })
  @ApiQuery({ name: 'redirectUri', required: false, description: 'With client=native: must equal one of NATIVE_REDIRECT_URIS exactly (400 native_redirect_uri_invalid otherwise).', example: 'com.example.app:/oauth' })
  @ApiQuery({ name: 'codeChallenge', required: false, description: 'With client=native: the app\'s S256 PKCE challenge (43 base64url characters).' })
  @ApiQuery({ name: 'state', required: false, description: 'With client=native: the app\'s own state (1-256 URL-safe characters), echoed on its redirect.' })
  @ApiFoundResponse({ description: 'Redirect to the provider' })
  @ApiNotFoundResponse({ description: 'Unknown provider (problem+json, code provider_not_found)' })
  login(@Param('provider') _provider: string): void {
    // The guard's strategy answers with the redirect; this body never runs.
  }

  /** Finishes the login: checks state, binding cookie, provider and `iss`, exchanges the code, sets the session cookie and redirects to `returnTo`. */
  @Get(':provider/callback')
  @Public()
  @UseGuards(ProviderAuthGuard)
  @UseFilters(LoginErrorRedirectFilter)
  @RateLimited('login')
  @HttpCode(302)
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false, description: 'Absent for providers that do not echo it (Cal.com); the binding cookie then names the transaction.' })
  @ApiQuery({ name: 'iss', required: false, description: 'RFC 9207 issuer; must match the transaction when present.' })
  @ApiQuery({ name: 'error', required: false })
  @ApiFoundResponse({ description: 'Logged in: redirect to returnTo with the session cookie set' })
  @ApiBadRequestResponse({ description: 'Missing, wrong, reused or foreign state; provider error; failed exchange (problem+json), when no app destination is known. Otherwise the failure redirects (302) to returnTo or LOGIN_ERROR_URL with `error=<code>&requestId=<id>`, or for a native login to its redirect URI with `error`, `state` and `requestId`.' })
  async callback(
    @Param('provider') _provider: string,
    @Req() req: AuthRequest,
    @Res() res: Response,
  ): Promise<void> {
    if (req.user!.transaction.native) {
      // Native app: no cookie session; a one-time hand-off code goes to the app's registered redirect URI.
      const appUrl = await this.nativeLogins.handOff(req.user!);
      clearLoginCookie(res, this.config);
      res.redirect(302, appUrl);
      return;
    }
    const token = req.auth?.via === 'cookie' ? this.cookie.readSessionCookie(req) : undefined;
    const current = req.auth && token ? { token, session: req.auth.session } : undefined;
    const login = await this.logins.complete(req.user!, requestFacts(req), current);
    clearLoginCookie(res, this.config);
    this.cookie.setSessionCookie(res, login.token);
    res.redirect(302, login.returnTo);
  }
}
