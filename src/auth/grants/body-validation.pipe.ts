import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.keys(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Body validation for the auth grant routes (there is no global ValidationPipe).
 * Unknown properties are refused, and a failure is a 400 `validation_failed` naming
 * the offending fields and which rule each broke — never the submitted values,
 * which may be passwords or passcodes.
 */
export const validBody = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const fields = flatten(errors);
    return new DomainError(ErrorCode.ValidationFailed, 400, `Invalid request body: ${fields.map((f) => f.field).join(', ')}.`, { errors: fields });
  },
});
