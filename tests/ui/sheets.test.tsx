import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ReferralSheet } from '../../src/shared/rpc/areas/referrals';
import { AssignmentSheet } from '../../src/renderer/src/features/referrals/AssignmentSheet';
import { ConfirmationSheet } from '../../src/renderer/src/features/referrals/ConfirmationSheet';
import { createI18n } from '../../src/renderer/src/i18n';

const sheet = (over: Partial<ReferralSheet> = {}): ReferralSheet => ({
  id: 'r1',
  kind: 'interpreting',
  reason: 'doctor',
  externalService: null,
  language: 'ar',
  appointmentAt: new Date(2027, 2, 2, 15, 0).toISOString(),
  durationMin: 90,
  place: 'Praxis Dr. Huber, Kemptener Str. 5',
  address: null,
  contactFirstName: 'Rana',
  volunteerFirstName: 'Samira',
  volunteerLastName: 'Haddad',
  officeName: 'Familienstützpunkt Neugablonz',
  officeContact: '08341 123456',
  familyLanguage: 'ar',
  ...over,
});

describe('printed referral sheets', () => {
  it('the assignment sheet: the appointment, the contact\'s first name, the office phone — and the address only for a home visit', () => {
    const i18n = createI18n('de');
    const { rerender } = render(
      <I18nextProvider i18n={i18n}>
        <AssignmentSheet sheet={sheet()} />
      </I18nextProvider>,
    );
    const text = screen.getByTestId('assignment-sheet').textContent ?? '';
    expect(text).toContain('Dienstag, 2. März 2027');
    expect(text).toContain('15:00–16:30');
    expect(text).toContain('Rana');
    expect(text).toContain('Arabisch');
    expect(text).toContain('Dolmetschen – Arzt');
    expect(text).toContain('08341 123456');
    rerender(
      <I18nextProvider i18n={i18n}>
        <AssignmentSheet sheet={sheet({ address: 'Kaiser-Max-Straße 12, 87600 Kaufbeuren', place: 'bei der Familie' })} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('assignment-sheet').textContent).toContain('Kaiser-Max-Straße 12, 87600 Kaufbeuren');
  });

  it('the family\'s confirmation: German beside Arabic (right to left, Latin digits), German alone where no text exists', () => {
    const { rerender } = render(<ConfirmationSheet sheet={sheet()} />);
    const arabic = screen.getByTestId('confirmation-sheet').querySelector('[lang="ar"]')!;
    expect(arabic.getAttribute('dir')).toBe('rtl');
    expect(arabic.textContent).toContain('تأكيد الموعد');
    expect(arabic.textContent).toContain('2027');
    expect(arabic.textContent).toContain('Samira');
    expect(screen.getByTestId('confirmation-sheet').querySelector('[lang="de"]')!.textContent).toContain('Terminbestätigung');
    rerender(<ConfirmationSheet sheet={sheet({ familyLanguage: null, kind: 'external', externalService: 'Schuldnerberatung', volunteerFirstName: null })} />);
    expect(screen.getByTestId('confirmation-sheet').querySelectorAll('[lang]')).toHaveLength(1);
    expect(screen.getByTestId('confirmation-sheet').textContent).toContain('Termin bei: Schuldnerberatung');
  });
});
