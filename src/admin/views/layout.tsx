/**
 * The frame of every admin page: the top bar with the sections, the signed-in admin, sign-out,
 * and the page's own stylesheet and script (no inline script or style: the CSP forbids both).
 */
import type { Child } from 'hono/jsx';
import type { SessionStaff } from '../../auth/session';
import { CONSOLE_HOME } from '../../auth/next-path';
import { PageHead, SignOutForm } from '../../console/views/page-parts';

export const ADMIN_HOME = `${CONSOLE_HOME}/admin`;

export const ADMIN_SECTIONS = [
  { id: 'faq', label: 'FAQ', href: `${ADMIN_HOME}/faq` },
  { id: 'review', label: 'Unanswered', href: `${ADMIN_HOME}/review` },
  { id: 'disaster', label: 'Disaster mode', href: `${ADMIN_HOME}/disaster` },
  { id: 'analytics', label: 'Analytics', href: `${ADMIN_HOME}/analytics` },
  { id: 'accounts', label: 'Accounts', href: `${ADMIN_HOME}/accounts` },
  { id: 'audit', label: 'Audit log', href: `${ADMIN_HOME}/audit` },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number]['id'];

export interface AdminLayoutProps {
  title: string;
  section: AdminSection;
  staff: SessionStaff;
  csrfToken: string;
  /** Files under /console/static/ (e.g. 'admin/faq.js'); admin.css is always included. */
  scripts?: string[];
  styles?: string[];
  children?: Child;
}

export function AdminLayout(props: AdminLayoutProps) {
  const { title, section, staff, csrfToken } = props;
  return (
    <html lang="en">
      <PageHead title={`${title} · Yorisoi admin`}>
        <meta name="csrf-token" content={csrfToken} />
        <link rel="stylesheet" href={`${CONSOLE_HOME}/static/admin/admin.css`} />
        {(props.styles ?? []).map((file) => (
          <link rel="stylesheet" href={`${CONSOLE_HOME}/static/${file}`} />
        ))}
        {(props.scripts ?? []).map((file) => (
          <script type="module" src={`${CONSOLE_HOME}/static/${file}`}></script>
        ))}
      </PageHead>
      <body class="admin-page" data-section={section}>
        <a class="skip-link" href="#main">
          Skip to the content
        </a>
        <header class="topbar admin-topbar">
          <p class="brand">
            Yorisoi <span class="brand-sub">admin</span>
          </p>
          <nav class="admin-nav" aria-label="Admin sections">
            <a href={CONSOLE_HOME}>Console</a>
            {ADMIN_SECTIONS.map((item) => (
              <a href={item.href} aria-current={item.id === section ? 'page' : undefined}>
                {item.label}
              </a>
            ))}
          </nav>
          <div class="topbar-actions">
            <p class="whoami">
              <span class="visually-hidden">Signed in as </span>
              {staff.displayName}
              <span class="role-badge">admin</span>
            </p>
            <SignOutForm csrfToken={csrfToken} />
          </div>
        </header>
        <main id="main" class="admin-main" tabindex={-1}>
          <h1 class="admin-title">{title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
