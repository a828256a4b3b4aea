import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Inline styles allowed: only for a third-party page that needs them (Swagger UI at /docs). */
  inlineStyles?: boolean;
  /** Origins forms may also post to, through redirects: the identity provider the portal sends people to. */
  formActions?: string[];
}

/**
 * The browser-facing headers of every service and of the portal, set by helmet: a Content
 * Security Policy with no inline script or style and no framing, nosniff, no referrer outside the
 * origin, no X-Powered-By. A route that needs more (a third-party page
 * with inline styles) gets this same policy with that one thing widened.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): ReturnType<typeof helmet> {
  const self = "'self'";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: [self],
        baseUri: [self],
        connectSrc: [self],
        fontSrc: [self],
        formAction: [self, ...(options.formActions ?? [])],
        frameAncestors: ["'none'"],
        imgSrc: [self, 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: [self],
        scriptSrcAttr: ["'none'"],
        styleSrc: options.inlineStyles ? [self, "'unsafe-inline'"] : [self],
      },
    },
    xFrameOptions: { action: 'deny' },
    // Same-origin: the portal's pages learn where a post came from (to return there after signing in); other sites learn nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
}
