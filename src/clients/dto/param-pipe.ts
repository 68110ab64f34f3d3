import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** A path parameter that must match `pattern`; the value is never echoed back. */
@Injectable()
export class ParseParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly pattern: RegExp,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      throw new DomainError(ErrorCode.ValidationFailed, 400, `The path parameter "${this.name}" is not acceptable.`, { errors: [{ field: this.name, problems: ['pattern'] }] });
    }
    return value;
  }
}
