/** Small pieces the accounts and audit pages share: times, badges, notices, fields, diffs. */
import type { Child } from 'hono/jsx';
import type { StaffRole } from '../../../db/staff';
import { diffJson } from '../json-diff';

/** Times on the admin pages are the city's (the server may run anywhere). */
export const ADMIN_TIME_ZONE = 'Asia/Tokyo';
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ADMIN_TIME_ZONE,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatTime(at: number): string {
  return `${dateTime.format(new Date(at))} JST`;
}

export function Time({ at }: { at: number | null | undefined }) {
  if (at === null || at === undefined) return <span class="muted">—</span>;
  return <time datetime={new Date(at).toISOString()}>{formatTime(at)}</time>;
}

export function RoleBadge({ role }: { role: StaffRole }) {
  return (
    <span class="status-badge" data-tone={role === 'admin' ? 'info' : 'muted'}>
      {role === 'admin' ? 'Administrator' : 'Staff'}
    </span>
  );
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return (
    <span class="status-badge" data-tone={disabled ? 'danger' : 'ok'}>
      {disabled ? 'Disabled' : 'Active'}
    </span>
  );
}

export type NoticeTone = 'ok' | 'warn' | 'danger' | 'info';

export interface Notice {
  tone: NoticeTone;
  text: string;
}

export function NoticeBox({ notice }: { notice?: Notice }) {
  if (!notice) return null;
  return (
    <div class="notice" data-tone={notice.tone} role={notice.tone === 'danger' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
    </div>
  );
}

/** A new password, shown this once; the page is `no-store`, and nothing else keeps it. */
export function SecretOnce({ title, password, children }: { title: string; password: string; children?: Child }) {
  return (
    <div class="notice" data-tone="warn" role="status">
      <p>
        <strong>{title}</strong>
      </p>
      <div class="secret-once">
        <code id="new-password">{password}</code>
        <button type="button" class="button small" data-copy="new-password" hidden>
          Copy
        </button>
      </div>
      {children}
    </div>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: Child;
  class?: string;
}

/** A label, the control (given `id`), a hint and the field's error, tied together for screen readers. */
export function Field({ id, label, error, hint, children, class: extra }: FieldProps) {
  return (
    <div class={`field${error ? ' has-error' : ''}${extra ? ` ${extra}` : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <p class="field-error" id={`${id}-error`}>
        {error ?? ''}
      </p>
    </div>
  );
}

/** The attributes that tie a control to its Field's hint and error. */
export function describedBy(id: string, error: string | undefined, hint = false) {
  return {
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '),
  };
}

/** Before and after of an audit row as rows of changed fields. */
export function DiffTable({ before, after, limit = 40 }: { before: unknown; after: unknown; limit?: number }) {
  const rows = diffJson(before, after);
  if (rows.length === 0) return <span class="muted">no recorded change</span>;
  const shown = rows.slice(0, limit);
  return (
    <table class="diff">
      <thead class="visually-hidden">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr data-kind={row.kind}>
            <th scope="row" class="diff-key">
              {row.path}
            </th>
            {row.before === undefined ? <td class="diff-none">(none)</td> : <td class="diff-before">{row.before}</td>}
            {row.after === undefined ? <td class="diff-none">(none)</td> : <td class="diff-after">{row.after}</td>}
          </tr>
        ))}
        {rows.length > shown.length && (
          <tr>
            <td colspan={3} class="muted">
              {`and ${rows.length - shown.length} more changed fields`}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Words for the audit log's actions; others' sections add theirs here or are shown as recorded. */
export const ACTION_LABELS: Record<string, string> = {
  'account.create': 'Created an account',
  'account.role': 'Changed a role',
  'account.disable': 'Disabled an account',
  'account.enable': 'Re-enabled an account',
  'account.password_reset': 'Reset a password',
};

export function ActionName({ action }: { action: string }) {
  const label = ACTION_LABELS[action];
  return (
    <>
      {label && <span class="cell-main">{label}</span>}
      <code class={label ? 'cell-sub mono' : 'mono'}>{action}</code>
    </>
  );
}
