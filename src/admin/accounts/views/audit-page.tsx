/** /console/admin/audit: every admin action, newest first, with filters and paging. */
import type { SessionStaff } from '../../../auth/session';
import type { AuditEntry } from '../../audit';
import { AdminLayout } from '../../views/layout';
import { AUDIT_PATH } from '../paths';
import { ActionName, DiffTable, Time } from './parts';

export interface AuditFilters {
  action?: string;
  target?: string;
}

export interface AuditPageProps {
  staff: SessionStaff;
  csrfToken: string;
  entries: AuditEntry[];
  filters: AuditFilters;
  /** The id to continue from for older entries, if there are any. */
  next: number | null;
  /** True when this is not the newest page. */
  paged: boolean;
  /** Actions seen in the log, for the filter's suggestions. */
  actions: string[];
  /** Names for targets the page can resolve (e.g. `account:3` → the account's display name). */
  targetNames: Map<string, string>;
}

export function auditHref(filters: AuditFilters, before?: number): string {
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.target) query.set('target', filters.target);
  if (before !== undefined) query.set('before', String(before));
  const search = query.toString();
  return search ? `${AUDIT_PATH}?${search}` : AUDIT_PATH;
}

/** Action prefixes offered in the filter: each section's (`faq.`, `account.`), then whole actions. */
function suggestions(actions: string[]): string[] {
  const prefixes = new Set(actions.map((action) => `${action.split('.')[0]}.`));
  return [...[...prefixes].sort(), ...actions];
}

export function AuditPage({ staff, csrfToken, entries, filters, next, paged, actions, targetNames }: AuditPageProps) {
  const filtered = Boolean(filters.action || filters.target);
  return (
    <AdminLayout title="Audit log" section="audit" staff={staff} csrfToken={csrfToken}>
      <p class="admin-lead">Every change an administrator made: who, when, what it acted on, and the fields before and after. Newest first.</p>
      <form method="get" action={AUDIT_PATH} class="admin-toolbar" role="search">
        <div class="field">
          <label for="filter-action">Action starts with</label>
          <input id="filter-action" name="action" value={filters.action ?? ''} list="audit-actions" placeholder="e.g. account. or faq.update" autocomplete="off" />
          <datalist id="audit-actions">
            {suggestions(actions).map((action) => (
              <option value={action}></option>
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="filter-target">Target</label>
          <input id="filter-target" name="target" value={filters.target ?? ''} placeholder="e.g. account:3 or faq:garbage" autocomplete="off" />
        </div>
        <div class="button-row">
          <button type="submit" class="button primary">
            Filter
          </button>
          {filtered && (
            <a class="button ghost" href={AUDIT_PATH}>
              Clear
            </a>
          )}
        </div>
      </form>
      {entries.length === 0 ? (
        <p class="empty">{filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table is-stacked" id="audit">
            <caption class="visually-hidden">Audit log entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr data-audit-id={String(entry.id)}>
                  <td data-label="When" class="nowrap">
                    <Time at={entry.createdAt} />
                  </td>
                  <td data-label="Who">{entry.staff ? entry.staff.displayName : <span class="muted">system</span>}</td>
                  <td data-label="Action">
                    <ActionName action={entry.action} />
                  </td>
                  <td data-label="Target">
                    {entry.target ? (
                      <>
                        <a class="mono" href={auditHref({ target: entry.target })} title="Only this target">
                          {entry.target}
                        </a>
                        {targetNames.has(entry.target) && <span class="cell-sub">{targetNames.get(entry.target)}</span>}
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td data-label="Changes" class="is-block">
                    <DiffTable before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Pages">
        <span>{paged ? <a href={auditHref(filters)}>← Newest</a> : 'Newest entries'}</span>
        <span>{next !== null && <a href={auditHref(filters, next)} rel="next">Older →</a>}</span>
      </nav>
    </AdminLayout>
  );
}
