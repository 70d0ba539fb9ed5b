import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole, sessionCookieOf } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { changePasswordForm, codeForm } from './account.form.ts';

const ACCOUNT_VIEW = 'features/account/account.njk';
const PASSWORD_VIEW = 'features/account/change-password.njk';
const SET_UP_VIEW = 'features/account/two-factor-set-up.njk';
const RECOVERY_CODES_VIEW = 'features/account/recovery-codes.njk';

const FLASH = {
  password: 'Your password has been changed. You have been signed out everywhere else.',
  'email-sent': 'We have sent you a new link to confirm your email address.',
};

/** "Your account": password, two-factor sign-in and recovery codes, email confirmation. Any signed-in role. */
export function registerAccountPages(app: FastifyInstance, services: Services, config: Config) {
  const { accounts } = services;
  const accountPage = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Your account',
    account: await accounts.overview(request.user!),
    flash: flashFrom(request.query, FLASH),
    fieldErrors: {},
    ...extra,
  });

  app.register(async (scope) => {
    scope.addHook('preHandler', requireRole());

    scope.get(paths.account.home, async (request, reply) => reply.view(ACCOUNT_VIEW, await accountPage(request)));

    scope.get(paths.account.password, async (_request, reply) => reply.view(PASSWORD_VIEW, { pageTitle: 'Change your password' }));
    scope.post(paths.account.password, async (request, reply) =>
      handleForm(request, reply, {
        schema: changePasswordForm,
        view: PASSWORD_VIEW,
        context: () => ({ pageTitle: 'Change your password' }),
        handle: async (input) => {
          await accounts.changePassword(request.user!, input, sessionCookieOf(request, config.secureCookies));
          return `${paths.account.home}?done=password`;
        },
      }),
    );

    const setUpPage = async (request: FastifyRequest) => ({
      pageTitle: 'Set up two-factor sign-in',
      action: paths.account.twoFactor,
      atSignIn: false,
      ...(await accounts.twoFactorSetUp(request.user!)),
    });
    scope.get(paths.account.twoFactor, async (request, reply) => {
      const page = await setUpPage(request);
      if (!page.qrCode) {
        return reply.view('features/account/message.njk', {
          pageTitle: 'Two-factor sign-in is on',
          paragraphs: ['Your account already uses two-factor sign-in.'],
          link: { href: paths.account.home, text: 'Your account' },
        });
      }
      return reply.view(SET_UP_VIEW, page);
    });
    scope.post(paths.account.twoFactor, async (request, reply) =>
      handleForm(request, reply, {
        schema: codeForm,
        view: SET_UP_VIEW,
        context: () => setUpPage(request),
        handle: async (input) => {
          const codes = await accounts.confirmTwoFactor(request.user!, input);
          if (!codes) return paths.account.home;
          return reply.view(RECOVERY_CODES_VIEW, { pageTitle: 'Two-factor sign-in is set up', codes, continueHref: paths.account.home });
        },
      }),
    );

    scope.post(paths.account.recoveryCodes, async (request, reply) =>
      handleForm(request, reply, {
        schema: codeForm,
        view: ACCOUNT_VIEW,
        context: () => accountPage(request),
        handle: async (input) => {
          const codes = await accounts.newRecoveryCodes(request.user!, input);
          return reply.view(RECOVERY_CODES_VIEW, { pageTitle: 'Your new recovery codes', codes, continueHref: paths.account.home });
        },
      }),
    );

    scope.post(paths.account.confirmEmailAgain, async (request, reply) => {
      await accounts.sendVerificationAgain(request.user!);
      return reply.redirect(`${paths.account.home}?done=email-sent`, 303);
    });
  });
}
