import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Field } from '../components/Field';
import { useClient, useSession } from '../session';
import { describe } from '../problems';
import { PRIMARY } from '../components/styles';
import { Failure } from '../components/Failure';
import { QrCode } from '../components/QrCode';

/**
 * A person whose role needs a second factor and who has none: their session serves only to set one up. The secret
 * is shown as text to type or paste into the app; once its first code is confirmed the server ends every session of
 * the person, who signs in again with a code.
 */
export function MfaSetup() {
  const intl = useIntl();
  const client = useClient();
  const { session, signOut } = useSession();
  const [code, setCode] = useState('');
  const setup = useQuery({
    queryKey: ['totp-setup', session?.user.id],
    queryFn: () => client.people.startTotpSetup(),
    staleTime: Infinity,
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: () => client.people.confirmTotpSetup({ totpCode: { code } }),
  });

  return (
    <main id="content" className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 shadow">
      <h1 className="mb-4 text-2xl font-semibold">{intl.formatMessage({ id: 'mfa.title' })}</h1>
      {confirm.isSuccess ? (
        <section aria-labelledby="recovery-title">
          <h2 id="recovery-title" className="mb-2 text-lg font-semibold">
            {intl.formatMessage({ id: 'mfa.recoveryTitle' })}
          </h2>
          <p className="mb-3">{intl.formatMessage({ id: 'mfa.recoveryIntro' })}</p>
          <ul className="mb-4 grid grid-cols-2 gap-1 font-mono" data-testid="recovery-codes">
            {confirm.data.recovery_codes.map((recovery) => <li key={recovery} dir="ltr">{recovery}</li>)}
          </ul>
          <button type="button" onClick={() => void signOut()}
            className={PRIMARY}>
            {intl.formatMessage({ id: 'mfa.continue' })}
          </button>
        </section>
      ) : (
        <>
          <p className="mb-4">{intl.formatMessage({ id: 'mfa.intro' })}</p>
          {setup.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
          <Failure error={setup.error} />
          {setup.data && (
            <form className="flex flex-col gap-4" onSubmit={(event) => { event.preventDefault(); confirm.mutate(); }}>
              <QrCode text={setup.data.otpauth_uri} label={intl.formatMessage({ id: 'mfa.qr' })} />
              <div>
                <p className="text-sm font-medium">{intl.formatMessage({ id: 'mfa.secret' })}</p>
                <code data-testid="totp-secret" dir="ltr" className="block break-all rounded bg-slate-100 p-2">
                  {setup.data.secret}
                </code>
              </div>
              <Field id="mfa-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code}
                onChange={(event) => setCode(event.target.value.trim())}
                label={intl.formatMessage({ id: 'mfa.code' })}
                error={confirm.isError ? describe(confirm.error) : undefined} />
              <button type="submit" disabled={confirm.isPending || !/^[0-9]{6}$/.test(code)}
                className={PRIMARY}>
                {intl.formatMessage({ id: 'mfa.confirm' })}
              </button>
            </form>
          )}
        </>
      )}
    </main>
  );
}
