import type { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '@app/domain';
import { IS_PUBLIC, ROLES } from '../auth/auth.decorators';

/** Who may call one route, as the global JwtAuthGuard and the route's own guards decide. */
export interface RouteAccess {
  public: boolean;
  /** @Roles(...) of the handler or its controller; null when any logged-in role may call it. */
  roles: readonly Role[] | null;
  /** Guards added with @UseGuards (the handler's and the controller's). */
  guards: readonly unknown[];
}

/**
 * Route access by OpenAPI operationId (`<Controller>_<method>`, @nestjs/swagger's default), read
 * from the same metadata the guards read, so the document's security cannot drift from the code.
 */
export function routeAccessByOperationId(app: INestApplication): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) {
        continue;
      }
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) {
          continue;
        }
        const targets = [handler, controller];
        routes.set(`${controller.name}_${key}`, {
          public: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? null,
          guards: [
            ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined) ?? []),
            ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[] | undefined) ?? []),
          ],
        });
      }
    }
  }
  return routes;
}
