// The versions of a corrected request on its page ("Versi 1", "Versi 2", …):
// when and by whom each was sent, what changed from the one before, and its
// photos (a replaced photo stays viewable to whoever may see the request,
// until the retention period removes it); and the retention note.
import type { Services } from '../../wiring.js';
import { formatTime } from '../../ui/format.js';
import type { PageCtx } from '../../ui/page.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { diffVersions, type Change, type VersionContent } from './rules-versions.js';

type Detail = Awaited<ReturnType<Services['requests']['get']>>;

interface VersionView {
  n: number;
  at: Date;
  by: string;
  content: VersionContent;
  current: boolean;
}

/** Every version of the request, the first to the current one. */
export function versionsOf(d: Detail): VersionView[] {
  const r = d.request;
  const submitter = d.transitions.find((x) => x.action === 'submit')?.actor_name ?? '';
  const views: VersionView[] = d.versions.map((v, i) => ({
    n: v.version_no,
    at: i === 0 ? r.submitted_at : d.versions[i - 1]!.replaced_at,
    by: i === 0 ? submitter : (d.versions[i - 1]!.replaced_by_name ?? ''),
    content: { purpose: v.purpose, fields: v.field_values, attachments: v.attachments },
    current: false,
  }));
  const last = d.versions[d.versions.length - 1];
  views.push({
    n: (last?.version_no ?? 0) + 1,
    at: last ? last.replaced_at : r.submitted_at,
    by: last ? (last.replaced_by_name ?? '') : submitter,
    content: {
      purpose: r.purpose,
      fields: r.field_values,
      attachments: d.attachments.map((a) => ({ id: a.id, kind: a.kind })),
    },
    current: true,
  });
  return views;
}

function ChangeLine(p: { pc: PageCtx; c: Change; fieldLabel: Map<string, string>; attLabel: Map<string, string> }) {
  const t = p.pc.t;
  const c = p.c;
  switch (c.what) {
    case 'purpose':
      return <li data-testid="version-change">{t('req.versions.purpose', { from: c.from, to: c.to })}</li>;
    case 'field':
      return (
        <li data-testid="version-change">
          {t('req.versions.field', { field: p.fieldLabel.get(c.name) ?? c.name, from: c.from, to: c.to })}
        </li>
      );
    case 'attachment':
      return (
        <li data-testid="version-change">
          {t(`req.versions.file_${c.change}`, { name: p.attLabel.get(c.kind) ?? c.kind })}
        </li>
      );
  }
}

export function VersionHistory(p: { pc: PageCtx; d: Detail }) {
  if (!p.d.versions.length) return null;
  const t = p.pc.t;
  const r = p.d.request;
  const ty = r.type_snapshot;
  const fieldLabel = new Map(ty.fields.map((f) => [f.name, f.label]));
  const attLabel = new Map(ty.attachments.map((a) => [a.kind, a.label]));
  const kept = new Set(p.d.allAttachments.map((a) => a.id));
  const versions = versionsOf(p.d);
  const order = ty.fields.map((f) => f.name);
  return (
    <section data-testid="versions" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('req.versions.title')}</h2>
      {versions.map((v, i) => {
        const prev = versions[i - 1];
        const changes = prev ? diffVersions(prev.content, v.content, order) : [];
        return (
          <section class="card" data-testid="version" data-version={String(v.n)}>
            <h3>
              {t('req.versions.version', { n: v.n })}
              {v.current ? <span class="tag tag--blue"> {t('req.versions.current')}</span> : null}
            </h3>
            <p class="muted">
              {t(i === 0 ? 'req.versions.first' : 'req.versions.corrected', {
                at: formatTime(v.at, p.pc),
                name: v.by,
              })}
            </p>
            {prev ? (
              <>
                <p>{t('req.versions.changes', { n: prev.n })}</p>
                {changes.length ? (
                  <ul>
                    {changes.map((c) => (
                      <ChangeLine pc={p.pc} c={c} fieldLabel={fieldLabel} attLabel={attLabel} />
                    ))}
                  </ul>
                ) : (
                  <p>{t('req.versions.no_change')}</p>
                )}
              </>
            ) : null}
            {v.content.attachments.length ? (
              <>
                <p>{t('req.versions.files')}</p>
                <ul>
                  {v.content.attachments.map((a) =>
                    kept.has(a.id) ? (
                      <li>
                        <a href={`/api/v1/requests/${r.id}/attachments/${a.id}`} data-testid="version-attachment">
                          {attLabel.get(a.kind) ?? a.kind}
                        </a>
                      </li>
                    ) : (
                      <li>{t('req.versions.file_gone', { name: attLabel.get(a.kind) ?? a.kind })}</li>
                    ),
                  )}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

/** How long the attachments stay (UU 27/2022 PDP), or that they are gone. */
export function RetentionNote(p: { pc: PageCtx; d: Detail }) {
  const due = p.d.attachmentsDue;
  if (!due || !p.d.request.type_snapshot.attachments.length) return null;
  const t = p.pc.t;
  if (!p.d.allAttachments.length)
    return (
      <p class="muted" data-testid="attachments-removed">
        {t('req.detail.attachments_removed')}
      </p>
    );
  const date =
    p.pc.locale === 'id'
      ? formatIndonesianDate(due.toISOString(), p.pc.timeZone)
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: p.pc.timeZone }).format(due);
  return (
    <p class="muted" data-testid="attachments-until">
      {t('req.detail.attachments_until', { date })}
    </p>
  );
}
