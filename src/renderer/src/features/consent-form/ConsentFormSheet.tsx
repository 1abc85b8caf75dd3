import ar from '../../../../../locales/ar/consent.json';
import de from '../../../../../locales/de/consent.json';
import en from '../../../../../locales/en/consent.json';
import ru from '../../../../../locales/ru/consent.json';
import tr from '../../../../../locales/tr/consent.json';
import uk from '../../../../../locales/uk/consent.json';
import { CONSENT_FORM_VERSION, CONSENT_PURPOSES, DOCUMENT_LANGUAGES, type DocumentLanguage } from '../../../../shared/domain/lists';
import classes from './ConsentFormSheet.module.css';

/** The consent form's texts for families (locales/<lng>/consent.json), in every language documents exist in. */
const TEXTS: Record<DocumentLanguage, typeof de> = { de, en, tr, ar, ru, uk };

/** The family's preferred language if the form exists in it; otherwise German only (null). */
export function consentFormLanguage(preferred: string | null): DocumentLanguage | null {
  return preferred && preferred !== 'de' && (DOCUMENT_LANGUAGES as readonly string[]).includes(preferred) ? (preferred as DocumentLanguage) : null;
}

/** {{name}} placeholders, filled the way i18next would (these texts are printed, not shown in the UI). */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

export interface ConsentFormOffice {
  officeName: string;
  officeLocation: string;
  officeContact: string;
  retentionYears: number;
}

/**
 * The printable consent form (A4): German on the left and, beside it, the
 * family's language (Arabic right to left). Each block sits in one row so a
 * family can follow the German text line by line. The version printed is the
 * version recorded with the consent.
 */
export function ConsentFormSheet({ language, family, office }: { language: DocumentLanguage | null; family: { displayName: string; code: string }; office: ConsentFormOffice }) {
  const columns: DocumentLanguage[] = language ? ['de', language] : ['de'];
  const values = { office: office.officeName, years: office.retentionYears, version: CONSENT_FORM_VERSION };
  const cell = (lng: DocumentLanguage, render: (text: typeof de) => React.ReactNode) => (
    <div key={lng} className={classes.cell} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'}>
      {render(TEXTS[lng])}
    </div>
  );
  const row = (render: (text: typeof de) => React.ReactNode, key: string) => (
    <div key={key} className={classes.row} style={{ gridTemplateColumns: `repeat(${columns.length}, 1fr)` }}>
      {columns.map((lng) => cell(lng, render))}
    </div>
  );
  return (
    <div className={classes.sheet} data-testid="consent-form">
      {row(
        (x) => (
          <h1 className={classes.title}>{x.title}</h1>
        ),
        'title',
      )}
      {row(
        (x) => (
          <p>
            {x.familyLabel}: <strong>{family.displayName}</strong> · {x.codeLabel}: <strong className={classes.code}>{family.code}</strong>
          </p>
        ),
        'family',
      )}
      {row((x) => <p>{fill(x.intro, values)}</p>, 'intro')}
      {row((x) => <h2 className={classes.heading}>{x.purposesTitle}</h2>, 'purposes')}
      {CONSENT_PURPOSES.map((purpose) =>
        row(
          (x) => (
            <div className={classes.purpose}>
              <strong>{x.purposes[purpose].title}</strong>
              <p>{x.purposes[purpose].text}</p>
              <p className={classes.boxes}>
                <span className={classes.box} aria-hidden /> {x.yes} <span className={classes.box} aria-hidden /> {x.no}
              </p>
            </div>
          ),
          purpose,
        ),
      )}
      {row(
        (x) => (
          <>
            <h2 className={classes.heading}>{x.retentionTitle}</h2>
            <p>{fill(x.retention, values)}</p>
          </>
        ),
        'retention',
      )}
      {row(
        (x) => (
          <>
            <h2 className={classes.heading}>{x.rightsTitle}</h2>
            <p>{x.rights}</p>
          </>
        ),
        'rights',
      )}
      {row(
        (x) => (
          <>
            <h2 className={classes.heading}>{x.withdrawTitle}</h2>
            <p>{x.withdraw}</p>
          </>
        ),
        'withdraw',
      )}
      {row(
        (x) => (
          <>
            <h2 className={classes.heading}>{x.contactTitle}</h2>
            <p className={classes.contact} dir="ltr">
              {[office.officeName, office.officeLocation, office.officeContact].filter(Boolean).join('\n')}
            </p>
          </>
        ),
        'contact',
      )}
      <div className={classes.signatures}>
        {(['placeDate', 'signature', 'staffSignature'] as const).map((key) => (
          <div key={key} className={classes.signature}>
            {TEXTS.de[key]}
            {language && (
              <span lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
                {' / '}
                {TEXTS[language][key]}
              </span>
            )}
          </div>
        ))}
      </div>
      {row(
        (x) => (
          <p className={classes.footer}>
            {fill(x.version, values)}
            {x !== de && ` · ${x.translationNote}`}
          </p>
        ),
        'version',
      )}
    </div>
  );
}
