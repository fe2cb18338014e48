import { useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import {
  createDefaultSettings,
  exportSettings,
  importSettingsInto,
  MAX_IMPORT_BYTES,
  type SaveResult,
  type Settings,
} from '@/lib/settings';
import { Section } from './fields';
import { labelImportError } from './labels';

type Message = { kind: 'ok' | 'error'; text: string } | undefined;

export function BackupSection(props: { settings: Settings; save: (next: Settings) => Promise<SaveResult> }) {
  const [message, setMessage] = useState<Message>();
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const download = () => {
    const blob = new Blob([exportSettings(props.settings)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `qingdu-settings-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    // Give the download a moment to start before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage(undefined);
  };

  const importFile = async (file: File) => {
    const failed = (text: string) => setMessage({ kind: 'error', text: i18n.t('options.backup.importFailed', [text]) });
    // Refuse a huge file before reading it into memory.
    if (file.size > MAX_IMPORT_BYTES) return failed(labelImportError({ reason: 'too-large', bytes: file.size }));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return failed(labelImportError({ reason: 'not-json', detail: '' }));
    }
    const { result, saved } = await importSettingsInto(text, props.save);
    if (!result.ok) return failed(labelImportError(result.error));
    if (saved && !saved.ok) return failed(saved.reason === 'invalid' ? saved.path : saved.detail);
    setMessage({
      kind: 'ok',
      text:
        result.dropped.length > 0
          ? i18n.t('options.backup.importedDropped', [result.dropped.join(', ')])
          : i18n.t('options.backup.imported'),
    });
  };

  const reset = async () => {
    setConfirming(false);
    const saved = await props.save(createDefaultSettings());
    setMessage(
      saved.ok
        ? { kind: 'ok', text: i18n.t('options.backup.resetDone') }
        : { kind: 'error', text: saved.reason === 'invalid' ? saved.path : saved.detail },
    );
  };

  return (
    <Section id="backup" title={i18n.t('options.backup.title')} intro={i18n.t('options.backup.intro')}>
      <div class="qd-actions">
        <button type="button" class="qd-button" data-testid="export" onClick={download}>
          {i18n.t('options.backup.export')}
        </button>
        <button type="button" class="qd-button" data-testid="import" onClick={() => fileInput.current?.click()}>
          {i18n.t('options.backup.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          class="qd-visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-file"
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (file) void importFile(file);
          }}
        />
        {!confirming && (
          <button
            type="button"
            class="qd-button qd-button--danger"
            data-testid="reset"
            onClick={() => {
              setConfirming(true);
              setMessage(undefined);
            }}
          >
            {i18n.t('options.backup.reset')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="qd-confirm" role="alertdialog" aria-labelledby="reset-question" data-testid="reset-confirm">
          <p id="reset-question">{i18n.t('options.backup.resetQuestion')}</p>
          <div class="qd-actions">
            <button type="button" class="qd-button qd-button--danger" data-testid="reset-yes" onClick={reset}>
              {i18n.t('options.backup.resetYes')}
            </button>
            <button
              type="button"
              class="qd-button"
              // biome-ignore lint/a11y/noAutofocus: focus moves into the confirmation the reader just opened.
              autoFocus
              onClick={() => setConfirming(false)}
            >
              {i18n.t('options.backup.cancel')}
            </button>
          </div>
        </div>
      )}
      <p
        class={message?.kind === 'error' ? 'qd-error' : 'qd-success'}
        role="status"
        aria-live="polite"
        data-testid="backup-message"
      >
        {message?.text ?? ''}
      </p>
    </Section>
  );
}
