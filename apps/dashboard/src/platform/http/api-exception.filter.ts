import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ApiError } from '@sss/contracts';
import type { Log } from '@sss/log';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { LOG } from '../logging/log.token';

/** The REST API's paths: every error under them answers with one shape. */
const API = /^\/api(\/|$)/;

/**
 * Turns every exception of an /api route (an unknown route's 404, a 400 of
 * the validation pipe, a thrown not-found, an unexpected error's 500) into the
 * one ApiError body. Other paths (the probes) keep Nest's own answers.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly log: Log;

  constructor(@Inject(LOG) log: Log) {
    super();
    this.log = log.child('ApiExceptionFilter');
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request | undefined>();
    if (host.getType() !== 'http' || !req || !API.test(req.path)) return super.catch(exception, host);
    const res = http.getResponse<Response>();
    if (!(exception instanceof HttpException)) {
      this.log.error('unexpected error in an API request', { path: req.path, error: String((exception as Error)?.stack ?? exception) });
    }
    const body = apiErrorOf(exception);
    if (res.headersSent) return void res.end();
    res.status(body.statusCode).json(body);
  }
}

/** The ApiError of an exception: an HttpException's status and message, anything else a 500 that says nothing of its cause. */
export function apiErrorOf(exception: unknown): ApiError {
  if (!(exception instanceof HttpException)) return apiError(HttpStatus.INTERNAL_SERVER_ERROR, 'internal server error');
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return apiError(status, response);
  const { message, details } = response as { message?: unknown; details?: unknown };
  // Nest's own exceptions carry `message` as a string, or a list of strings for several problems.
  const lines = Array.isArray(message) ? message.map(String) : undefined;
  const text = typeof message === 'string' ? message : (lines?.join('; ') ?? exception.message);
  const detailLines = Array.isArray(details) ? details.map(String) : lines;
  return apiError(status, text, detailLines);
}

export function apiError(statusCode: number, message: string, details?: string[]): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}
