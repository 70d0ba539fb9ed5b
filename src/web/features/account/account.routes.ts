import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { homeFor, paths } from '../../paths.ts';
import { toErrorItems } from '../../forms.ts';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../../middleware/session.ts';
import { setVisitorCookie } from '../../middleware/csrf.ts';
import { formatLondonClock } from '../../../domain/london-time.ts';

const SIGN_IN_VIEW = 'features/account/sign-in.njk';
const SIGN_UP_VIEW = 'features/account/sign-up.njk';

/** Only same-site paths: never redirect to another host after signing in. */
export function safeReturnTo(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}



export function registerAccountRoutes(app: FastifyInstance, services: Services, config: Config) {
  app.get(paths.signIn, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo, '');
    return reply.view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: {}, returnTo });
  });

  // Sign-up and self-referral: a per-address limit. Sign-in has its own throttle per account and
  // per address (decision 015), so colleagues sharing one NHS network address are never locked out.
  const limited = { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } };

  app.post(paths.signIn, async (request, reply) => {
    const body = request.body as Record<string, string>;
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const returnTo = safeReturnTo(body.returnTo, '');
    const fieldErrs = [];
    if (!email) fieldErrs.push({ field: 'email', message: 'Enter your email address' });
    if (!password) fieldErrs.push({ field: 'password', message: 'Enter your password' });
    if (fieldErrs.length > 0) {
      return reply.status(422).view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...toErrorItems(fieldErrs) });
    }
    const result = await services.auth.signIn({
      email, password, address: request.ip, previousToken: sessionCookieOf(request, config.secureCookies),
    });
    if (result.outcome === 'throttled') {
      request.log.warn({ event: 'sign-in throttled' }, 'sign-in throttled');
      const message = `Too many attempts to sign in. Try again after ${formatLondonClock(result.retryAt)}`;
      return reply
        .status(429)
        .header('retry-after', String(Math.max(1, Math.ceil((result.retryAt.getTime() - services.clock.now().getTime()) / 1000))))
        .view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...toErrorItems([{ field: 'email', message }]) });
    }
    if (result.outcome === 'refused') {
      const errors = toErrorItems([{ field: 'email', message: 'Enter a correct email address and password' }]);
      return reply.status(422).view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...errors });
    }
    setSessionCookie(reply, result.token, config.secureCookies);
    setVisitorCookie(reply, config.secureCookies);
    return reply.redirect(returnTo || homeFor(result.user.role), 303);
  });

  app.get(paths.signOut, async (request, reply) => {
    if (!request.user) return reply.redirect(paths.home);
    return reply.view('features/account/sign-out.njk', { pageTitle: 'Sign out' });
  });

  app.post(paths.signOut, async (request, reply) => {
    await services.auth.signOut(sessionCookieOf(request, config.secureCookies));
    clearSessionCookie(reply, config.secureCookies);
    return reply.redirect(`${paths.signIn}?signedOut=1`, 303);
  });

  app.get(paths.signUp, async (_request, reply) => reply.view(SIGN_UP_VIEW, { pageTitle: 'Create a provider account', values: {} }));

  app.post(paths.signUp, limited, async (request, reply) => {
    const body = request.body as Record<string, string>;
    try {
      const { token } = await services.auth.signUpProvider(body);
      await services.auth.signOut(sessionCookieOf(request, config.secureCookies));
      setSessionCookie(reply, token, config.secureCookies);
      setVisitorCookie(reply, config.secureCookies);
      return reply.redirect(paths.provider.organisationNew, 303);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      return reply.status(422).view(SIGN_UP_VIEW, {
        pageTitle: 'Create a provider account',
        values: { displayName: body.displayName, email: body.email },
        ...toErrorItems(err.errors),
      });
    }
  });
}
