/**
 * The analytics page: a period picker, the key figures, and for each topic a chart (SVG drawn
 * on the server, ./charts.ts) with the same figures as a table under it. Works without script;
 * analytics.js only applies a new period as soon as it is picked.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { SessionStaff } from '../../auth/session';
import { AdminLayout, ADMIN_HOME } from '../views/layout';
import { languageName } from '../review/language-names';
import { horizontalBarChart, PALETTE, stackedBarChart, type HorizontalBarsOptions, type StackedBarsOptions } from './charts';
import { formatCount, formatDuration, formatRate, shortDay } from './format';
import { dayText, parseDay, PERIOD_DAYS } from './period';
import type { DaySeries, Report } from './report';

export const ANALYTICS_HOME = `${ADMIN_HOME}/analytics`;

export interface AnalyticsPageProps {
  staff: SessionStaff;
  csrfToken: string;
  report: Report;
  /** Today in Japan (`YYYY-MM-DD`): the latest end a period can have. */
  today: string;
}

function Stat(props: { value: string; label: string }) {
  return (
    <p class="stat">
      <span class="stat-value">{props.value}</span>
      <span class="stat-label">{props.label}</span>
    </p>
  );
}

/**
 * A chart drawn twice: for a laptop, and narrow for a phone (labels above bars, fewer day
 * labels), so its text stays readable; CSS shows one (the other is display: none, hidden from
 * screen readers too).
 */
interface ChartPair {
  wide: string;
  narrow: string;
}

const NARROW = 360;

function stackedPair(options: StackedBarsOptions): ChartPair {
  return {
    wide: stackedBarChart({ ...options, id: `${options.id}-wide` }),
    narrow: stackedBarChart({ ...options, id: `${options.id}-narrow`, width: NARROW, height: 300 }),
  };
}

function barsPair(options: HorizontalBarsOptions, half: boolean): ChartPair {
  return {
    wide: horizontalBarChart({ ...options, id: `${options.id}-wide`, width: half ? 540 : 760 }),
    narrow: horizontalBarChart({ ...options, id: `${options.id}-narrow`, width: NARROW }),
  };
}

/** A chart and, under it, its figures as a table. */
function ChartCard(props: { id: string; title: string; lead?: string; svg: ChartPair; table: Child; wide?: boolean }) {
  return (
    <section class={`admin-card analytics-card${props.wide ? ' is-wide' : ''}`} aria-labelledby={`${props.id}-heading`}>
      <h2 class="admin-card-title" id={`${props.id}-heading`}>
        {props.title}
      </h2>
      {props.lead && <p class="analytics-lead muted">{props.lead}</p>}
      <figure class="analytics-chart">
        <div class="chart-wide">{raw(props.svg.wide)}</div>
        <div class="chart-narrow">{raw(props.svg.narrow)}</div>
      </figure>
      <details class="disclosure analytics-data">
        <summary>Data table</summary>
        <div class="table-wrap">{props.table}</div>
      </details>
    </section>
  );
}

