import { i18n } from '#i18n';
import type { Settings } from '@/lib/settings';
import { Section } from './fields';

/** How much of a passage a button's name repeats (the row shows all of it). */
const NAME_LENGTH = 24;

function shorten(text: string): string {
  const characters = [...text];
  return characters.length > NAME_LENGTH ? `${characters.slice(0, NAME_LENGTH).join('')}…` : text;
}

/** Passages the reader keeps as the page wrote them ("Keep the original"): listed per site, removable. */
export function KeptOriginalsSection(props: {
  settings: Settings;
  change: (mutate: (draft: Settings) => void) => unknown;
}) {
  const kept = props.settings.keptOriginals;
  return (
    <Section id="kept" title={i18n.t('options.kept.title')} intro={i18n.t('options.kept.intro')}>
      {kept.length === 0 ? (
        <p class="qd-hint" data-testid="kept-empty">
          {i18n.t('options.kept.empty')}
        </p>
      ) : (
        <table class="qd-table" data-testid="kept-originals">
          <thead>
            <tr>
              <th scope="col">{i18n.t('options.kept.text')}</th>
              <th scope="col">{i18n.t('options.kept.site')}</th>
              <th scope="col">
                <span class="qd-visually-hidden">{i18n.t('options.kept.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {kept.map((entry) => (
              <tr
                key={`${entry.site}\n${entry.text}`}
                data-testid="kept-original"
                data-site={entry.site}
                data-text={entry.text}
              >
                <th scope="row">{entry.text}</th>
                <td>
                  <code>{entry.site}</code>
                </td>
                <td>
                  <button
                    type="button"
                    class="qd-button qd-button--quiet"
                    data-testid="kept-remove"
                    aria-label={i18n.t('options.kept.removeEntry', [shorten(entry.text), entry.site])}
                    onClick={() =>
                      props.change((draft) => {
                        draft.keptOriginals = draft.keptOriginals.filter(
                          (other) => !(other.site === entry.site && other.text === entry.text),
                        );
                      })
                    }
                  >
                    {i18n.t('options.kept.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
