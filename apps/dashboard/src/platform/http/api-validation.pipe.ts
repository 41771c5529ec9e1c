import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Validates and converts every API route's query and path parameters by their
 * DTO classes: unknown parameters are refused, and a 400 lists one line per
 * problem in `details` (ApiExceptionFilter gives it the one error shape).
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // One line per parameter: a value that is no number need not also hear it is out of range.
      stopAtFirstError: true,
      // Values are converted by each DTO's own @Transform, nothing implicitly.
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => new BadRequestException({ message: 'invalid parameters', details: problemsOf(errors) }),
    });
  }
}

/** One line per failed constraint, nested objects' with their path; an unknown parameter is named as such. */
export function problemsOf(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.entries(error.constraints ?? {}).map(([name, text]) =>
      name === 'whitelistValidation' ? `unknown parameter "${path}${error.property}"` : `${path}${text}`,
    ),
    ...problemsOf(error.children ?? [], `${path}${error.property}.`),
  ]);
}
