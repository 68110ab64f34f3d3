import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsRedirectUri } from './redirect-uri.validator.js';

/** Printable text on one line: no CR/LF or other control characters (header and log injection). */
const SINGLE_LINE = /^\P{Cc}*$/u;
/** Multi-line text may break lines but carries no other control characters. */
const TEXT = /^(?:[\t\r\n]|\P{Cc})*$/u;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/;
const ID = /^[\w.:-]{1,128}$/;

export const GRANT_TYPES = ['authorization_code', 'implicit', 'password', 'client_credentials', 'refresh_token', 'saml2_bearer'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
export const CLIENT_STATES = ['active', 'disabled', 'inactive'] as const;

export class RoleDivisionDto {
  @Matches(ID)
  roleId: string;

  @Matches(ID)
  divisionId: string;
}

/** Fields only Genesys has. */
export class GenesysClientInputDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ID, { each: true })
  roleIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoleDivisionDto)
  roleDivisions?: RoleDivisionDto[];

  /** ISO 8601 date-time at which Genesys deletes the client. */
  @IsOptional()
  @IsISO8601({ strict: true })
  dateToDelete?: string;
}

/** Fields only BlueJeans developer applications have. */
export class BlueJeansClientInputDto {
  /** An absolute https URL of the application's logo. */
  @IsOptional()
  @IsRedirectUri({ message: 'appLogoUrl must be an absolute https URL' })
  appLogoUrl?: string;
}

export class ProviderFieldsInputDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => GenesysClientInputDto)
  genesys?: GenesysClientInputDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => BlueJeansClientInputDto)
  bluejeans?: BlueJeansClientInputDto;
}

/**
 * A client application to create, or its full new state (PUT replaces). Providers
 * add their own rules: Genesys needs exactly one grant type.
 */
export class ClientInputDto {
  /** @example "Reporting dashboard" */
  @IsString()
  @Length(1, 200)
  @Matches(SINGLE_LINE, { message: 'name must be a single line without control characters' })
  name: string;

  /** @example "Reads queue statistics every minute" */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(TEXT, { message: 'description must not contain control characters' })
  description?: string;

  /** @example ["https://dashboard.example.com/callback"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsRedirectUri({ each: true })
  redirectUris?: string[];

  // Explicit enum: the swagger plugin orders a union type differently under nest build and ts-jest.
  @ApiProperty({ enum: GRANT_TYPES, isArray: true, required: false, example: ['authorization_code'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(GRANT_TYPES, { each: true })
  grantTypes?: GrantType[];

  /** @example ["analytics:readonly"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SCOPE, { each: true })
  scopes?: string[];

  @IsOptional()
  @IsIn(CLIENT_STATES)
  state?: (typeof CLIENT_STATES)[number];

  /** Lifetime of access tokens issued to the client (Genesys: 300..172800, default 86400). */
  @IsOptional()
  @IsInt()
  @Min(300)
  @Max(172800)
  accessTokenValiditySeconds?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderFieldsInputDto)
  providerFields?: ProviderFieldsInputDto;
}
