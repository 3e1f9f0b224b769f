import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from '../src/session';
import { SignIn } from '../src/pages/SignIn';
import { LOCALES } from '../src/i18n/locales';

function renderIn(locale: keyof typeof LOCALES) {
  render(
    <IntlProvider locale={locale} messages={LOCALES[locale].messages}>
      <QueryClientProvider client={new QueryClient()}>
        <SessionProvider><SignIn /></SessionProvider>
      </QueryClientProvider>
    </IntlProvider>,
  );
}

afterEach(cleanup);

describe('the sign-in form', () => {
  it('names what is missing, by the field, before asking the server', async () => {
    renderIn('en');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter an email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    const email = screen.getByLabelText('Email address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent)
      .toBe('Enter an email address.');
  });

  it('speaks Arabic when asked', () => {
    renderIn('ar');
    expect(screen.getByRole('heading', { name: 'تسجيل الدخول' })).toBeTruthy();
    expect(screen.getByLabelText('كلمة المرور')).toBeTruthy();
  });
});
