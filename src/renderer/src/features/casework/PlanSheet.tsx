import ar from '../../../../../locales/ar/plan.json';
import de from '../../../../../locales/de/plan.json';
import en from '../../../../../locales/en/plan.json';
import ru from '../../../../../locales/ru/plan.json';
import tr from '../../../../../locales/tr/plan.json';
import uk from '../../../../../locales/uk/plan.json';
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../../../../shared/domain/lists';
import type { Plan } from '../../../../shared/rpc/areas/plans';
import { formatDate } from '../../i18n';
import classes from './PlanSheet.module.css';

/** The plan's labels for families (locales/<lng>/plan.json), in every language documents exist in. */
const LABELS: Record<DocumentLanguage, typeof de> = { de, en, tr, ar, ru, uk };

/** The family's preferred language where the plan's labels exist in it; German otherwise. */
export function planLanguage(preferred: string | null): DocumentLanguage {
  return preferred && (DOCUMENT_LANGUAGES as readonly string[]).includes(preferred) ? (preferred as DocumentLanguage) : 'de';
}

/**
 * The support plan printed for the conversation with the family (A4): the
 * labels in the chosen language (Arabic right to left), the goals, measures
 * and reviews as the caseworkers wrote them, the office's name.
 */
export function PlanSheet({
  plan,
  language,
  family,
  officeName,
  ownerName,
}: {
  plan: Plan;
  language: DocumentLanguage;
  family: { displayName: string; code: string };
  officeName: string;
  ownerName: (measure: Plan['goals'][number]['measures'][number]) => string;
}) {
  const x = LABELS[language];
  const day = (iso: string | null) => (iso ? formatDate(language, new Date(iso), { dateStyle: 'medium' }) : '—');
  return (
    <div className={classes.sheet} lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'} data-testid="plan-sheet">
      <h1 className={classes.title}>{x.title}</h1>
      <p className={classes.meta}>
        {x.family}: <strong>{family.displayName}</strong> · {x.code}: <strong>{family.code}</strong>
        <br />
        {x.office}: {officeName} · {x.asOf}: {day(new Date().toISOString())}
      </p>
      {plan.goals.map((g, i) => (
        <section key={g.id} className={classes.goal}>
          <h2>
            {x.goal} {i + 1}: {g.description}
          </h2>
          <p>
            {x.field} {g.fieldOfAction} · {x.period}: {day(g.startOn)} – {day(g.targetOn)} · {x.status}: {x.goalStatus[g.status]}
          </p>
          {g.measures.length > 0 && (
            <table className={classes.table}>
              <thead>
                <tr>
                  <th>{x.measures}</th>
                  <th>{x.owner}</th>
                  <th>{x.due}</th>
                  <th>{x.status}</th>
                </tr>
              </thead>
              <tbody>
                {g.measures.map((m) => (
                  <tr key={m.id}>
                    <td>{m.description}</td>
                    <td>{ownerName(m)}</td>
                    <td>{day(m.dueOn)}</td>
                    <td>{x.measureStatus[m.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {plan.reviews.length > 0 && (
        <section className={classes.goal}>
          <h2>{x.reviews}</h2>
          {plan.reviews.map((r) => (
            <p key={r.id}>
              {day(r.heldOn)}: {r.outcome}
              {r.nextReviewOn && ` · ${x.nextReview}: ${day(r.nextReviewOn)}`}
            </p>
          ))}
        </section>
      )}
      <div className={classes.signatures}>
        <div>{x.signFamily}</div>
        <div>{x.signStaff}</div>
      </div>
    </div>
  );
}
