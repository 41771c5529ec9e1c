import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import type { UserChangeRefusal } from '../../../application/user-admin';

/** The answer of a refused user change, in the API's one error shape. */
export function refusal(reason: UserChangeRefusal, username: string): HttpException {
  switch (reason) {
    case 'unknown':
      return new NotFoundException(`unknown user "${username}"`);
    case 'exists':
      return new ConflictException(`user "${username}" exists already`);
    case 'set-in-config':
      return new ConflictException(`"${username}" is the config file's admin (admin.passwordHash): change it there`);
    case 'last-admin':
      return new ConflictException(`"${username}" is the last admin: make another admin first`);
  }
}
