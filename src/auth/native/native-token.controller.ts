import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../sessions/public.decorator.js';
import { validBody } from '../grants/body-validation.pipe.js';
import { requestFacts } from '../login/request-facts.js';
import { NativeTokenRequestDto, NativeTokenResponseDto } from './dto/native-token.dto.js';
import { NativeLoginService } from './native-login.service.js';
import { RateLimited } from '../../rate-limit/rate-limited.decorator.js';

@ApiTags('auth')
@Controller('v1/auth/native')
export class NativeTokenController {
  constructor(@Inject(NativeLoginService) private readonly logins: NativeLoginService) {}

  /**
   * Native apps: redeems the hand-off code from the system-browser login
   * (`/v1/auth/{provider}/login?client=native&redirectUri=&codeChallenge=`) with the
   * app's PKCE verifier, for a bearer session token. Public: the code and verifier
   * are the credential.
   */
  @Post('token')
  @Public()
  @RateLimited('token-exchange')
  @HttpCode(200)
  @ApiOkResponse({ type: NativeTokenResponseDto, description: 'A native session; send the token as `Authorization: Bearer`.' })
  @ApiBadRequestResponse({ description: '`invalid_handoff` (wrong, expired or reused code, or wrong verifier; one message for all) or `validation_failed` (problem+json)' })
  async nativeToken(@Body(validBody) body: NativeTokenRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<NativeTokenResponseDto> {
    const issued = await this.logins.redeem(body.code, body.codeVerifier, requestFacts(req));
    // The body carries a credential: no cache may keep it (the /v1/auth middleware sets this too).
    res.setHeader('Cache-Control', 'no-store');
    return { token: issued.token, tokenType: 'Bearer', expiresAt: issued.expiresAt.toISOString() };
  }
}
