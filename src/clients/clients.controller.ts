import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { validBody } from '../auth/grants/body-validation.pipe.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { ApiClientRoutes } from './clients-openapi.js';
import { ClientsService } from './clients.service.js';
import { upstreamIdParam } from './dto/client-params.js';
import { ListClientsQueryDto } from './dto/list-clients-query.dto.js';
import { ClientInputDto } from './dto/client-request.dto.js';
import { ClientDto, ClientPageDto, ClientWithSecretDto } from './dto/client.dto.js';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';

const actorOf = (req: AuthenticatedRequest) => req.auth!.session;

/** OAuth client applications at a provider, managed with the caller's session (docs/clients.md). */
@ApiClientRoutes()
@RateLimited('management')
@Controller('v1/clients/:provider')
export class ClientsController {
  constructor(@Inject(ClientsService) private readonly clients: ClientsService) {}

  /** Lists client applications; the BFF's own registry where the provider cannot list (`source: "bff-registry"`). */
  @Get()
  @ApiOkResponse({ type: ClientPageDto })
  listClients(@Param('provider') provider: string, @Query(validBody) query: ListClientsQueryDto, @Req() req: AuthenticatedRequest): Promise<ClientPageDto> {
    return this.clients.list(actorOf(req), provider, { size: query.pageSize, number: query.pageNumber });
  }

  /** Creates a client application. The secret is in this answer only, once. */
  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: ClientWithSecretDto })
  createClient(@Param('provider') provider: string, @Body(validBody) body: ClientInputDto, @Req() req: AuthenticatedRequest): Promise<ClientWithSecretDto> {
    return this.clients.create(req, actorOf(req), provider, body);
  }

  /** Reads one client application (never its secret). */
  @Get(':clientId')
  @ApiParam({ name: 'clientId', description: 'Upstream client id' })
  @ApiOkResponse({ type: ClientDto })
  getClient(@Param('provider') provider: string, @Param('clientId', upstreamIdParam('clientId')) clientId: string, @Req() req: AuthenticatedRequest): Promise<ClientDto> {
    return this.clients.get(actorOf(req), provider, clientId);
  }

  /** Replaces a client application's settings (PUT semantics: omitted optional fields are cleared where the provider does so). */
  @Put(':clientId')
  @ApiParam({ name: 'clientId', description: 'Upstream client id' })
  @ApiOkResponse({ type: ClientDto })
  updateClient(
    @Param('provider') provider: string,
    @Param('clientId', upstreamIdParam('clientId')) clientId: string,
    @Body(validBody) body: ClientInputDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<ClientDto> {
    return this.clients.update(req, actorOf(req), provider, clientId, body);
  }

  /** Deletes a client application (and the BFF's record of it, after the provider confirmed). */
  @Delete(':clientId')
  @HttpCode(204)
  @ApiParam({ name: 'clientId', description: 'Upstream client id' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteClient(@Param('provider') provider: string, @Param('clientId', upstreamIdParam('clientId')) clientId: string, @Req() req: AuthenticatedRequest): Promise<void> {
    await this.clients.delete(req, actorOf(req), provider, clientId);
  }

  /** Issues a new client secret (the old one stops working). The secret is in this answer only, once. */
  @Post(':clientId/secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiParam({ name: 'clientId', description: 'Upstream client id' })
  @ApiOkResponse({ type: ClientWithSecretDto })
  regenerateClientSecret(@Param('provider') provider: string, @Param('clientId', upstreamIdParam('clientId')) clientId: string, @Req() req: AuthenticatedRequest): Promise<ClientWithSecretDto> {
    return this.clients.regenerateSecret(req, actorOf(req), provider, clientId);
  }
}
