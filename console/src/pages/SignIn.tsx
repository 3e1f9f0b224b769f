import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useIntl } from 'react-intl';
import { TravoClient, TravoProblem } from '@travobooks/client';
import { Field } from '../components/Field';
import { serverUrl, useSession } from '../session';
import { describe } from '../problems';
import { PRIMARY } from '../components/styles';

const schema = z.object({
  email: z.string().trim().min(1, 'signIn.emailInvalid').max(254, 'signIn.emailInvalid'),
  password: z.string().min(1, 'signIn.passwordMissing').max(1024, 'signIn.passwordMissing'),
  totp: z.string().trim().regex(/^([0-9]{6})?$/, 'signIn.codeFormat'),
});
type SignInForm = z.infer<typeof schema>;

/** Email and password; a six-digit code too when the person's role signs in with a second factor. */
export function SignIn() {
  const intl = useIntl();
  const { signedIn } = useSession();
  const [codeNeeded, setCodeNeeded] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInForm>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', totp: '' },
  });
  const message = (id: string | undefined) => (id ? intl.formatMessage({ id }) : undefined);

  const submit = handleSubmit(async (form) => {
    setRefusal(null);
    try {
      const { session } = await TravoClient.signIn(serverUrl(), {
        email: form.email, password: form.password, ...(form.totp ? { totp_code: form.totp } : {}),
      });
      signedIn(session);
    } catch (error) {
      if (error instanceof TravoProblem && error.code === 'MFA_REQUIRED') {
        setCodeNeeded(true);
        setRefusal(intl.formatMessage({ id: 'signIn.codeNeeded' }));
      } else if (error instanceof TravoProblem && error.code === 'MFA_CODE_INVALID') {
        setRefusal(intl.formatMessage({ id: 'signIn.codeInvalid' }));
      } else if (error instanceof TravoProblem && error.status === 401) {
        setRefusal(intl.formatMessage({ id: 'signIn.refused' }));
      } else if (error instanceof TravoProblem && error.status === 429) {
        setRefusal(intl.formatMessage({ id: 'signIn.throttled' }, { seconds: error.retryAfter ?? 60 }));
      } else {
        setRefusal(intl.formatMessage({ id: 'common.error' }, { detail: describe(error) }));
      }
    }
  });

  return (
    <main id="content" className="mx-auto mt-16 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">{intl.formatMessage({ id: 'signIn.title' })}</h1>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field id="email" type="email" autoComplete="username" label={intl.formatMessage({ id: 'signIn.email' })}
          error={message(formState.errors.email?.message)} {...register('email')} />
        <Field id="password" type="password" autoComplete="current-password"
          label={intl.formatMessage({ id: 'signIn.password' })}
          error={message(formState.errors.password?.message)} {...register('password')} />
        {codeNeeded && (
          <Field id="totp" inputMode="numeric" autoComplete="one-time-code" maxLength={6}
            label={intl.formatMessage({ id: 'signIn.totp' })}
            error={message(formState.errors.totp?.message)} {...register('totp')} />
        )}
        {refusal && <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">{refusal}</p>}
        <button type="submit" disabled={formState.isSubmitting}
          className={PRIMARY}>
          {intl.formatMessage({ id: 'signIn.submit' })}
        </button>
      </form>
    </main>
  );
}
