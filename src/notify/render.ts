import type { NotifyEvent } from './events.ts';

// One message from one event or a digest of several (all about one connection), per channel:
// plain-text e-mail, Slack mrkdwn, and the webhook's JSON. A message lists the items themselves
// (at most MAX_ITEMS per event, then a link to the rest), each with its link.

export const MAX_ITEMS = 50;

export interface Mail {
  subject: string;
  text: string;
}

export function renderMail(events: readonly NotifyEvent[], settingsLink: string): Mail {
  const first = events[0];
  if (!first) throw new Error('a message needs at least one event');
  const name = first.connectionName;
  const subject =
    events.length === 1
      ? `[Palisade] ${name}: ${first.title}`
      : `[Palisade] ${name}: ${events.length} updates (${events.map((e) => e.title).join('; ')})`;
  const sections = events.map(sectionOf);
  const intro =
    events.length === 1 ? [] : [`${events.length} updates about ${name} since the last message.`, ''];
  const text = [
    ...intro,
    sections.join('\n\n'),
    '',
    '--',
    `You receive this because of your notification settings in Palisade: ${settingsLink}`,
    '',
  ].join('\n');
  return { subject: oneLine(subject, 250), text };
}

function sectionOf(event: NotifyEvent): string {
  const lines = [event.title, '-'.repeat(Math.min(event.title.length, 72)), event.summary];
  if (event.items.length > 0) lines.push('');
  for (const item of event.items.slice(0, MAX_ITEMS)) {
    lines.push(`- ${item.severity ? `[${item.severity.toUpperCase()}] ` : ''}${item.title}`);
    lines.push(`  ${item.detail}`);
    if (item.fix) lines.push(`  Fix: ${item.fix}`);
    lines.push(`  ${item.link}`);
  }
  const more = event.items.length - MAX_ITEMS;
  if (more > 0) lines.push(`… and ${more} more: ${event.link}`);
  lines.push('', `Open in Palisade: ${event.link}`);
  return lines.join('\n');
}

/** Slack's incoming-webhook body: mrkdwn text, links as <url|label>. */
export function renderSlack(events: readonly NotifyEvent[]): { text: string } {
  const parts = events.map((event) => {
    const lines = [
      `*${esc(event.title)}* — ${esc(event.connectionName)}`,
      esc(event.summary),
      ...event.items
        .slice(0, MAX_ITEMS)
        .map(
          (i) =>
            `• ${i.severity ? `[${i.severity.toUpperCase()}] ` : ''}<${i.link}|${esc(i.title)}>: ${esc(i.detail)}`,
        ),
    ];
    const more = event.items.length - MAX_ITEMS;
    if (more > 0) lines.push(`… and ${more} more`);
    lines.push(`<${event.link}|Open in Palisade>`);
    return lines.join('\n');
  });
  return { text: parts.join('\n\n') };
}

/** The signed webhook's body: every event whole, for a SIEM to index. */
export function webhookBody(deliveryId: string, events: readonly NotifyEvent[]) {
  return { id: deliveryId, source: 'palisade', events };
}

/** A test message, in the shape of an event so that every channel renders it its own way. */
export function testEvent(channelName: string, link: string, at: string): NotifyEvent {
  return {
    type: 'channel.test',
    connectionId: '',
    connectionName: 'Palisade',
    at,
    scanId: null,
    snapshotVersion: null,
    title: `Test message for ${channelName}`,
    summary: 'This is a test from Palisade: the channel works.',
    link,
    items: [],
  };
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