/** Days down, series across, totals at the end. */
function DayTable(props: { caption: string; days: string[]; series: DaySeries[] }) {
  return (
    <table class="admin-table is-compact">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {props.series.map((series) => (
            <th scope="col" class="num">
              {series.label}
            </th>
          ))}
          <th scope="col" class="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {props.days.map((day, i) => (
          <tr>
            <th scope="row" class="nowrap">
              {day}
            </th>
            {props.series.map((series) => (
              <td class="num">{series.values[i]}</td>
            ))}
            <td class="num">{props.series.reduce((sum, series) => sum + series.values[i], 0)}</td>
          </tr>
        ))}
        <tr class="analytics-total">
          <th scope="row">Total</th>
          {props.series.map((series) => (
            <td class="num">{series.total}</td>
          ))}
          <td class="num">{props.series.reduce((sum, series) => sum + series.total, 0)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function SimpleTable(props: { caption: string; head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <table class="admin-table is-compact">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((cell, i) => (
            <th scope="col" class={i ? 'num' : undefined}>
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length ? (
          props.rows.map((row) => (
            <tr>
              {row.map((cell, i) => (i ? <td class="num">{cell}</td> : <th scope="row">{cell}</th>))}
            </tr>
          ))
        ) : (
          <tr>
            <td colspan={props.head.length} class="muted">
              No data in this period.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function PeriodPicker(props: { report: Report; today: string }) {
  const { days, end } = props.report.period;
  const endDay = parseDay(end)!;
  const earlier = dayText(endDay - days);
  const later = dayText(Math.min(parseDay(props.today)!, endDay + days));
  return (
    <form class="admin-toolbar analytics-period" id="analytics-period" method="get" action={ANALYTICS_HOME} aria-label="Period">
      <div class="field">
        <label for="analytics-days">Period</label>
        <select id="analytics-days" name="days">
          {PERIOD_DAYS.map((n) => (
            <option value={String(n)} selected={n === days}>
              Last {n} days
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="analytics-end">Ending on (Japan time)</label>
        <input id="analytics-end" name="end" type="date" value={end} max={props.today} />
      </div>
      <button type="submit" class="button">
        Show
      </button>
      <span class="grow"></span>
      <nav class="button-row analytics-step" aria-label="Other periods">
        <a class="button ghost" href={`${ANALYTICS_HOME}?days=${days}&end=${earlier}`}>
          ← Earlier
        </a>
        {end < props.today && (
          <a class="button ghost" href={`${ANALYTICS_HOME}?days=${days}&end=${later}`}>
            Later →
          </a>
        )}
      </nav>
    </form>
  );
}

export function AnalyticsPage({ staff, csrfToken, report, today }: AnalyticsPageProps) {
  const { totals, helpful, handoff, ratings, unanswered } = report;
  const days = report.period.dayTexts;
  const range = `${report.period.start} to ${report.period.end}`;
  const axis = days.map(shortDay);
  const topLanguage = [...report.messagesByLanguage].sort((a, b) => b.total - a.total)[0];
  const decisionWords = report.decisions.map((series) => `${series.label.toLowerCase()} ${series.total}`).join(', ');

  return (
    <AdminLayout title="Analytics" section="analytics" staff={staff} csrfToken={csrfToken} scripts={['admin/analytics.js']} styles={['admin/analytics.css']}>
      <p class="admin-lead">
        How the service is doing from {report.period.start} to {report.period.end} (days in Japan time). Every chart has its figures in a table under it.
      </p>
      <PeriodPicker report={report} today={today} />

      <div class="stats">
        <Stat value={formatCount(totals.messages)} label="messages from residents" />
        <Stat value={formatCount(totals.residents)} label="residents who wrote" />
        <Stat value={formatRate(totals.answerRate)} label={`of ${formatCount(totals.replies)} bot replies answered`} />
        <Stat value={formatCount(totals.fallbacks)} label="questions the bot could not answer" />
        <Stat value={formatRate(helpful.overall.rate)} label={`helpful (${helpful.overall.helpful} of ${helpful.overall.total} ratings)`} />
        <Stat value={formatDuration(handoff.waiting.median)} label="median wait for a person" />
      </div>

      <div class="analytics-grid">
        <ChartCard
          id="chart-messages"
          wide
          title="Messages per day by language"
          svg={stackedPair({
            id: 'chart-messages-svg',
            title: 'Messages per day by language',
            description: `Residents' messages per day, ${range}, stacked by language: ${formatCount(totals.messages)} in all${topLanguage ? `, most in ${topLanguage.label} (${topLanguage.total})` : ''}.`,
            categories: axis,
            unit: 'messages',
            series: report.messagesByLanguage,
          })}
          table={<DayTable caption={`Messages per day by language, ${range}`} days={days} series={report.messagesByLanguage} />}
        />
        <ChartCard
          id="chart-decisions"
          wide
          title="What the bot did"
          lead="Each reply of the bot: answered, asked which entry was meant, could not answer, or handed the chat to a person."
          svg={stackedPair({
            id: 'chart-decisions-svg',
            title: 'The bot’s decisions per day',
            description: `The bot's replies per day, ${range}, by decision: ${decisionWords}.`,
            categories: axis,
            unit: 'replies',
            series: report.decisions,
          })}
          table={<DayTable caption={`The bot's decisions per day, ${range}`} days={days} series={report.decisions} />}
        />
        <ChartCard
          id="chart-entries"
          title="Top entries answered"
          svg={barsPair({
            id: 'chart-entries-svg',
            title: 'Top entries answered',
            description: `The FAQ entries the bot answered with most often, ${range}.`,
            bars: report.topEntries.map((entry) => ({ label: entry.title, value: entry.count })),
            color: PALETTE[2],
          }, true)}
          table={<SimpleTable caption="Top entries answered" head={['Entry', 'Answers']} rows={report.topEntries.map((entry) => [`${entry.title} (${entry.entryId})`, entry.count])} />}
        />
        <ChartCard
          id="chart-helpful"
          title="Helpful rate"
          lead={`Residents' taps on “helpful” / “not helpful” under an answer: ${formatRate(helpful.overall.rate)} helpful overall.`}
          svg={barsPair({
            id: 'chart-helpful-svg',
            title: 'Helpful rate per entry',
            description: `Share of ratings that said helpful, per entry, ${range}; overall ${formatRate(helpful.overall.rate)} of ${helpful.overall.total}.`,
            bars: helpful.entries.slice(0, 10).map((entry) => ({ label: entry.title, value: entry.rate ?? 0, note: `${entry.helpful} of ${entry.total}` })),
            max: 1,
            format: formatRate,
            color: PALETTE[0],
          }, true)}
          table={
            <SimpleTable
              caption="Helpful rate per entry"
              head={['Entry', 'Helpful', 'Ratings', 'Rate']}
              rows={[
                ...helpful.entries.map((entry) => [`${entry.title} (${entry.entryId})`, entry.helpful, entry.total, formatRate(entry.rate)]),
                ...(helpful.overall.total ? [['All entries', helpful.overall.helpful, helpful.overall.total, formatRate(helpful.overall.rate)]] : []),
              ]}
            />
          }
        />
        <ChartCard
          id="chart-unanswered"
          wide
          title="Top unanswered questions"
          lead={`${unanswered.total} questions the bot could not answer, in groups of similar questions; ${unanswered.open} still open in the review queue.`}
          svg={barsPair({
            id: 'chart-unanswered-svg',
            title: 'Top unanswered questions',
            description: `The most frequent groups of questions the bot could not answer, ${range}.`,
            bars: unanswered.groups.map((group) => ({ label: group.example, value: group.count, note: `${group.open} open` })),
            color: PALETTE[1],
          }, false)}
          table={
            <SimpleTable
              caption="Top unanswered questions"
              head={['Question (an example of the group)', 'Asked', 'Still open', 'Languages']}
              rows={unanswered.groups.map((group) => [group.example, group.count, group.open, group.languages.map(languageName).join(', ')])}
            />
          }
        />
        <ChartCard
          id="chart-handoff"
          title="Waiting for a person, and handling"
          lead={`Waiting: from the request for a person to a staff member taking it (${handoff.waiting.count} handoffs). Handling: from taking it to resolved (${handoff.handling.count}).${handoff.stillWaiting ? ` ${handoff.stillWaiting} requests of the period were still waiting at its end.` : ''}`}
          svg={barsPair({
            id: 'chart-handoff-svg',
            title: 'Handoff waiting and handling times',
            description: `Waiting median ${formatDuration(handoff.waiting.median)}, 90th percentile ${formatDuration(handoff.waiting.p90)}; handling median ${formatDuration(handoff.handling.median)}, 90th percentile ${formatDuration(handoff.handling.p90)}.`,
            bars:
              handoff.waiting.count || handoff.handling.count
                ? [
                    { label: 'Waiting, median', value: handoff.waiting.median ?? 0, color: PALETTE[3] },
                    { label: 'Waiting, 90th percentile', value: handoff.waiting.p90 ?? 0, color: PALETTE[3] },
                    { label: 'Handling, median', value: handoff.handling.median ?? 0, color: PALETTE[6] },
                    { label: 'Handling, 90th percentile', value: handoff.handling.p90 ?? 0, color: PALETTE[6] },
                  ]
                : [],
            format: formatDuration,
          }, true)}
          table={
            <SimpleTable
              caption="Handoff waiting and handling times"
              head={['', 'Count', 'Median', '90th percentile']}
              rows={[
                ['Waiting for a person', handoff.waiting.count, formatDuration(handoff.waiting.median), formatDuration(handoff.waiting.p90)],
                ['Handling', handoff.handling.count, formatDuration(handoff.handling.median), formatDuration(handoff.handling.p90)],
              ]}
            />
          }
        />
        <ChartCard
          id="chart-ratings"
          title="Residents' ratings of resolved consultations"
          lead={`${ratings.resolved} consultations resolved by staff; the resident rates each with one tap.`}
          svg={barsPair({
            id: 'chart-ratings-svg',
            title: 'Ratings of resolved consultations',
            description: `${ratings.good} good, ${ratings.bad} not good, ${ratings.unrated} not rated, of ${ratings.resolved} resolved.`,
            bars: ratings.resolved
              ? [
                  { label: 'Good', value: ratings.good, color: PALETTE[2] },
                  { label: 'Not good', value: ratings.bad, color: PALETTE[5] },
                  { label: 'Not rated', value: ratings.unrated, color: PALETTE[8] },
                ]
              : [],
            max: ratings.resolved || undefined,
          }, true)}
          table={
            <SimpleTable
              caption="Ratings of resolved consultations"
              head={['Rating', 'Consultations']}
              rows={ratings.resolved ? [['Good', ratings.good], ['Not good', ratings.bad], ['Not rated', ratings.unrated], ['Resolved', ratings.resolved]] : []}
            />
          }
        />
      </div>
    </AdminLayout>
  );
}
