import { Controller, Get, Headers, Inject, Param, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { ClientCatalogService } from './client-catalog.service.js';
import { ApiClientRoutes } from './clients-openapi.js';
import { preferredLanguage, upstreamIdParam } from './dto/client-params.js';
import { AuthorizationDto, AuthorizationListDto, ScopeDto, ScopeListDto } from './dto/client.dto.js';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';

const LANGUAGE = ApiHeader({ name: 'Accept-Language', required: false, description: 'Language of descriptions; the first tag is passed upstream (default `en-us`)', example: 'de-de' });

/** Scope catalogues and the caller's authorizations. Registered before ClientsController so `scopes` is never read as a client id. */
@ApiClientRoutes()
@RateLimited('management')
@Controller('v1/clients/:provider')
export class ClientCatalogController {
  constructor(@Inject(ClientCatalogService) private readonly catalog: ClientCatalogService) {}

  /** Lists the scopes clients may request, in the caller's language. */
  @Get('scopes')
  @LANGUAGE
  @ApiOkResponse({ type: ScopeListDto })
  listScopes(@Param('provider') provider: string, @Headers('accept-language') language: string | undefined, @Req() req: AuthenticatedRequest): Promise<ScopeListDto> {
    return this.catalog.scopes(req.auth!.session, provider, preferredLanguage(language));
  }

  /** Reads one scope. */
  @Get('scopes/:scopeId')
  @LANGUAGE
  @ApiParam({ name: 'scopeId', example: 'analytics:readonly' })
  @ApiOkResponse({ type: ScopeDto })
  getScope(
    @Param('provider') provider: string,
    @Param('scopeId', upstreamIdParam('scopeId')) scopeId: string,
    @Headers('accept-language') language: string | undefined,
    @Req() req: AuthenticatedRequest,
  ): Promise<ScopeDto> {
    return this.catalog.scope(req.auth!.session, provider, scopeId, preferredLanguage(language));
  }

  /** Lists the client applications the caller has authorized. */
  @Get('authorizations')
  @LANGUAGE
  @ApiOkResponse({ type: AuthorizationListDto })
  listAuthorizations(@Param('provider') provider: string, @Headers('accept-language') language: string | undefined, @Req() req: AuthenticatedRequest): Promise<AuthorizationListDto> {
    return this.catalog.authorizations(req.auth!.session, provider, preferredLanguage(language));
  }

  /** Reads the caller's authorization of one client application. */
  @Get('authorizations/:clientId')
  @LANGUAGE
  @ApiParam({ name: 'clientId', description: 'Upstream client id' })
  @ApiOkResponse({ type: AuthorizationDto })
  getAuthorization(
    @Param('provider') provider: string,
    @Param('clientId', upstreamIdParam('clientId')) clientId: string,
    @Headers('accept-language') language: string | undefined,
    @Req() req: AuthenticatedRequest,
  ): Promise<AuthorizationDto> {
    return this.catalog.authorization(req.auth!.session, provider, clientId, preferredLanguage(language));
  }
}
