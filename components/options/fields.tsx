/** Small labelled controls shared by the options sections. */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export function Toggle(props: {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div class="qd-field qd-field--toggle">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} class="qd-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Select<T extends string | number>(props: {
  label: ComponentChildren;
  value: T;
  options: readonly T[];
  describe: (value: T) => string;
  onChange: (value: T) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div class="qd-field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        data-testid={props.testId}
        value={String(props.value)}
        onChange={(event) => {
          const chosen = props.options.find((option) => String(option) === event.currentTarget.value);
          if (chosen !== undefined) props.onChange(chosen);
        }}
      >
        {props.options.map((option) => (
          <option key={String(option)} value={String(option)}>
            {props.describe(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section(props: { id: string; title: string; intro?: string; children: ComponentChildren }) {
  return (
    <section class="qd-section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.intro && <p class="qd-intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** An error message tied to its field (`aria-describedby`), announced when it appears. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="qd-error" role="alert">
      {message}
    </p>
  );
}
