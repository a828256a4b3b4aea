import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../app.module';
import { ProxyController } from '../proxy/proxy.controller';
import { formRoutes } from './form-routes';

/** The POST routes of the portal's controllers, as Nest's router registers them (the proxy's excepted). */
function postRoutes(): string[] {
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, AppModule) as (new (...args: never[]) => object)[]).filter((c) => c !== ProxyController);
  const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST)
      .map((handler) => join(base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')));
  });
}

describe('the list of the portal’s forms', () => {
  it('holds every POST route of the page controllers, and nothing else', () => {
    const routes = postRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect([...formRoutes].sort()).toEqual([...routes].sort());
  });
});
