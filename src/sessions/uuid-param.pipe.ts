import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Path ids are UUIDs; anything else is a 400 problem before any lookup happens. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new DomainError(ErrorCode.ValidationFailed, 400, `The path parameter "${name}" must be a UUID.`),
  });
}
