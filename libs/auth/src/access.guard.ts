import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { say, DomainError } from '@ccndr/contracts';
import { InvalidToken, TokenVerifier } from './token-verifier';
import { consortiumRoles, isPlatformAdmin, isProgrammeLead, Principal, Role } from './principal';

const PUBLIC = 'ccndr:public';
const ROLES = 'ccndr:roles';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The route needs no token (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed on the route: consortium roles on /consortia/{consortiumId}/..., platform roles elsewhere. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** The verified caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);

/**
 * The one guard on every HTTP route: authenticates the bearer token, keeps callers inside the
 * consortia they belong to (another consortium answers 404, so its existence is never revealed),
 * then checks roles. Platform admins operate every consortium; programme leads read only the
 * programme routes (`/programme/...`) and get a 403 on a consortium's own.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();

    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new DomainError('auth.token-required', { detail: say('a bearer token is required', 'un jeton porteur (bearer) est requis') });
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw new DomainError('auth.invalid-token', { detail: say(`invalid token: ${error.message}`, `jeton invalide\u00a0: ${error.message}`) });
      throw error;
    }
    const principal: Principal = request.principal;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES, targets);

    const consortiumId: string | undefined = request.params?.consortiumId;
    if (consortiumId !== undefined) {
      if (!uuidPattern.test(consortiumId)) throw new DomainError('field.not-an-id', { field: 'consortiumId', detail: say('must be a UUID', 'doit être un UUID') });
      if (isPlatformAdmin(principal)) return true;
      const held = principal.consortia[consortiumId];
      // Programme leads know every consortium from the programme view, so nothing is hidden by a
      // 404: they are told that a consortium's own routes need a role in it.
      if (!held && isProgrammeLead(principal)) throw roleRequired(allowed ?? [...consortiumRoles]);
      if (!held) throw new DomainError('consortium.not-found');
      if (allowed && !allowed.some((role) => (held as Role[]).includes(role))) throw roleRequired(allowed);
      return true;
    }
    if (allowed && !allowed.some((role) => (principal.platformRoles as Role[]).includes(role))) {
      throw roleRequired(allowed);
    }
    return true;
  }
}

function roleRequired(allowed: Role[]): DomainError {
  return new DomainError('access.role-required', { detail: say(`requires one of the roles: ${allowed.join(', ')}`, `exige l’un des rôles\u00a0: ${allowed.join(', ')}`) });
}
