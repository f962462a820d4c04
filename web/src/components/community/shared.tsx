/** Small pieces the community pages share. */
import { TAXONOMY, isSkillId, skill as skillInfo } from '../../../../src/content/taxonomy.ts';

export const skillLabel = (id: string | null) => (id && isSkillId(id) ? skillInfo(id).name : null);
export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** On a hidden post for the few who still see it: its author, so it does not vanish without a word, and the admins. */
export function HiddenBadge() {
  return (
    <span className="badge badge-bad" title="Hidden after reports or by a moderator: only its author and the moderators see it">
      Hidden by moderators
    </span>
  );
}

export function SkillSelect({ id, value, onChange, allLabel }: { id: string; value: string; onChange(v: string): void; allLabel: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{allLabel}</option>
      {TAXONOMY.sections.map((s) =>
        s.domains.map((d) => (
          <optgroup key={d.id} label={`${s.name} · ${d.name}`}>
            {d.skills.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </optgroup>
        )),
      )}
    </select>
  );
}
