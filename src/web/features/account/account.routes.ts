import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import type { SignInProgress, SignInStep } from '../../../services/account.service.ts';
import { homeFor, paths } from '../../paths.ts';
import { toErrorItems } from '../../forms.ts';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../../middleware/session.ts';
import { setVisitorCookie } from '../../middleware/csrf.ts';
import { formatLondonClock } from '../../../domain/london-time.ts';
import { formBody, handleForm } from '../../forms.ts';
import { codeForm, forgotPasswordForm, newPasswordForm, signUpForm } from './account.form.ts';
import { registerAccountPages } from './account-pages.routes.ts';
import { safeReturnTo } from '../../return-to.ts';

const SIGN_IN_VIEW = 'features/account/sign-in.njk';
const SIGN_UP_VIEW = 'features/account/sign-up.njk';
const CODE_VIEW = 'features/account/sign-in-code.njk';
const NEW_PASSWORD_VIEW = 'features/account/sign-in-new-password.njk';
const SET_UP_VIEW = 'features/account/two-factor-set-up.njk';
const RECOVERY_CODES_VIEW = 'features/account/recovery-codes.njk';
const FORGOT_VIEW = 'features/account/forgot-password.njk';
const RESET_VIEW = 'features/account/reset-password.njk';
const MESSAGE_VIEW = 'features/account/message.njk';

/** Between a correct password and a session: no access to anything but the next step's page. */
export const SIGN_IN_STEP_COOKIE = 'wm_sign_in';
const STEP_PAGE: Record<SignInStep, string> = {
  two_factor: paths.signInCode,
  new_password: paths.signInNewPassword,
  set_up_two_factor: paths.signInSetUpTwoFactor,
};

const SIGN_IN_FLASH: Record<string, string> = {
  signedOut: 'You have signed out.',
  reset: 'Your password has been changed. Sign in with your new password.',
  confirmed: 'Your email address is confirmed. Sign in to add your organisation.',
  expired: 'That took too long. Sign in again.',
};

