import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { homeFor, paths } from '../../paths.ts';
import { toErrorItems } from '../../forms.ts';
import { clearSessionCookie, setSessionCookie } from '../../middleware/session.ts';
import { safeReturnTo } from '../../return-to.ts';

const SIGN_IN_VIEW = 'features/account/sign-in.njk';
const SIGN_UP_VIEW = 'features/account/sign-up.njk';

/** Only same-site paths: never redirect to another host after signing in. */
export { safeReturnTo };

export function registerAccountRoutes(app: FastifyInstance, services: Services, config: Config) {
  app.get(paths.signIn, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo, '');
    return reply.view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: {}, returnTo });
  });

  const limited = { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } };

  app.post(paths.signIn, limited, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    // A field sent twice arrives as a list: that is no sign-in form's doing, so it counts as not entered.
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo, '');
    const fieldErrs = [];
    if (!email) fieldErrs.push({ field: 'email', message: 'Enter your email address' });
    if (!password) fieldErrs.push({ field: 'password', message: 'Enter your password' });
    const token = fieldErrs.length === 0 ? await services.auth.signIn(email, password) : undefined;
    if (!token) {
      if (fieldErrs.length === 0) fieldErrs.push({ field: 'email', message: 'Enter a correct email address and password' });
      return reply.status(422).view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...toErrorItems(fieldErrs) });
    }
    setSessionCookie(reply, token, config.secureCookies);
    const user = await services.auth.userForToken(token);
    return reply.redirect(returnTo || homeFor(user?.role ?? 'provider'), 303);
  });

  app.get(paths.signOut, async (request, reply) => {
    if (!request.user) return reply.redirect(paths.home);
    return reply.view('features/account/sign-out.njk', { pageTitle: 'Sign out' });
  });

  app.post(paths.signOut, async (request, reply) => {
    await services.auth.signOut(request.cookies.wm_session);
    clearSessionCookie(reply);
    return reply.redirect(`${paths.signIn}?signedOut=1`, 303);
  });

  app.get(paths.signUp, async (_request, reply) => reply.view(SIGN_UP_VIEW, { pageTitle: 'Create a provider account', values: {} }));

  app.post(paths.signUp, limited, async (request, reply) => {
    const body = request.body as Record<string, string>;
    try {
      const { token } = await services.auth.signUpProvider(body);
      setSessionCookie(reply, token, config.secureCookies);
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
