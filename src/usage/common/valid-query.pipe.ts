import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/**
 * Query-string (and body) validation for the usage routes: unknown parameters are
 * refused; a failure is a 400 `validation_failed` naming the fields and the rules
 * they broke, never echoing the values.
 */
export const validUsageInput = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const fields = errors.map((e) => ({ field: e.property, problems: Object.keys(e.constraints ?? {}) }));
    return new DomainError(ErrorCode.ValidationFailed, 400, `Invalid parameters: ${fields.map((f) => f.field).join(', ')}.`, { errors: fields });
  },
});

export const validationFailed = (field: string, why: string) =>
  new DomainError(ErrorCode.ValidationFailed, 400, `Invalid parameters: ${field} ${why}.`, { errors: [{ field, problems: [why] }] });