/** Only same-site paths: never redirect to another host after signing in. */
// A field sent twice arrives as a list: that is no sign-in form's doing, so it counts as not entered.
const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function registerAccountRoutes(app: FastifyInstance, services: Services, config: Config) {
  const { accounts } = services;
  const stepCookieName = config.secureCookies ? `__Host-${SIGN_IN_STEP_COOKIE}` : SIGN_IN_STEP_COOKIE;
  const stepCookie = (request: FastifyRequest) => request.cookies[stepCookieName];
  const clearStep = (reply: FastifyReply) => reply.clearCookie(stepCookieName, { path: '/', secure: config.secureCookies });

  /** The new session replaces any this browser had; the signed-out form token is replaced too. */
  async function startSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionToken: string) {
    await services.auth.signOut(sessionCookieOf(request, config.secureCookies));
    clearStep(reply);
    setSessionCookie(reply, sessionToken, config.secureCookies);
    setVisitorCookie(reply, config.secureCookies);
  }

  /** Finishes signing in (session cookie, step cookie gone) or moves to the next step's page. */
  async function advance(request: FastifyRequest, reply: FastifyReply, result: SignInProgress | undefined) {
    if (!result) {
      clearStep(reply);
      return reply.redirect(`${paths.signIn}?expired=1`, 303);
    }
    if (!result.done) return reply.redirect(STEP_PAGE[result.next], 303);
    await startSessionCookie(request, reply, result.sessionToken);
    return reply.redirect(result.returnTo || homeFor(result.user.role), 303);
  }

  /** The step pages answer only to someone on that step; anyone else starts again. */
  async function onStep(request: FastifyRequest, reply: FastifyReply, expected: SignInStep) {
    const current = await accounts.currentStep(stepCookie(request));
    if (!current) {
      clearStep(reply);
      reply.view(MESSAGE_VIEW, {
        pageTitle: 'Sign in again',
        paragraphs: ['This page is part of signing in. It has expired, or you have not entered your password yet.'],
        link: { href: paths.signIn, text: 'Sign in' },
      });
      return undefined;
    }
    if (current.next !== expected) {
      reply.redirect(current.next ? STEP_PAGE[current.next] : paths.signIn, 303);
      return undefined;
    }
    return current;
  }

  app.get(paths.signIn, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnTo(query.returnTo, '');
    const flash = Object.keys(SIGN_IN_FLASH).find((k) => query[k] === '1');
    return reply.view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: {}, returnTo, flash: flash && SIGN_IN_FLASH[flash] });
  });

  // Sign-up and self-referral: a per-address limit. Sign-in has its own throttle per account and
  // per address (decision 015), so colleagues sharing one NHS network address are never locked out.
  const limited = { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } };

  // Sign-in is not behind the per-address form limit: it has its own throttle per account and per address.
  app.post(paths.signIn, async (request, reply) => {
    const body = formBody(request.body);
    const email = text(body.email).trim();
    const password = text(body.password);
    const returnTo = safeReturnTo(body.returnTo, '');
    const fieldErrs = [];
    if (!email) fieldErrs.push({ field: 'email', message: 'Enter your email address' });
    if (!password) fieldErrs.push({ field: 'password', message: 'Enter your password' });
    if (fieldErrs.length > 0) {
      return reply.status(422).view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...toErrorItems(fieldErrs) });
    }
    const retryAt = await services.auth.signInThrottle.retryAt(email, request.ip);
    if (retryAt) {
      request.log.warn({ event: 'sign-in throttled' }, 'sign-in throttled');
      const message = `Too many attempts to sign in. Try again after ${formatLondonClock(retryAt)}`;
      return reply
        .status(429)
        .header('retry-after', String(Math.max(1, Math.ceil((retryAt.getTime() - services.clock.now().getTime()) / 1000))))
        .view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...toErrorItems([{ field: 'email', message }]) });
    }
    const result = await accounts.beginSignIn(email, password, returnTo);
    if (!result) {
      await services.auth.signInThrottle.failed(email, request.ip);
      const errors = toErrorItems([{ field: 'email', message: 'Enter a correct email address and password' }]);
      return reply.status(422).view(SIGN_IN_VIEW, { pageTitle: 'Sign in', values: { email }, returnTo, ...errors });
    }
    await services.auth.signInThrottle.succeeded(email, request.ip);
    if (result.stepToken) {
      reply.setCookie(stepCookieName, result.stepToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 15 * 60 });
    }
    return advance(request, reply, result);
  });

  // Step: the code from the authenticator app (or a recovery code).
  app.get(paths.signInCode, async (request, reply) => {
    if (!(await onStep(request, reply, 'two_factor'))) return reply;
    return reply.view(CODE_VIEW, { pageTitle: 'Enter the code from your authenticator app', values: {} });
  });
  app.post(paths.signInCode, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: codeForm,
      view: CODE_VIEW,
      context: () => ({ pageTitle: 'Enter the code from your authenticator app', values: {} }),
      handle: async (input) => advance(request, reply, await accounts.enterCode(stepCookie(request), input)),
    }),
  );

  // Step: a new password in place of a temporary one.
  app.get(paths.signInNewPassword, async (request, reply) => {
    if (!(await onStep(request, reply, 'new_password'))) return reply;
    return reply.view(NEW_PASSWORD_VIEW, { pageTitle: 'Choose a new password', values: {} });
  });
  app.post(paths.signInNewPassword, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: newPasswordForm,
      view: NEW_PASSWORD_VIEW,
      context: () => ({ pageTitle: 'Choose a new password', values: {} }),
      handle: async (input) => advance(request, reply, await accounts.setNewPasswordAtSignIn(stepCookie(request), input)),
    }),
  );

  // Step: set up two-factor sign-in (administrators, and staff whose organisation requires it).
  const setUpPage = async (request: FastifyRequest) => {
    const setUp = await accounts.twoFactorSetUpAtSignIn(stepCookie(request));
    return { pageTitle: 'Set up two-factor sign-in', action: paths.signInSetUpTwoFactor, atSignIn: true, ...setUp };
  };
  app.get(paths.signInSetUpTwoFactor, async (request, reply) => {
    if (!(await onStep(request, reply, 'set_up_two_factor'))) return reply;
    return reply.view(SET_UP_VIEW, await setUpPage(request));
  });
  app.post(paths.signInSetUpTwoFactor, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: codeForm,
      view: SET_UP_VIEW,
      context: () => setUpPage(request),
      handle: async (input) => {
        const confirmed = await accounts.confirmTwoFactorAtSignIn(stepCookie(request), input);
        if (!confirmed?.result.done) return advance(request, reply, confirmed?.result);
        await startSessionCookie(request, reply, confirmed.result.sessionToken);
        return reply.view(RECOVERY_CODES_VIEW, {
          pageTitle: 'Two-factor sign-in is set up',
          codes: confirmed.recoveryCodes,
          continueHref: confirmed.result.returnTo || homeFor(confirmed.result.user.role),
        });
      },
    }),
  );

  app.get(paths.signOut, async (request, reply) => {
    if (!request.user) return reply.redirect(paths.home);
    return reply.view('features/account/sign-out.njk', { pageTitle: 'Sign out' });
  });

  app.post(paths.signOut, async (request, reply) => {
    await services.auth.signOut(sessionCookieOf(request, config.secureCookies));
    clearSessionCookie(reply, config.secureCookies);
    return reply.redirect(`${paths.signIn}?signedOut=1`, 303);
  });

  // Sign-up: the same answer for a new address and one that has an account (its owner is emailed).
  app.get(paths.signUp, async (_request, reply) => reply.view(SIGN_UP_VIEW, { pageTitle: 'Create a provider account', values: {} }));
  app.post(paths.signUp, limited, async (request, reply) => {
    return handleForm(request, reply, {
      schema: signUpForm,
      view: SIGN_UP_VIEW,
      context: (values) => ({ pageTitle: 'Create a provider account', values: { displayName: text(values.displayName), email: text(values.email) } }),
      handle: async (input) => {
        await accounts.signUpProvider(input);
        return paths.signUpSent;
      },
    });
  });
  app.get(paths.signUpSent, async (_request, reply) =>
    reply.view(MESSAGE_VIEW, {
      pageTitle: 'Check your email',
      paragraphs: [
        'We have sent an email to the address you gave. Open the link in it to confirm your address, then sign in to add your organisation.',
        'The link works for 24 hours. If nothing arrives in a few minutes, check your junk folder.',
      ],
      link: { href: paths.signIn, text: 'Sign in' },
    }),
  );

  app.get<{ Params: { token: string } }>(paths.verifyEmail(':token'), async (request, reply) => {
    if (await accounts.verifyEmail(request.params.token)) {
      return reply.redirect(request.user ? `${homeFor(request.user.role)}?done=email-confirmed` : `${paths.signIn}?confirmed=1`, 303);
    }
    return reply.status(404).view(MESSAGE_VIEW, {
      pageTitle: 'This link has expired or has been used',
      paragraphs: [
        'Links to confirm an email address work once, for 24 hours. Sign in to ask for a new one, or if your address is confirmed already, carry on.',
      ],
      link: { href: paths.signIn, text: 'Sign in' },
    });
  });

  // Forgot your password: the same answer whether or not the address has an account.
  app.get(paths.forgotPassword, async (_request, reply) => reply.view(FORGOT_VIEW, { pageTitle: 'Reset your password', values: {} }));
  app.post(paths.forgotPassword, limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: forgotPasswordForm,
      view: FORGOT_VIEW,
      context: (values) => ({ pageTitle: 'Reset your password', values: { email: text(values.email) } }),
      handle: async (input) => {
        await accounts.requestPasswordReset(input);
        return paths.forgotPasswordSent;
      },
    }),
  );
  app.get(paths.forgotPasswordSent, async (_request, reply) =>
    reply.view(MESSAGE_VIEW, {
      pageTitle: 'Check your email',
      paragraphs: [
        'If the address you gave has a Waymark account, we have sent it an email with a link to reset your password.',
        'The link works once, for an hour. If nothing arrives in a few minutes, check your junk folder or ask again.',
      ],
      link: { href: paths.forgotPassword, text: 'Ask for another link' },
    }),
  );

  const deadLink = (reply: FastifyReply) =>
    reply.status(404).view(MESSAGE_VIEW, {
      pageTitle: 'This link has expired or has been used',
      paragraphs: ['Links to reset a password work once, for an hour.'],
      link: { href: paths.forgotPassword, text: 'Ask for a new link' },
    });
  app.get<{ Params: { token: string } }>(paths.resetPassword(':token'), async (request, reply) => {
    if (!(await accounts.resetLinkWorks(request.params.token))) return deadLink(reply);
    return reply.view(RESET_VIEW, { pageTitle: 'Choose a new password', action: paths.resetPassword(request.params.token) });
  });
  app.post<{ Params: { token: string } }>(paths.resetPassword(':token'), limited, async (request, reply) =>
    handleForm(request, reply, {
      schema: newPasswordForm,
      view: RESET_VIEW,
      context: () => ({ pageTitle: 'Choose a new password', action: paths.resetPassword(request.params.token) }),
      handle: async (input) => {
        if (!(await accounts.resetPassword(request.params.token, input))) return deadLink(reply);
        clearSessionCookie(reply, config.secureCookies);
        return `${paths.signIn}?reset=1`;
      },
    }),
  );

  registerAccountPages(app, services, config);
}
