/** Mastery per skill, grouped by section and domain (8 domains, 29 skills), each cell a link to practise it. */
import type { Progress } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { TAXONOMY } from '../../../../src/content/taxonomy.ts';

const LEVELS = [
  { min: 0.8, cls: 'heat-5', label: '80–100%' },
  { min: 0.6, cls: 'heat-4', label: '60–79%' },
  { min: 0.4, cls: 'heat-3', label: '40–59%' },
  { min: 0.2, cls: 'heat-2', label: '20–39%' },
  { min: 0, cls: 'heat-1', label: 'under 20%' },
];
const levelOf = (m: number) => LEVELS.find((l) => m >= l.min)!;

/**
 * A skill's cell: measured by answers; estimated (a diagnostic placed every skill of its
 * section from the few it asked, so a skill never answered shows "≈30%", not a firm "30%");
 * or not measured at all.
 */
function cellOf(name: string, s: Progress['skills'][number] | undefined, own: boolean): { shown: string; said: string; title: string; cls: string } {
  if (!s?.measured) return { shown: '–', said: 'not measured yet', title: `${name}: not measured yet`, cls: 'heat-none' };
  const pct = Math.round(s.mastery * 100);
  if (s.responses === 0) {
    const said = `about ${pct}% mastery, estimated from ${own ? 'your' : 'the student’s'} diagnostic until ${own ? 'you answer' : 'they answer'} questions on it`;
    return { shown: `≈${pct}%`, said, title: `${name}: ${said}`, cls: `${levelOf(s.mastery).cls} heat-estimated` };
  }
  return { shown: `${pct}%`, said: `${pct}% mastery`, title: `${name}: ${pct}% mastery`, cls: levelOf(s.mastery).cls };
}

/** `own`: the student reads their own mastery; a tutor or parent reads the student's. */
export function Heatmap({ skills, readOnly, own = true }: { skills: Progress['skills']; readOnly?: boolean; own?: boolean }) {
  const bySkill = new Map(skills.map((s) => [s.skill, s]));
  return (
    <section className="card heatmap" aria-labelledby="heat-title">
      <h2 id="heat-title">Mastery by skill</h2>
      {TAXONOMY.sections.map((sec) => (
        <div key={sec.id} className="heat-section">
          <h3>{sec.name}</h3>
          {sec.domains.map((d) => (
            <div key={d.id} className="heat-domain">
              <h4 className="heat-domain-name">{d.name}</h4>
              <ul className="heat-cells">
                {d.skills.map((k) => {
                  const cell = cellOf(k.name, bySkill.get(k.id), own);
                  const body = (
                    <>
                      <span className="heat-pct">{cell.shown}</span>
                      <span className="heat-name">{k.name}</span>
                    </>
                  );
                  return (
                    <li key={k.id}>
                      {readOnly ? (
                        <div className={`heat-cell ${cell.cls}`} title={cell.title}>
                          {body}
                          <span className="visually-hidden">, {cell.said}</span>
                        </div>
                      ) : (
                        <Link to={`/practice?skill=${k.id}`} className={`heat-cell ${cell.cls}`} title={cell.title}>
                          {body}
                          <span className="visually-hidden">, {cell.said}. Practise this skill.</span>
                        </Link>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      ))}
      <ul className="heat-legend" aria-label="Colour key">
        {[...LEVELS].reverse().map((l) => (
          <li key={l.cls}>
            <span className={`swatch ${l.cls}`} aria-hidden="true" /> {l.label}
          </li>
        ))}
        <li>
          <span className="swatch heat-3 heat-estimated" aria-hidden="true" /> ≈ estimated from the diagnostic
        </li>
        <li>
          <span className="swatch heat-none" aria-hidden="true" /> not measured
        </li>
      </ul>
    </section>
  );
}
