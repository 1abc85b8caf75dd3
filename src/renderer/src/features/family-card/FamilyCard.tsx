import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import ar from '../../../../../locales/ar/card.json';
import de from '../../../../../locales/de/card.json';
import en from '../../../../../locales/en/card.json';
import ru from '../../../../../locales/ru/card.json';
import tr from '../../../../../locales/tr/card.json';
import uk from '../../../../../locales/uk/card.json';
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../../../../shared/domain/lists';
import classes from './FamilyCard.module.css';

/** Card texts for the languages documents exist in; other languages get German. */
export const CARD_TEXTS: Record<DocumentLanguage, typeof de> = { de, en, tr, ar, ru, uk };

export function cardLanguage(preferred: string | null): DocumentLanguage {
  return (DOCUMENT_LANGUAGES as readonly string[]).includes(preferred ?? '') ? (preferred as DocumentLanguage) : 'de';
}

/**
 * The printable family card (credit-card size): family name, short code and
 * a QR code of that code for the counter check-in. German and, where the text
 * exists, the family's preferred language.
 */
export function FamilyCard({ displayName, code, preferredLanguage, officeName }: { displayName: string; code: string; preferredLanguage: string | null; officeName?: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const language = cardLanguage(preferredLanguage);
  const text = CARD_TEXTS[language];
  const german = CARD_TEXTS.de;

  useEffect(() => {
    void QRCode.toDataURL(code, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then(setQr);
  }, [code]);

  return (
    <div className={classes.card} data-testid="family-card">
      <div className={classes.text}>
        <div className={classes.title}>
          {german.title}
          {language !== 'de' && (
            <span lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
              {' · '}
              {text.title}
            </span>
          )}
        </div>
        <div className={classes.name}>{displayName}</div>
        <div className={classes.codeLabel}>
          {german.code}
          {language !== 'de' && ` / ${text.code}`}
        </div>
        <div className={classes.code}>{code}</div>
        <div className={classes.small} lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
          {text.bring}
        </div>
        <div className={classes.small}>{officeName ? `${german.office}: ${officeName}` : german.project}</div>
      </div>
      {qr && <img className={classes.qr} src={qr} alt={`QR ${code}`} />}
    </div>
  );
}
