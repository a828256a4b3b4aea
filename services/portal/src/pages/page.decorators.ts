import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { SessionCodec } from '../session/session';
import { contextOf, PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm, postedForm } from './forms';

interface Exchange {
  request: PortalRequest;
  response: PortalResponse;
}

/** The request and the response of the call, handed to the pipes below (which have the session codec injected). */
const exchange = createParamDecorator((_: unknown, host: ExecutionContext): Exchange => ({
  request: host.switchToHttp().getRequest<PortalRequest>(),
  response: host.switchToHttp().getResponse<PortalResponse>(),
}));

@Injectable()
export class PageContextPipe implements PipeTransform<Exchange, PortalContext> {
  constructor(private readonly codec: SessionCodec) {}

  transform({ request, response }: Exchange): PortalContext {
    return contextOf(request, response, this.codec);
  }
}

@Injectable()
export class PostedFormPipe implements PipeTransform<Exchange, PostedForm> {
  constructor(private readonly codec: SessionCodec) {}

  transform({ request, response }: Exchange): PostedForm {
    return postedForm(contextOf(request, response, this.codec), request);
  }
}

/** A handler's page context (language, messages, formats, session, path): `@Page() ctx: PortalContext`. */
export const Page = (): ParameterDecorator => exchange(PageContextPipe);

/**
 * A handler's posted form, once shown to carry the session's token (else a 403 page):
 * `@Form() form: PostedForm`. A post with nothing to read still takes it, for the check.
 */
export const Form = (): ParameterDecorator => exchange(PostedFormPipe);
